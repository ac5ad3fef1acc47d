import { newId } from "../../common/ids.ts";
import type { ImportRowError } from "../../contract/imports.ts";
import type { Db } from "../../db/index.ts";
import type { Ctx } from "../context.ts";
import {
  checkSurveyResponses,
  checkTickets,
  type ResponseRow,
  recordSurveyResponses,
  type TicketUpsertRow,
  upsertTickets,
} from "../experience/index.ts";
import { type TouchpointUpsertRow, upsertTouchpoints } from "../journey/index.ts";
import { type OutcomeRecordRow, recordRenewalOutcomes } from "../renewals/index.ts";
import {
  type ActivityFileRow,
  type AnswerFileRow,
  type OutcomeFileRow,
  readActivityRows,
  type TicketFileRow,
  type TouchpointFileRow,
} from "./activity.rules.ts";
import { contactsWithEmails } from "./activity-import.queries.ts";
import { prepareForAccounts } from "./activity-refs.ts";
import { type Evaluated, type Prepared, settle } from "./activity-settle.ts";
import type { ParsedCsv } from "./csv.rules.ts";
import { evaluateOutcomes } from "./evaluate-outcomes.ts";
import { evaluateTouchpoints } from "./evaluate-touchpoints.ts";
import { analyzeTable, insertImportTimeline } from "./import.queries.ts";
import { compilePlan, type Plan } from "./mapping.rules.ts";
import { keyWarnings, summarizeErrors } from "./report.rules.ts";
import type { Attempt, ImportJob } from "./run-usage.ts";
import type { ActivityEntity } from "./targets.rules.ts";

const BULK = 1000;

type Write = TicketUpsertRow | ResponseRow | TouchpointUpsertRow | OutcomeRecordRow;

const TABLE = {
  tickets: "tickets",
  "survey-responses": "survey_responses",
  touchpoints: "touchpoints",
  "renewal-outcomes": "renewals",
} as const;

async function evaluate(
  ctx: Ctx,
  entity: ActivityEntity,
  plan: Plan,
  file: ParsedCsv,
  read: ActivityFileRow[],
  sink: (e: ImportRowError) => void,
): Promise<Evaluated<Write>> {
  if (entity === "tickets") return evaluateTickets(ctx, plan, file, read as TicketFileRow[], sink);
  if (entity === "touchpoints")
    return evaluateTouchpoints(ctx, plan, file, read as TouchpointFileRow[], sink);
  if (entity === "renewal-outcomes") return evaluateOutcomes(ctx, plan, file, read as OutcomeFileRow[], sink);
  return evaluateAnswers(ctx, plan, file, read as AnswerFileRow[], sink);
}

/** Writes through the module's own bulk write path; answers each written row's account. */
async function write(ctx: Ctx, entity: ActivityEntity, writes: Write[]): Promise<{ accountId: string }[]> {
  if (entity === "tickets") return upsertTickets(ctx, writes as TicketUpsertRow[]);
  if (entity === "touchpoints") return upsertTouchpoints(ctx, writes as TouchpointUpsertRow[]);
  if (entity === "renewal-outcomes") return recordRenewalOutcomes(ctx, writes as OutcomeRecordRow[]);
  return recordSurveyResponses(ctx, writes as ResponseRow[]);
}

/**
 * Tickets, survey answers, touchpoints and renewal outcomes: each row becomes its module's own input
 * and goes through that module's bulk check and write (the API's rules), all rows or none. Answers
 * are matched to their key player by email; the others to their account by external id or Steward id.
 */
export async function importActivities(
  db: Db,
  ctx: Ctx,
  entity: ActivityEntity,
  job: ImportJob,
  commit: boolean,
): Promise<Attempt> {
  const tx = { ...ctx, db };
  const plan = compilePlan(entity, job.file.headers, job.file.rows, job.mapping, []);
  const errors: ImportRowError[] = [];
  const sink = (e: ImportRowError) => {
    errors.push(e);
  };
  const read = readActivityRows(entity, plan, job.file.rows, job.file.headers.length, sink).filter(
    (r): r is ActivityFileRow => r !== null,
  );
  const ev = await evaluate(tx, entity, plan, job.file, read, sink);
  const summary = summarizeErrors(errors);
  const stored = commit && summary.errorRows === 0;
  if (stored) {
    const done = await write(tx, entity, ev.writes);
    if (ev.writes.length >= BULK) await analyzeTable(db, TABLE[entity]);
    await insertImportTimeline(db, ctx.workspaceId, [...new Set(done.map((d) => d.accountId))], job.timeline);
  }
  const created = ev.created.filter(Boolean).length;
  const withoutKey =
    entity === "survey-responses"
      ? 0
      : (read as (TicketFileRow | TouchpointFileRow | OutcomeFileRow)[]).filter((r) => r.externalId === null)
          .length;
  return {
    summary,
    created,
    updated: ev.created.length - created,
    warnings: [...plan.warnings, ...keyWarnings(entity, withoutKey, 0)],
    newCustomFields: [],
    defined: [],
    stored,
  };
}

async function evaluateTickets(
  ctx: Ctx,
  plan: Plan,
  file: ParsedCsv,
  rows: TicketFileRow[],
  sink: (e: ImportRowError) => void,
): Promise<Evaluated<TicketUpsertRow>> {
  const prepared = await prepareForAccounts(ctx, plan, rows, sink, (r, accountId) => ({
    id: newId(),
    externalId: r.externalId,
    input: { ...r.input, accountId } as TicketUpsertRow["input"],
  }));
  const checked = await checkTickets(
    ctx,
    prepared.map((p) => p.write),
  );
  return settle(plan, file, prepared, checked, sink);
}

async function evaluateAnswers(
  ctx: Ctx,
  plan: Plan,
  file: ParsedCsv,
  rows: AnswerFileRow[],
  sink: (e: ImportRowError) => void,
): Promise<Evaluated<ResponseRow>> {
  const columnOf = (f: string) => plan.fields.get(f)?.header ?? null;
  const contacts = await contactsWithEmails(ctx.db, ctx.workspaceId, [
    ...new Set(rows.map((r) => r.email.toLowerCase())),
  ]);
  const seen = new Map<string, number>();
  const prepared: Prepared<ResponseRow>[] = [];
  for (const r of rows) {
    const found = contacts.get(r.email.toLowerCase()) ?? [];
    if (found.length !== 1) {
      sink({
        row: r.row,
        column: columnOf("email"),
        field: "email",
        value: r.email,
        code: found.length === 0 ? "unknown_contact" : "ambiguous_contact",
        message:
          found.length === 0
            ? `email "${r.email}" is no contact here; add the contact first`
            : `email "${r.email}" belongs to ${found.length} contacts; give each contact its own email`,
      });
      continue;
    }
    const contactId = found[0] as string;
    const key = [contactId, r.input.kind, r.input.dimension ?? "", r.input.answeredAt].join("|");
    const first = seen.get(key);
    if (first !== undefined) {
      sink({
        row: r.row,
        column: columnOf("answeredAt"),
        field: "answeredAt",
        value: r.input.answeredAt,
        code: "duplicate_answer",
        message: `repeats the answer on row ${first} (same person, kind and time); keep one`,
      });
      continue;
    }
    seen.set(key, r.row);
    prepared.push({ row: r.row, write: { id: newId(), input: { ...r.input, contactId }, source: "import" } });
  }
  const checked = await checkSurveyResponses(
    ctx,
    prepared.map((p) => p.write),
  );
  // The file names a respondent by email: the module's `contactId` is that column.
  return settle(plan, file, prepared, checked, sink, { contactId: "email" });
}
