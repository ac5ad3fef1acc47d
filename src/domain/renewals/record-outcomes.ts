import type { RenewalOutcome } from "../../contract/renewals.ts";
import { withTx } from "../../db/transaction.ts";
import { findAccountIds } from "../accounts/index.ts";
import { actorPerson, type Ctx } from "../context.ts";
import { recordEvents } from "../events/index.ts";
import { distinct, type RowIssue, throwRowIssues } from "../kernel/bulk.rules.ts";
import {
  deleteRenewalRecords,
  storedOutcomes,
  subscriptionCandidates,
  writeOutcomeRecords,
} from "./outcome-import.queries.ts";
import {
  assignSubscriptions,
  decisionChanged,
  mergeOutcome,
  type OutcomeInput,
  type OutcomeRecord,
  outcomeIssues,
  type StoredOutcome,
  slotKey,
} from "./outcome-import.rules.ts";

/**
 * One outcome of a bulk record: matched on its external id when it has one; a new record is stored
 * under `id`. `input.note` and `input.arrAfterMinor` left out keep the stored value.
 */
export type OutcomeRecordRow = { id: string; externalId: string | null; input: OutcomeInput };

/** What recording a row did: its record, whether it is new, and the renewal it is of. */
export type OutcomeRecorded = {
  id: string;
  created: boolean;
  accountId: string;
  /** Null: no subscription of the account ends near the row's date; the record names the account. */
  subscriptionId: string | null;
  dueDate: string;
  /** Whether the renewal's decision (outcome, reason, renewal) is new or changed. */
  decided: boolean;
};

export type OutcomePlan = {
  outcomes: OutcomeRecorded[];
  records: OutcomeRecord[];
  /** The rows' own earlier records that give way to a person's record of the renewal they now match. */
  superseded: string[];
  issues: RowIssue[];
};

/** Stored records by external id, and by the renewal (subscription and day) they are of. */
function indexStored(stored: StoredOutcome[]) {
  const byExternalId = new Map<string, StoredOutcome>();
  const bySlot = new Map<string, StoredOutcome>();
  const heldBy = new Map<string, string>();
  for (const s of stored) {
    if (s.externalId !== null) byExternalId.set(s.externalId, s);
    if (s.subscriptionId === null) continue;
    const key = slotKey(s.subscriptionId, s.dueDate);
    bySlot.set(key, s);
    if (s.externalId !== null) heldBy.set(key, s.externalId);
  }
  return { byExternalId, bySlot, heldBy };
}

/**
 * The rules of recording renewal outcomes in bulk, without writing (an import's dry run): each row
 * is matched to the renewal of its account's paid subscription ending closest to its date (within
 * 31 days; one row per renewal), else names only the account. A person's record of that renewal
 * takes the row's outcome; a row's own record (its external id) is updated. Issues per row.
 */
export async function checkRenewalOutcomes(ctx: Ctx, rows: OutcomeRecordRow[]): Promise<OutcomePlan> {
  const { db, workspaceId } = ctx;
  const candidates = await subscriptionCandidates(
    db,
    workspaceId,
    rows.map((r) => r.input),
  );
  const stored = indexStored(
    await storedOutcomes(db, workspaceId, {
      externalIds: distinct(rows.map((r) => r.externalId)),
      slots: candidates.map((c) => ({ subscriptionId: c.subscriptionId, dueDate: c.endDate })),
    }),
  );
  const matches = assignSubscriptions(rows, candidates, stored.heldBy);
  const accounts = await findAccountIds(db, workspaceId, distinct(rows.map((r) => r.input.accountId)));
  const plan: OutcomePlan = { outcomes: [], records: [], superseded: [], issues: [] };
  const seen = new Set<string>();
  rows.forEach((row, index) => {
    const match = matches[index] ?? null;
    const own = row.externalId === null ? null : (stored.byExternalId.get(row.externalId) ?? null);
    const atSlot = match ? (stored.bySlot.get(slotKey(match.subscriptionId, match.endDate)) ?? null) : null;
    const persons = atSlot && atSlot.externalId === null ? atSlot : null;
    const before = persons ?? own;
    if (persons && own) plan.superseded.push(own.id);
    const record = mergeOutcome(row, before, match, actorPerson(ctx.actor));
    for (const issue of outcomeIssues(record, match?.arrMinor ?? null)) plan.issues.push({ index, ...issue });
    if (!accounts.has(row.input.accountId))
      plan.issues.push({
        index,
        path: "accountId",
        code: "unknown_account",
        message: "is not an account here",
      });
    if (row.externalId !== null && seen.has(row.externalId))
      plan.issues.push({
        index,
        path: "externalId",
        code: "duplicate_external_id",
        message: "appears on an earlier row; each row must have its own",
      });
    if (row.externalId !== null) seen.add(row.externalId);
    plan.records.push(record);
    plan.outcomes.push({
      id: record.id,
      created: before === null,
      accountId: record.accountId,
      subscriptionId: record.subscriptionId,
      dueDate: record.dueDate,
      decided: decisionChanged(before, record),
    });
  });
  return plan;
}

/**
 * Records renewal outcomes in bulk, set-based, in the caller's transaction (or one of its own):
 * refuses the whole call (VALIDATION_FAILED, issues per row) when any row breaks a rule. Each
 * renewal whose decision is new or changed publishes `renewal.decided`.
 */
export async function recordRenewalOutcomes(ctx: Ctx, rows: OutcomeRecordRow[]): Promise<OutcomeRecorded[]> {
  return withTx(ctx.db, async (db) => {
    const tx = { ...ctx, db };
    const plan = await checkRenewalOutcomes(tx, rows);
    throwRowIssues(plan.issues);
    await deleteRenewalRecords(db, ctx.workspaceId, plan.superseded);
    await writeOutcomeRecords(db, ctx.workspaceId, plan.records);
    await recordEvents(
      tx,
      plan.outcomes.flatMap((o, i) =>
        o.decided
          ? [
              {
                type: "renewal.decided" as const,
                data: {
                  accountId: o.accountId,
                  subscriptionId: o.subscriptionId,
                  dueDate: o.dueDate,
                  outcome: plan.records[i]?.outcome as RenewalOutcome,
                  reasonCode: plan.records[i]?.reasonCode ?? null,
                },
              },
            ]
          : [],
      ),
    );
    return plan.outcomes;
  });
}
