import { sql } from "drizzle-orm";
import { queryRows } from "../../db/index.ts";
import type { Db } from "../../db/transaction.ts";
import { cellText, writeRows } from "../kernel/bulk-write.queries.ts";
import {
  type Candidate,
  MATCH_DAYS,
  type OutcomeRecord,
  type StoredOutcome,
} from "./outcome-import.rules.ts";

/** Rows per lookup: the arrays travel as parameters, well under their limits. */
const LOOKUP = 5000;

/**
 * For each row (its account and day), the account's paid subscriptions — not a trial, MRR above
 * zero, as the `occasions` of renewal.queries.ts — whose end date is within MATCH_DAYS of the day.
 */
export async function subscriptionCandidates(
  db: Db,
  workspaceId: string,
  rows: { accountId: string; date: string }[],
): Promise<Candidate[]> {
  const out: Candidate[] = [];
  for (let from = 0; from < rows.length; from += LOOKUP) {
    const chunk = rows.slice(from, from + LOOKUP);
    const found = await queryRows<Candidate>(
      db,
      sql`select (v.n - 1 + ${from})::int as "index", s.id as "subscriptionId", s.end_date::text as "endDate",
                 (s.mrr_minor * 12)::float8 as "arrMinor", abs(s.end_date - v.day)::int as distance
            from unnest(${sql.param(chunk.map((r) => r.accountId))}::uuid[],
                        ${sql.param(chunk.map((r) => r.date))}::date[]) with ordinality as v(account_id, day, n)
            join subscriptions s on s.workspace_id = ${workspaceId} and s.account_id = v.account_id
           where s.status <> 'trial' and s.mrr_minor > 0
             and s.end_date between v.day - ${MATCH_DAYS}::int and v.day + ${MATCH_DAYS}::int`,
    );
    out.push(...found);
  }
  return out;
}

/** The stored records with these external ids, or of these subscriptions' renewals on these days. */
export async function storedOutcomes(
  db: Db,
  workspaceId: string,
  keys: { externalIds: string[]; slots: { subscriptionId: string; dueDate: string }[] },
): Promise<StoredOutcome[]> {
  const out: StoredOutcome[] = [];
  const rounds = Math.max(keys.externalIds.length, keys.slots.length);
  for (let from = 0; from < rounds; from += LOOKUP) {
    const ids = keys.externalIds.slice(from, from + LOOKUP);
    const slots = keys.slots.slice(from, from + LOOKUP);
    if (ids.length === 0 && slots.length === 0) continue;
    const found = await queryRows<StoredOutcome>(
      db,
      sql`select id, account_id as "accountId", subscription_id as "subscriptionId", due_date::text as "dueDate",
                 stage, csm_call as "csmCall", notice_date::text as "noticeDate", outcome, reason_code as "reasonCode",
                 arr_after_minor::float8 as "arrAfterMinor", note, external_id as "externalId"
            from renewals r
           where r.workspace_id = ${workspaceId}
             and (r.external_id = any(${sql.param(ids)}::text[])
                  or (r.subscription_id, r.due_date) in (
                       select * from unnest(${sql.param(slots.map((s) => s.subscriptionId))}::uuid[],
                                            ${sql.param(slots.map((s) => s.dueDate))}::date[])))`,
    );
    out.push(...found);
  }
  // A record found by both keys in different rounds is the same record.
  return [...new Map(out.map((r) => [r.id, r])).values()];
}

/** Removes records an import's rows moved onto a person's record of the same renewal. */
export async function deleteRenewalRecords(db: Db, workspaceId: string, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  await db.execute(
    sql`delete from renewals where workspace_id = ${workspaceId} and id = any(${sql.param(ids)}::uuid[])`,
  );
}

/** Inserts or updates complete renewal records, set-based. */
export const writeOutcomeRecords = (db: Db, workspaceId: string, rows: OutcomeRecord[]) =>
  writeRows(db, "renewals", workspaceId, [
    { name: "id", cast: "uuid", values: rows.map((r) => r.id) },
    { name: "account_id", cast: "uuid", values: rows.map((r) => r.accountId) },
    { name: "subscription_id", cast: "uuid", values: rows.map((r) => r.subscriptionId) },
    { name: "due_date", cast: "date", values: rows.map((r) => r.dueDate) },
    { name: "stage", cast: "text", values: rows.map((r) => r.stage) },
    { name: "csm_call", cast: "text", values: rows.map((r) => r.csmCall) },
    { name: "notice_date", cast: "date", values: rows.map((r) => r.noticeDate) },
    { name: "outcome", cast: "text", values: rows.map((r) => r.outcome) },
    { name: "reason_code", cast: "text", values: rows.map((r) => r.reasonCode) },
    { name: "arr_after_minor", cast: "bigint", values: rows.map((r) => cellText(r.arrAfterMinor)) },
    { name: "note", cast: "text", values: rows.map((r) => r.note) },
    { name: "external_id", cast: "text", values: rows.map((r) => r.externalId) },
    { name: "decided_at", cast: "timestamptz", values: rows.map((r) => r.decidedAt) },
    { name: "updated_by", cast: "uuid", values: rows.map((r) => r.updatedBy) },
  ]);
