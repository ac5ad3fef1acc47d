import type { z } from "zod";
import { ZSurveyAnswer, ZTicketInput } from "../../contract/experience.ts";
import { issueMessage } from "../../contract/issues.ts";
import { ZRenewalOutcomeRecord } from "../../contract/renewals.ts";
import { ZTouchpointUpdate } from "../../contract/touchpoints.ts";
import { parseEmail } from "./coerce.rules.ts";
import type { Plan } from "./mapping.rules.ts";
import { type Cells, hasExtraCells, issueCode, readCells, type Sink } from "./rows.rules.ts";
import type { ActivityEntity } from "./targets.rules.ts";

type V = string | number | boolean | null;

/** A ticket row: the ticket's input and the account it names (by external id or Steward id). */
export type TicketFileRow = {
  entity: "tickets";
  row: number;
  externalId: string | null;
  accountExternalId: string | null;
  accountId: string | null;
  input: Record<string, V>;
};

/** An answer row: the answer and the respondent's email. */
export type AnswerFileRow = {
  entity: "survey-responses";
  row: number;
  email: string;
  input: z.infer<typeof ZSurveyAnswer>;
};

/**
 * A touchpoint row: the touchpoint's own fields, and what the file names by email, key or label
 * (the account, employee, steps and key players), resolved before the journey module checks it.
 * `undefined` means the file does not fill it (kept on update); null an empty cell.
 */
export type TouchpointFileRow = {
  entity: "touchpoints";
  row: number;
  externalId: string | null;
  accountExternalId: string | null;
  accountId: string | null;
  employeeEmail: string | null | undefined;
  decisionStep: string | null | undefined;
  developmentStep: string | null | undefined;
  contactEmails: string[] | undefined;
  input: Record<string, V>;
};

/**
 * A renewal outcome row: the outcome as the renewals module records it, and the account it names.
 * `note` and `arrAfterMinor` are left out when the file does not fill them (kept on update).
 */
export type OutcomeFileRow = {
  entity: "renewal-outcomes";
  row: number;
  externalId: string | null;
  accountExternalId: string | null;
  accountId: string | null;
  input: z.infer<typeof ZRenewalOutcomeRecord>;
};

export type ActivityFileRow = TicketFileRow | AnswerFileRow | TouchpointFileRow | OutcomeFileRow;

const TICKET_FIELDS = [
  "subject",
  "priority",
  "openedAt",
  "closedAt",
  "firstResponseMinutes",
  "resolutionHours",
  "satisfaction",
  "escalated",
];

/**
 * The fields the file fills: an empty cell clears a nullable field (an unanswered satisfaction
 * stays unanswered, never 0) and leaves `escalated` as stored; unreadable cells are already reported.
 */
function filled(c: Cells, fields: string[]): Record<string, V> {
  const out: Record<string, V> = {};
  for (const f of fields) {
    if (!c.has(f) || c.failed.has(f)) continue;
    const v = c.get(f);
    if (v !== null || f !== "escalated") out[f] = v;
  }
  return out;
}

/**
 * The contract's own check of a row's input, each problem at its field with the API's message;
 * `fileField` names the file's field for an input path it fills another way (`arrAfterMinor` from
 * `arrAfter`).
 */
function contractCheck(
  c: Cells,
  schema: z.ZodType,
  input: unknown,
  fileField: Record<string, string> = {},
): void {
  const check = schema.safeParse(input, { error: issueMessage });
  if (check.success) return;
  for (const issue of check.error.issues) {
    const path = issue.path.map(String).join(".");
    const field = fileField[path] ?? path;
    if (c.failed.has(field)) continue;
    c.error(field, issueCode(issue), `${field || "row"} ${issue.message}`);
  }
}

/** The account a row names, by external id or Steward id; one of them is required. */
function accountOf(c: Cells) {
  const ref = {
    accountExternalId: c.get<string>("accountExternalId"),
    accountId: c.get<string>("accountId"),
  };
  if (!ref.accountExternalId && !ref.accountId && !c.failed.has("accountExternalId"))
    c.error("accountExternalId", "required", "accountExternalId is required");
  return ref;
}

const TICKET_CHECK = ZTicketInput.omit({ accountId: true, externalId: true });

function buildTicket(c: Cells): TicketFileRow {
  const ref = accountOf(c);
  const input = filled(c, TICKET_FIELDS);
  // Null cells are "clear this" for an update; the contract takes them as they are except where required.
  contractCheck(c, TICKET_CHECK, input);
  return { entity: "tickets", row: c.row, externalId: c.get<string>("externalId"), ...ref, input };
}

function buildAnswer(c: Cells): AnswerFileRow {
  const email = c.get<string>("email");
  if (!email && !c.failed.has("email")) c.error("email", "required", "email is required");
  const raw = filled(c, ["kind", "dimension", "score", "answeredAt", "comment"]);
  // Optional text left empty is absent, not null, for the answer's schema.
  const input = Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== null));
  for (const f of ["kind", "score", "answeredAt"])
    if (input[f] === undefined && !c.failed.has(f)) c.error(f, "required", `${f} is required`);
  if (!c.bad) contractCheck(c, ZSurveyAnswer, input);
  return {
    entity: "survey-responses",
    row: c.row,
    email: email ?? "",
    input: input as AnswerFileRow["input"],
  };
}

const TOUCHPOINT_CHECK = ZTouchpointUpdate.pick({
  channel: true,
  function: true,
  title: true,
  notes: true,
  occurredAt: true,
  qualityRating: true,
  experienceRating: true,
});
/** The contract's own limit on key players per touchpoint. */
const MAX_PLAYERS = 50;

/** Emails separated by `;` or `,` (each checked): none for an empty cell, undefined when not mapped. */
function readEmails(c: Cells): string[] | undefined {
  if (!c.has("contactEmails") || c.failed.has("contactEmails")) return undefined;
  const emails = [
    ...new Set((c.get<string>("contactEmails") ?? "").split(/[;,]/).map((e) => e.trim())),
  ].filter((e) => e !== "");
  const bad = emails.find((e) => !parseEmail(e).ok);
  if (bad !== undefined)
    c.error("contactEmails", "invalid_email", `contactEmails "${bad}" is not an email address`);
  else if (emails.length > MAX_PLAYERS)
    c.error("contactEmails", "out_of_range", `contactEmails must name at most ${MAX_PLAYERS} key players`);
  return emails;
}

function buildTouchpoint(c: Cells): TouchpointFileRow {
  const ref = accountOf(c);
  // An empty function is the employee's own (or the stored one); the others cannot be empty.
  const input = filled(c, [
    "channel",
    "function",
    "title",
    "notes",
    "occurredAt",
    "qualityRating",
    "experienceRating",
  ]);
  if (input.function === null) delete input.function;
  for (const f of ["channel", "title", "occurredAt"]) {
    if (input[f] === null) {
      c.error(f, "required", `${f} is required`);
      delete input[f];
    }
  }
  contractCheck(c, TOUCHPOINT_CHECK, input);
  const named = (f: string) => (c.has(f) && !c.failed.has(f) ? c.get<string>(f) : undefined);
  return {
    entity: "touchpoints",
    row: c.row,
    externalId: c.get<string>("externalId"),
    ...ref,
    employeeEmail: named("employeeEmail"),
    decisionStep: named("decisionStep"),
    developmentStep: named("developmentStep"),
    contactEmails: readEmails(c),
    input,
  };
}

/**
 * An outcome row: the date and outcome are required (a default often gives the outcome), an empty
 * reason is none (the renewals module asks for one when churned or downgraded), and an empty note
 * or ARR after clears it.
 */
function buildOutcome(c: Cells): OutcomeFileRow {
  const ref = accountOf(c);
  const raw = filled(c, ["date", "outcome", "reasonCode", "note"]);
  if (c.has("arrAfter") && !c.failed.has("arrAfter")) raw.arrAfterMinor = c.get("arrAfter");
  for (const f of ["date", "outcome"])
    if ((raw[f] ?? null) === null && !c.failed.has(f)) {
      c.error(f, "required", `${f} is required`);
      delete raw[f];
    }
  const input = { ...raw, reasonCode: raw.reasonCode ?? null };
  contractCheck(c, ZRenewalOutcomeRecord, input, { arrAfterMinor: "arrAfter" });
  return {
    entity: "renewal-outcomes",
    row: c.row,
    externalId: c.get<string>("externalId"),
    ...ref,
    input: input as OutcomeFileRow["input"],
  };
}

const BUILD = {
  tickets: buildTicket,
  "survey-responses": buildAnswer,
  touchpoints: buildTouchpoint,
  "renewal-outcomes": buildOutcome,
} as const;

/** Reads every data row; rows with problems report them and come back as null. */
export function readActivityRows(
  entity: ActivityEntity,
  plan: Plan,
  rows: string[][],
  width: number,
  sink: Sink,
): (ActivityFileRow | null)[] {
  return rows.map((cells, i) => {
    const row = i + 1;
    if (hasExtraCells(cells, width, row, sink)) return null;
    const c = readCells(plan, cells, row, sink);
    const built = BUILD[entity](c);
    return c.bad ? null : built;
  });
}
