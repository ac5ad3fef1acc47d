import { CHANNEL_LABELS, type Touchpoint, type TouchpointCreate } from "../../contract/touchpoints.ts";
import { contactName } from "../contacts/index.ts";
import { rateQuality, tooFarAhead } from "./journey.rules.ts";
import type { PlayerRow, TouchpointRecord, TouchpointRow } from "./touchpoint.queries.ts";

/** The fields a write may set; absent (undefined) ones keep the stored value. */
export type TouchpointInput = Partial<Omit<TouchpointCreate, "externalId">> & {
  /** manual (the default), import or email. */
  source?: Touchpoint["source"];
};

export type FieldIssue = { path: string; code: string; message: string };

/** How a touchpoint reads on the account's timeline. */
export const touchpointTitle = (r: { channel: string; title: string }): string =>
  `${r.channel === "other" ? "Touchpoint" : (CHANNEL_LABELS[r.channel as Touchpoint["channel"]] ?? "Touchpoint")}: ${r.title}`;

/**
 * One row of a bulk write merged with its stored version: defaults for a new touchpoint (the actor
 * as employee, now as its time, source manual), the quality rating with its rater, and the rules
 * that need no lookup. `contactIds` is null when the key players stay as they are.
 */
export function mergeTouchpoint(
  row: { id: string; externalId: string | null },
  input: TouchpointInput,
  before: TouchpointRecord | null,
  actor: string | null,
  now: Date,
): { record: TouchpointRecord; contactIds: string[] | null; issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  const base: TouchpointRecord = before ?? {
    id: row.id,
    externalId: row.externalId,
    accountId: "",
    channel: "",
    function: "",
    employeeId: actor,
    decisionStep: null,
    developmentStep: null,
    title: "",
    notes: null,
    occurredAt: now,
    qualityRating: null,
    qualityRatedBy: null,
    qualitySelfAssessed: false,
    experienceRating: null,
    source: input.source ?? "manual",
    createdBy: actor,
  };
  const record: TouchpointRecord = { ...base };
  if (input.accountId !== undefined) record.accountId = input.accountId;
  if (input.channel !== undefined) record.channel = input.channel;
  if (input.function !== undefined) record.function = input.function;
  if (input.employeeId !== undefined) record.employeeId = input.employeeId;
  if (input.decisionStep !== undefined) record.decisionStep = input.decisionStep;
  if (input.developmentStep !== undefined) record.developmentStep = input.developmentStep;
  if (input.title !== undefined) record.title = input.title;
  if (input.notes !== undefined) record.notes = input.notes || null;
  if (input.experienceRating !== undefined) record.experienceRating = input.experienceRating;
  if (input.occurredAt !== undefined) {
    record.occurredAt = new Date(input.occurredAt);
    if (tooFarAhead(record.occurredAt, now)) {
      issues.push({ path: "occurredAt", code: "in_future", message: "must not be more than a day from now" });
    }
  }
  if (input.qualityRating !== undefined) {
    Object.assign(record, rateQuality(input.qualityRating, record.employeeId, actor));
  }
  if (!record.accountId) issues.push({ path: "accountId", code: "required", message: "is required" });
  if (!record.channel) issues.push({ path: "channel", code: "required", message: "is required" });
  if (!record.title) issues.push({ path: "title", code: "required", message: "is required" });
  const moved = before !== null && before.accountId !== record.accountId;
  // Key players belong to the account: a touchpoint moved to another account keeps none it did not name.
  const contactIds = input.contactIds ? [...new Set(input.contactIds)] : moved ? [] : null;
  return { record, contactIds, issues };
}

/** A touchpoint as the API shows it. */
export const toTouchpoint = (r: TouchpointRow, players: PlayerRow[]): Touchpoint => ({
  id: r.id,
  accountId: r.accountId,
  accountName: r.accountName,
  externalId: r.externalId,
  channel: r.channel as Touchpoint["channel"],
  function: r.function as Touchpoint["function"],
  employeeId: r.employeeId,
  employeeName: r.employeeName,
  decisionStep: r.decisionStep,
  developmentStep: r.developmentStep,
  title: r.title,
  notes: r.notes,
  occurredAt: r.occurredAt.toISOString(),
  players: players.map((p) => ({ contactId: p.contactId, name: contactName(p) })),
  qualityRating: r.qualityRating,
  qualityRatedBy: r.qualityRatedBy,
  qualityRatedByName: r.qualityRatedByName,
  qualitySelfAssessed: r.qualitySelfAssessed,
  experienceRating: r.experienceRating,
  source: r.source as Touchpoint["source"],
  createdBy: r.createdBy,
  createdAt: r.createdAt.toISOString(),
  updatedAt: r.updatedAt.toISOString(),
});

/** The fields a change touched, for its event: only those whose stored value differs. */
export function changedFields(before: TouchpointRecord, after: TouchpointRecord): string[] {
  const keys: (keyof TouchpointRecord)[] = [
    "accountId",
    "channel",
    "function",
    "employeeId",
    "decisionStep",
    "developmentStep",
    "title",
    "notes",
    "occurredAt",
    "qualityRating",
    "experienceRating",
  ];
  return keys.filter((k) => {
    const a = before[k];
    const b = after[k];
    return a instanceof Date && b instanceof Date ? a.getTime() !== b.getTime() : a !== b;
  });
}
