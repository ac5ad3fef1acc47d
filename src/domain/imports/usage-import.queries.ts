import { sql } from "drizzle-orm";
import { newId } from "../../common/ids.ts";
import type { Db } from "../../db/index.ts";
import { queryRows } from "../../db/index.ts";
import { contactKey, type UsageLookups, type UsageWrite } from "./usage.rules.ts";

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

const json = (v: unknown) => JSON.stringify(v);

/**
 * Stores one chunk of events as ingestion does: the message id first (an id stored meanwhile stops
 * there), then the raw `track` event, then adds the new events to the three rollups, in one
 * statement. Like ingestion, rollups grow by what is new: a (user, event, day) row inserted tells the
 * account rollup one more user used the feature that day. Rollup rows are written in key order so
 * concurrent writers lock them in the same order. Answers the events stored per account.
 */
export async function insertUsageChunk(
  db: Db,
  workspaceId: string,
  rows: UsageWrite[],
  meta: { importId: string; receivedAt: Date },
): Promise<{ accountId: string; stored: number }[]> {
  if (rows.length === 0) return [];
  const col = (f: (r: UsageWrite) => string | null) => textArray(rows.map(f));
  const recv = meta.receivedAt.toISOString();
  const context = (r: UsageWrite) =>
    json({
      _steward: {
        importId: meta.importId,
        row: r.row,
        ...(r.subscriptionExternalId === null ? {} : { subscriptionExternalId: r.subscriptionExternalId }),
      },
    });
  const result = await queryRows<{ account_id: string; stored: number }>(
    db,
    sql`
    with input as (
      select * from unnest(
        ${col(() => newId())}, ${col((r) => r.ts)}, ${col((r) => r.eventId)}, ${col((r) => r.event)},
        ${col((r) => r.account)}, ${col((r) => r.contactId)}, ${col((r) => r.userId)}, ${col((r) => r.groupId)},
        ${col((r) => String(r.quantity))}, ${col((r) => (Object.keys(r.properties).length ? json(r.properties) : null))},
        ${col(context)}
      ) as t(id, ts, message_id, event, account_id, contact_id, user_id, group_id, quantity, properties, context)
    ),
    fresh as (
      insert into usage_message_ids (workspace_id, message_id, received_at)
      select ${workspaceId}, message_id, ${recv}::timestamptz from input
      on conflict do nothing
      returning message_id
    ),
    ev as (
      insert into usage_events (workspace_id, ts, id, source_id, message_id, type, event, account_id, contact_id,
        user_id, anonymous_id, group_id, parked, quantity, properties, context, received_at)
      select ${workspaceId}, i.ts::timestamptz, i.id::uuid, null, i.message_id, 'track', i.event,
        i.account_id::uuid, i.contact_id::uuid, i.user_id, null, i.group_id, false, i.quantity::int,
        i.properties::jsonb, i.context::jsonb, ${recv}::timestamptz
      from input i join fresh f on f.message_id = i.message_id
      returning account_id, ts, event, user_id, contact_id, quantity
    ),
    act as (
      select account_id, (ts at time zone 'UTC')::date as day, event as feature, user_id as user_key,
        contact_id, quantity
      from ev
    ),
    ued as (
      insert into usage_user_event_days as t (workspace_id, account_id, day, event, user_key, events)
      select ${workspaceId}, account_id, day, feature, user_key, sum(quantity) from act
      where user_key is not null
      group by account_id, day, feature, user_key
      order by account_id, day, feature, user_key
      on conflict (workspace_id, account_id, day, event, user_key) do update set events = t.events + excluded.events
      returning account_id, day, event, (xmax = 0) as inserted
    ),
    ud as (
      insert into usage_user_days as t (workspace_id, account_id, day, user_key, contact_id, events)
      select ${workspaceId}, account_id, day, user_key,
        (array_agg(contact_id) filter (where contact_id is not null))[1], sum(quantity)
      from act where user_key is not null
      group by account_id, day, user_key
      order by account_id, day, user_key
      on conflict (workspace_id, account_id, day, user_key) do update
        set events = t.events + excluded.events, contact_id = coalesce(excluded.contact_id, t.contact_id)
      returning 1
    ),
    aed as (
      insert into usage_account_event_days as t (workspace_id, account_id, day, event, events, users)
      select ${workspaceId}, a.account_id, a.day, a.feature, a.events, coalesce(n.new_users, 0)
      from (select account_id, day, feature, sum(quantity)::int as events from act group by 1, 2, 3) a
      left join (select account_id, day, event, count(*) filter (where inserted)::int as new_users
                 from ued group by 1, 2, 3) n
        on n.account_id = a.account_id and n.day = a.day and n.event = a.feature
      order by a.account_id, a.day, a.feature
      on conflict (workspace_id, account_id, day, event) do update
        set events = t.events + excluded.events, users = t.users + excluded.users
      returning 1
    )
    select account_id::text, count(*)::int as stored,
      (select count(*) from ud)::int as user_days, (select count(*) from aed)::int as feature_days
    from ev group by account_id`,
  );
  return result.map((r) => ({ accountId: r.account_id, stored: r.stored }));
}

/** Planner statistics for the rollups after a bulk load (PGlite has no autovacuum). */
export async function analyzeUsageRollups(db: Db): Promise<void> {
  await db.execute(sql`analyze usage_account_event_days, usage_user_days, usage_user_event_days`);
}
