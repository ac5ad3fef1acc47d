import type { RenewalOutcome } from "../../contract/renewals.ts";
import type { RowIssue } from "../kernel/bulk.rules.ts";
import type { RenewalRecord } from "./renewal.queries.ts";

/**
 * Outcomes recorded in bulk (an import of renewals and churns decided elsewhere): which renewal of
 * which subscription each one is, and what its record becomes (docs/renewals.md). Plain functions;
 * record-outcomes.ts reads the rows they work on.
 */

/** How many days a subscription's end may be from a row's date and still be the renewal it tells of. */
export const MATCH_DAYS = 31;

/** A paid subscription of a row's account whose end is within MATCH_DAYS of the row's date. */
export type Candidate = {
  /** The row's index in the call. */
  index: number;
  subscriptionId: string;
  endDate: string;
  /** The ARR up for renewal: MRR × 12, minor units. */
  arrMinor: number;
  /** Days between the end and the row's date. */
  distance: number;
};

/** A stored record, with the external id an import gave it (null: a person's, through the API). */
export type StoredOutcome = RenewalRecord & { externalId: string | null };

export const slotKey = (subscriptionId: string, dueDate: string) => `${subscriptionId} ${dueDate}`;

/**
 * Gives each row at most one subscription's renewal (its end date) and each renewal at most one
 * row: the closest pairs first — on a tie the row earlier in the call, then the earlier end, then
 * the smaller id — so a subscription two churn events lie near goes to the nearer one, and the
 * other takes its next candidate or none. A renewal already recorded under another external id
 * (`heldBy`: slot → external id) is not offered, so importing the same file again finds the same
 * renewals for the same rows.
 */
export function assignSubscriptions(
  rows: readonly { externalId: string | null }[],
  candidates: readonly Candidate[],
  heldBy: ReadonlyMap<string, string>,
): (Candidate | null)[] {
  const sorted = [...candidates].sort(
    (a, b) =>
      a.distance - b.distance ||
      a.index - b.index ||
      a.endDate.localeCompare(b.endDate) ||
      a.subscriptionId.localeCompare(b.subscriptionId),
  );
  const out: (Candidate | null)[] = rows.map(() => null);
  const taken = new Set<string>();
  for (const c of sorted) {
    const key = slotKey(c.subscriptionId, c.endDate);
    if (out[c.index] !== null || taken.has(key)) continue;
    const holder = heldBy.get(key);
    if (holder !== undefined && holder !== rows[c.index]?.externalId) continue;
    out[c.index] = c;
    taken.add(key);
  }
  return out;
}

/** One outcome to record: `note` and `arrAfterMinor` left out keep the stored value. */
export type OutcomeInput = {
  accountId: string;
  /** The day the renewal or churn was decided. */
  date: string;
  outcome: RenewalOutcome;
  reasonCode: string | null;
  note?: string | null;
  arrAfterMinor?: number | null;
};

export type OutcomeRecord = StoredOutcome & { decidedAt: string; updatedBy: string | null };

/**
 * The record a row writes: the matched subscription's renewal (due on its end date), else one that
 * names only the account (due on the row's date); closed, decided on the row's date, with the
 * file's outcome and reason. The conversation's other fields (the CSM's call, notice date) stay.
 */
export function mergeOutcome(
  row: { id: string; externalId: string | null; input: OutcomeInput },
  before: StoredOutcome | null,
  match: Candidate | null,
  updatedBy: string | null,
): OutcomeRecord {
  const i = row.input;
  return {
    id: before?.id ?? row.id,
    externalId: row.externalId ?? before?.externalId ?? null,
    accountId: i.accountId,
    subscriptionId: match?.subscriptionId ?? null,
    dueDate: match?.endDate ?? i.date,
    stage: "closed",
    csmCall: before?.csmCall ?? null,
    noticeDate: before?.noticeDate ?? null,
    outcome: i.outcome,
    reasonCode: i.reasonCode,
    arrAfterMinor: i.arrAfterMinor === undefined ? (before?.arrAfterMinor ?? null) : i.arrAfterMinor,
    note: i.note === undefined ? (before?.note ?? null) : i.note || null,
    decidedAt: `${i.date}T00:00:00.000Z`,
    updatedBy,
  };
}

/** Whether a write changes what the renewal's decision says (its outcome, reason or renewal). */
export const decisionChanged = (before: StoredOutcome | null, after: OutcomeRecord): boolean =>
  before === null ||
  before.outcome !== after.outcome ||
  before.reasonCode !== after.reasonCode ||
  before.subscriptionId !== after.subscriptionId ||
  before.dueDate !== after.dueDate;

/**
 * What a recorded outcome must hold, in the words `PUT /renewals/{id}` uses: a reason when the
 * customer churned or downgraded, and an ARR after that fits the outcome (compared with the ARR up
 * for renewal when the row matched a subscription).
 */
export function outcomeIssues(
  r: Pick<OutcomeRecord, "outcome" | "reasonCode" | "arrAfterMinor">,
  arrMinor: number | null,
): Omit<RowIssue, "index">[] {
  const issues: Omit<RowIssue, "index">[] = [];
  const arr = (message: string) => issues.push({ path: "arrAfterMinor", code: "invalid_arr_after", message });
  if ((r.outcome === "churned" || r.outcome === "downgraded") && !r.reasonCode)
    issues.push({
      path: "reasonCode",
      code: "required",
      message: `is required when the renewal is ${r.outcome}: say why`,
    });
  const after = r.arrAfterMinor;
  if (after === null) return issues;
  if (r.outcome === "churned" && after !== 0) arr("must be 0 or empty for a churned renewal");
  if (arrMinor === null) return issues;
  if (r.outcome === "expanded" && after <= arrMinor)
    arr("must be more than the ARR up for renewal when it expanded");
  if (r.outcome === "downgraded" && after >= arrMinor)
    arr("must be less than the ARR up for renewal when it was downgraded");
  return issues;
}
