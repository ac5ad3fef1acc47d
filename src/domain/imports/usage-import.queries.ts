import { sql } from "drizzle-orm";
import type { Db } from "../../db/index.ts";
import { queryRows } from "../../db/index.ts";
import { contactKey, type UsageLookups } from "./usage.rules.ts";

const textArray = (xs: readonly (string | null)[]) => sql`${sql.param(xs)}::text[]`;
const LOOKUP_CHUNK = 5000;

function* chunks<T>(xs: T[], size: number): Generator<T[]> {
  for (let i = 0; i < xs.length; i += size) yield xs.slice(i, i + size);
}

/** The subscriptions and accounts a usage file names, in a few queries. */
export async function loadUsageLookups(
  db: Db,
  workspaceId: string,
  refs: { subscriptionExternalIds: string[]; accountExternalIds: string[]; accountIds: string[] },
): Promise<UsageLookups> {
  const lookups: UsageLookups = {
    subscriptions: new Map(),
    accountsByExternalId: new Map(),
    accountsById: new Map(),
  };
  for (const ids of chunks(refs.subscriptionExternalIds, LOOKUP_CHUNK)) {
    const rows = await queryRows<{
      external_id: string;
      account_id: string;
      account_external_id: string | null;
    }>(
      db,
      sql`select s.external_id, s.account_id, a.external_id as account_external_id
          from subscriptions s join accounts a on a.workspace_id = s.workspace_id and a.id = s.account_id
          where s.workspace_id = ${workspaceId} and s.external_id = any(${textArray(ids)})`,
    );
    for (const r of rows) {
      lookups.subscriptions.set(r.external_id, {
        accountId: r.account_id,
        accountExternalId: r.account_external_id,
      });
    }
  }
  for (const ids of chunks(refs.accountExternalIds, LOOKUP_CHUNK)) {
    const rows = await queryRows<{ id: string; external_id: string }>(
      db,
      sql`select id, external_id from accounts
          where workspace_id = ${workspaceId} and external_id = any(${textArray(ids)})`,
    );
    for (const r of rows) lookups.accountsByExternalId.set(r.external_id, r.id);
  }
  for (const ids of chunks(refs.accountIds, LOOKUP_CHUNK)) {
    const rows = await queryRows<{ id: string; external_id: string | null }>(
      db,
      sql`select id, external_id from accounts
          where workspace_id = ${workspaceId} and id = any(${textArray(ids)}::uuid[])`,
    );
    for (const r of rows) lookups.accountsById.set(r.id, r.external_id);
  }
  return lookups;
}

/** Contacts of the given accounts with one of the emails, keyed by `contactKey`. */
export async function contactsByEmail(
  db: Db,
  workspaceId: string,
  pairs: { accountId: string; email: string }[],
): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const accounts = [...new Set(pairs.map((p) => p.accountId))];
  const emails = [...new Set(pairs.map((p) => p.email.toLowerCase()))];
  if (accounts.length === 0) return out;
  const rows = await queryRows<{ account_id: string; email: string; id: string }>(
    db,
    sql`select account_id, lower(email) as email, id from contacts
        where workspace_id = ${workspaceId} and account_id = any(${textArray(accounts)}::uuid[])
          and lower(email) = any(${textArray(emails)})
        order by id`,
  );
  for (const r of rows) {
    const key = contactKey(r.account_id, r.email);
    if (!out.has(key)) out.set(key, r.id);
  }
  return out;
}

/**
 * Event ids already stored: remembered message ids (ingestion forgets them after its window), or
 * events still stored with the same id at the same time.
 */
export async function storedEventIds(
  db: Db,
  workspaceId: string,
  rows: { eventId: string; ts: string }[],
): Promise<Set<string>> {
  const out = new Set<string>();
  for (const chunk of chunks(rows, LOOKUP_CHUNK)) {
    const ids = chunk.map((r) => r.eventId);
    const times = chunk.map((r) => r.ts);
    // ISO instants sort as text: the range lets the planner skip other months' partitions.
    const sorted = [...times].sort();
    const [from, to] = [sorted[0], sorted[sorted.length - 1]];
    const found = await queryRows<{ message_id: string }>(
      db,
      sql`select message_id from usage_message_ids
          where workspace_id = ${workspaceId} and message_id = any(${textArray(ids)})
          union
          select e.message_id from usage_events e
          join unnest(${textArray(times)}, ${textArray(ids)}) as v(ts, message_id)
            on e.ts = v.ts::timestamptz and e.message_id = v.message_id
          where e.workspace_id = ${workspaceId} and e.ts >= ${from}::timestamptz and e.ts <= ${to}::timestamptz`,
    );
    for (const r of found) out.add(r.message_id);
  }
  return out;
}

/** Planner statistics for the rollups after a bulk load (PGlite has no autovacuum). */
export async function analyzeUsageRollups(db: Db): Promise<void> {
  await db.execute(sql`analyze usage_account_event_days, usage_user_days, usage_user_event_days`);
}
