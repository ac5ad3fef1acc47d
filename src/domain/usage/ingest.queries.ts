import { sql } from "drizzle-orm";
import type { Db } from "../../db/index.ts";
import { queryRows } from "../../db/index.ts";
import type { Link } from "./attribution.rules.ts";
import type { Json } from "./segment.rules.ts";

const textArray = (xs: readonly (string | null)[]) => sql`${sql.param(xs)}::text[]`;

export async function accountsByExternalId(db: Db, workspaceId: string, groupIds: string[]) {
  const map = new Map<string, string>();
  if (groupIds.length === 0) return map;
  const rows = await queryRows<{ id: string; external_id: string }>(
    db,
    sql`select id, external_id from accounts
        where workspace_id = ${workspaceId} and external_id = any(${textArray(groupIds)})`,
  );
  for (const r of rows) map.set(r.external_id, r.id);
  return map;
}

/**
 * What attribution needs to know, in one round trip: the accounts the group ids name, and the
 * accounts (with contact) each user is linked to.
 */
export async function attributionLookups(
  db: Db,
  workspaceId: string,
  groupIds: string[],
  userKeys: string[],
) {
  const accounts = new Map<string, string>();
  const links = new Map<string, Link[]>();
  if (groupIds.length === 0 && userKeys.length === 0) return { accounts, links };
  const rows = await queryRows<{
    user_key: string | null;
    key: string;
    account_id: string;
    contact_id: string | null;
  }>(
    db,
    sql`select null as user_key, external_id as key, id::text as account_id, null as contact_id from accounts
        where workspace_id = ${workspaceId} and external_id = any(${textArray(groupIds)})
        union all
        select user_key, user_key, account_id::text, contact_id::text from usage_user_accounts
        where workspace_id = ${workspaceId} and user_key = any(${textArray(userKeys)})`,
  );
  for (const r of rows) {
    if (r.user_key === null) {
      accounts.set(r.key, r.account_id);
      continue;
    }
    const list = links.get(r.user_key) ?? [];
    list.push({ accountId: r.account_id, contactId: r.contact_id });
    links.set(r.user_key, list);
  }
  return { accounts, links };
}

/** Merges traits into each user's stored traits and answers the merged traits. */
export async function mergeUserTraits(db: Db, workspaceId: string, traits: Map<string, Json>, at: Date) {
  const merged = new Map<string, Json>();
  if (traits.size === 0) return merged;
  const keys = [...traits.keys()];
  const rows = await queryRows<{ user_key: string; traits: Json }>(
    db,
    sql`insert into usage_users (workspace_id, user_key, traits, first_seen_at, last_seen_at)
        select ${workspaceId}, k, t::jsonb, ${at.toISOString()}::timestamptz, ${at.toISOString()}::timestamptz
        from unnest(${textArray(keys)}, ${textArray(keys.map((k) => JSON.stringify(traits.get(k))))}) as v(k, t)
        order by k
        on conflict (workspace_id, user_key) do update
          set traits = usage_users.traits || excluded.traits, last_seen_at = excluded.last_seen_at
        returning user_key, traits`,
  );
  for (const r of rows) merged.set(r.user_key, r.traits);
  return merged;
}

export async function storedTraits(db: Db, workspaceId: string, userKeys: string[]) {
  const map = new Map<string, Json>();
  if (userKeys.length === 0) return map;
  const rows = await queryRows<{ user_key: string; traits: Json }>(
    db,
    sql`select user_key, traits from usage_users
        where workspace_id = ${workspaceId} and user_key = any(${textArray(userKeys)})`,
  );
  for (const r of rows) map.set(r.user_key, r.traits);
  return map;
}

/** Stores user → account links; a contact id, once known, is kept. */
export async function saveLinks(
  db: Db,
  workspaceId: string,
  links: { userKey: string; accountId: string; contactId: string | null }[],
  at: Date,
) {
  if (links.length === 0) return;
  const sorted = [...links].sort((a, b) => (a.accountId + a.userKey < b.accountId + b.userKey ? -1 : 1));
  await db.execute(sql`
    insert into usage_user_accounts (workspace_id, account_id, user_key, contact_id, linked_at)
    select ${workspaceId}, a::uuid, u, c::uuid, ${at.toISOString()}::timestamptz
    from unnest(${textArray(sorted.map((l) => l.accountId))}, ${textArray(sorted.map((l) => l.userKey))},
                ${textArray(sorted.map((l) => l.contactId))}) as v(a, u, c)
    on conflict (workspace_id, account_id, user_key) do update
      set contact_id = coalesce(excluded.contact_id, usage_user_accounts.contact_id)`);
}

/** One event ready to store: ids, time and attribution decided. */
export type EventRow = {
  id: string;
  ts: Date;
  messageId: string;
  type: string;
  event: string | null;
  /** The rollup feature (null for identify, group and alias, which are not product use). */
  feature: string | null;
  accountId: string | null;
  contactId: string | null;
  userId: string | null;
  anonymousId: string | null;
  userKey: string | null;
  groupId: string | null;
  parked: boolean;
  quantity: number;
  properties: Json | null;
  context: Json | null;
  /** When the row's request arrived (default: the statement's `receivedAt`). */
  receivedAt?: Date;
  /** Which of the requests merged into one statement the row belongs to (default 0). */
  request?: number;
};

const json = (v: Json | null) => (v ? JSON.stringify(v) : null);

/**
 * Stores the events not seen before, in one statement (so one round trip, and atomic on its own):
 * message ids first (a retried event stops there), then the raw rows, and for each product-use event
 * a row in the rollup queue, which the roller (roll-up.ts) adds to the rollups moments later.
 * Ingestion and the usage CSV import both store through here. Answers the events stored per account.
 */
export async function insertEvents(
  db: Db,
  workspaceId: string,
  sourceId: string | null,
  rows: EventRow[],
  receivedAt: Date,
): Promise<{ request: number; accountId: string | null; stored: number }[]> {
  if (rows.length === 0) return [];
  const col = <K extends keyof EventRow>(
    k: K,
    f: (v: EventRow[K]) => string | null = (v) => v as string | null,
  ) => textArray(rows.map((r) => f(r[k])));
  const result = await queryRows<{ request: number; account_id: string | null; stored: number }>(
    db,
    sql`
    with input as (
      select * from unnest(
        ${col("id")}, ${col("ts", (d) => d.toISOString())}, ${col("messageId")}, ${col("type")}, ${col("event")},
        ${col("feature")}, ${col("accountId")}, ${col("contactId")}, ${col("userId")}, ${col("anonymousId")},
        ${col("userKey")}, ${col("groupId")}, ${col("parked", String)}, ${col("quantity", String)},
        ${col("properties", json)}, ${col("context", json)}, ${col("receivedAt", (d) => (d ?? receivedAt).toISOString())},
        ${col("request", (n) => String(n ?? 0))}
      ) as t(id, ts, message_id, type, event, feature, account_id, contact_id, user_id, anonymous_id,
             user_key, group_id, parked, quantity, properties, context, received_at, request)
    ),
    fresh as (
      insert into usage_message_ids (workspace_id, message_id, received_at)
      select ${workspaceId}, message_id, received_at::timestamptz from input
      on conflict do nothing
      returning message_id
    ),
    ev as (
      insert into usage_events (workspace_id, ts, id, source_id, message_id, type, event, account_id, contact_id,
        user_id, anonymous_id, group_id, parked, quantity, properties, context, received_at)
      select ${workspaceId}, i.ts::timestamptz, i.id::uuid, ${sourceId}::uuid, i.message_id, i.type, i.event,
        i.account_id::uuid, i.contact_id::uuid, i.user_id, i.anonymous_id, i.group_id, i.parked::boolean,
        i.quantity::int, i.properties::jsonb, i.context::jsonb, i.received_at::timestamptz
      from input i join fresh f on f.message_id = i.message_id
      returning message_id, account_id
    ),
    act as (
      select i.account_id::uuid as account_id, (i.ts::timestamptz at time zone 'UTC')::date as day,
        i.feature, i.user_key, i.contact_id::uuid as contact_id, i.quantity::int as quantity
      from input i join fresh f on f.message_id = i.message_id
      where i.account_id is not null and i.feature is not null
    ),
    queued as (
      insert into usage_rollup_queue (workspace_id, account_id, day, event, user_key, contact_id, events)
      select ${workspaceId}, account_id, day, feature, user_key, contact_id, quantity from act
    )
    -- queued runs to completion whether or not this reads it (PostgreSQL's rule for WITH).
    select i.request::int as request, ev.account_id::text, count(*)::int as stored
    from ev join input i on i.message_id = ev.message_id
    group by i.request, ev.account_id`,
  );
  return result.map((r) => ({ request: r.request, accountId: r.account_id, stored: r.stored }));
}

/** Fresh planner statistics for the tables ingestion looks up on every request (ANALYZE samples). */
export async function analyzeLookupTables(db: Db): Promise<void> {
  await db.execute(sql`analyze usage_user_accounts, usage_users, accounts`);
}
