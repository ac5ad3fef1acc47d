import { sql } from "drizzle-orm";
import type { Db } from "../../db/index.ts";
import { queryRows } from "../../db/index.ts";
import { FEATURE_SQL } from "../usage/index.ts";
import type { DemoFeature } from "./usage-catalog.ts";

const texts = (xs: readonly (string | null)[]) => sql`${sql.param(xs)}::text[]`;
const ints = (xs: readonly number[]) => sql`${sql.param(xs)}::int[]`;
const floats = (xs: readonly number[]) => sql`${sql.param(xs)}::float8[]`;

export type LookupUser = { accountId: string; contactId: string | null; userId: string; groupId: string };

/**
 * Temporary lookups (dropped at commit, so call inside a transaction) that let each chunk of events
 * travel as four integer columns: users by index, and features' type, event and properties.
 */
export async function createUsageLookups(db: Db, users: LookupUser[], features: readonly DemoFeature[]) {
  await db.execute(sql`drop table if exists demo_usage_users`);
  await db.execute(sql`drop table if exists demo_usage_features`);
  await db.execute(sql`create temp table demo_usage_users (
    u int primary key, account_id uuid not null, contact_id uuid, user_id text not null, group_id text
  ) on commit drop`);
  await db.execute(sql`create temp table demo_usage_features (
    f int, v int, type text not null, event text not null, properties jsonb, primary key (f, v)
  ) on commit drop`);
  await db.execute(sql`
    insert into demo_usage_users (u, account_id, contact_id, user_id, group_id)
    select (n - 1)::int, a::uuid, c::uuid, k, g
    from unnest(${texts(users.map((u) => u.accountId))}, ${texts(users.map((u) => u.contactId))},
                ${texts(users.map((u) => u.userId))}, ${texts(users.map((u) => u.groupId))})
      with ordinality as x(a, c, k, g, n)`);
  const variants = features.flatMap((f, i) =>
    f.properties.map((p, v) => ({ f: i, v, type: f.type, event: f.event, properties: JSON.stringify(p) })),
  );
  await db.execute(sql`
    insert into demo_usage_features (f, v, type, event, properties)
    select f, v, t, e, p::jsonb
    from unnest(${ints(variants.map((x) => x.f))}, ${ints(variants.map((x) => x.v))},
                ${texts(variants.map((x) => x.type))}, ${texts(variants.map((x) => x.event))},
                ${texts(variants.map((x) => x.properties))}) as x(f, v, t, e, p)`);
}

export type EventChunk = {
  first: number;
  user: number[];
  ts: number[];
  feature: number[];
  variant: number[];
};

/**
 * Stores a chunk of raw events. Message ids count up from `first`; ids are UUIDv7 stamped with the
 * event's time; events arrive a second or few after they happen.
 */
export async function insertEventChunk(db: Db, workspaceId: string, sourceId: string, c: EventChunk) {
  await db.execute(sql`
    insert into usage_events (workspace_id, ts, id, source_id, message_id, type, event, account_id, contact_id,
      user_id, group_id, quantity, properties, received_at)
    select ${workspaceId}::uuid, to_timestamp(e.t),
      encode(set_bit(set_bit(overlay(uuid_send(gen_random_uuid())
        placing substring(int8send((e.t * 1000)::bigint) from 3) from 1 for 6), 52, 1), 53, 1), 'hex')::uuid,
      ${sourceId}::uuid, 'demo-' || (${c.first}::int + e.n), f.type, f.event,
      u.account_id, u.contact_id, u.user_id, u.group_id, 1, f.properties, to_timestamp(e.t + 1 + e.n % 4)
    from unnest(${ints(c.user)}, ${floats(c.ts)}, ${ints(c.feature)}, ${ints(c.variant)})
      with ordinality as e(u, t, f, v, n)
    join demo_usage_users u on u.u = e.u
    join demo_usage_features f on f.f = e.f and f.v = e.v`);
}

/**
 * Fills the three rollups for the days `from` up to `to` (excluded) from the workspace's raw events,
 * one statement each, with the semantics of the usage module's rebuildRollups: per (account, day,
 * feature, user); per (account, day, user) with the user's contact; per (account, day, feature) with
 * the number of distinct users. The last two are sums over the first: every demo event has a user,
 * and each user one contact per account.
 */
export async function fillRollups(db: Db, workspaceId: string, days: { from: string; to: string }) {
  await db.execute(sql`
    insert into usage_user_event_days (workspace_id, account_id, day, event, user_key, events)
    select ${workspaceId}, e.account_id, (e.ts at time zone 'UTC')::date, ${sql.raw(FEATURE_SQL)},
      coalesce(e.user_id, 'anon:' || e.anonymous_id), sum(e.quantity)
    from usage_events e
    where e.workspace_id = ${workspaceId} and e.ts >= ${days.from}::timestamptz and e.ts < ${days.to}::timestamptz
      and e.account_id is not null and e.type in ('track', 'page', 'screen')
      and coalesce(e.user_id, e.anonymous_id) is not null
    group by 2, 3, 4, 5 order by 2, 3, 4, 5`);
  await db.execute(sql`
    insert into usage_user_days (workspace_id, account_id, day, user_key, contact_id, events)
    select ${workspaceId}, d.account_id, d.day, d.user_key, l.contact_id, sum(d.events)
    from usage_user_event_days d
    left join usage_user_accounts l
      on l.workspace_id = d.workspace_id and l.account_id = d.account_id and l.user_key = d.user_key
    where d.workspace_id = ${workspaceId} and d.day >= ${days.from}::date and d.day < ${days.to}::date
    group by d.account_id, d.day, d.user_key, l.contact_id order by 2, 3, 4`);
  await db.execute(sql`
    insert into usage_account_event_days (workspace_id, account_id, day, event, events, users)
    select ${workspaceId}, account_id, day, event, sum(events), count(*)
    from usage_user_event_days
    where workspace_id = ${workspaceId} and day >= ${days.from}::date and day < ${days.to}::date
    group by account_id, day, event order by 2, 3, 4`);
}

/** Remembers the message ids of events received since `from`, as ingestion would have. */
export async function rememberMessageIds(db: Db, workspaceId: string, from: Date) {
  await db.execute(sql`
    insert into usage_message_ids (workspace_id, message_id, received_at)
    select workspace_id, message_id, received_at from usage_events
    where workspace_id = ${workspaceId} and received_at >= ${from.toISOString()}::timestamptz`);
}

export type ProductUserRow = {
  accountId: string;
  contactId: string | null;
  userKey: string;
  traits: Record<string, unknown>;
  first: Date;
  last: Date;
};

/** The product's users with their traits, and their links to accounts and contacts. */
export async function insertProductUsers(db: Db, workspaceId: string, rows: ProductUserRow[]) {
  if (rows.length === 0) return;
  const col = (f: (r: ProductUserRow) => string | null) => texts(rows.map(f));
  await db.execute(sql`
    insert into usage_users (workspace_id, user_key, traits, first_seen_at, last_seen_at)
    select ${workspaceId}, k, t::jsonb, f::timestamptz, l::timestamptz
    from unnest(${col((r) => r.userKey)}, ${col((r) => JSON.stringify(r.traits))},
                ${col((r) => r.first.toISOString())}, ${col((r) => r.last.toISOString())}) as x(k, t, f, l)`);
  await db.execute(sql`
    insert into usage_user_accounts (workspace_id, account_id, user_key, contact_id, linked_at)
    select ${workspaceId}, a::uuid, k, c::uuid, f::timestamptz
    from unnest(${col((r) => r.accountId)}, ${col((r) => r.userKey)}, ${col((r) => r.contactId)},
                ${col((r) => r.first.toISOString())}) as x(a, k, c, f)`);
}

export async function insertFeatures(
  db: Db,
  workspaceId: string,
  features: readonly DemoFeature[],
  at: Date,
) {
  await db.execute(sql`
    insert into usage_features (workspace_id, event, name, key, created_at, updated_at)
    select ${workspaceId}, e, n, k::boolean, ${at.toISOString()}::timestamptz, ${at.toISOString()}::timestamptz
    from unnest(${texts(features.map((f) => f.feature))}, ${texts(features.map((f) => f.name))},
                ${texts(features.map((f) => String(f.key)))}) as x(e, n, k)`);
}

/** The source has been sending since the first event; its last event is the newest one. */
export async function backdateSource(db: Db, workspaceId: string, sourceId: string, createdAt: Date) {
  await db.execute(sql`
    update event_sources set created_at = ${createdAt.toISOString()}::timestamptz,
      updated_at = ${createdAt.toISOString()}::timestamptz,
      last_event_at = (select max(ts) from usage_events where workspace_id = ${workspaceId})
    where workspace_id = ${workspaceId} and id = ${sourceId}`);
}

/** Usage rows have no foreign key to the workspace (events are partitioned): they go separately. */
export async function deleteUsage(db: Db, workspaceId: string) {
  for (const table of [
    "usage_events",
    "usage_message_ids",
    "usage_users",
    "usage_user_accounts",
    "usage_user_event_days",
    "usage_user_days",
    "usage_account_event_days",
    "usage_rollup_dirty",
    "usage_rejections",
  ]) {
    await db.execute(sql`delete from ${sql.identifier(table)} where workspace_id = ${workspaceId}`);
  }
}

export const countUsageEvents = async (db: Db, workspaceId: string): Promise<number> =>
  Number(
    (
      await queryRows<{ n: number | string }>(
        db,
        sql`select count(*) as n from usage_events where workspace_id = ${workspaceId}`,
      )
    )[0]?.n ?? 0,
  );
