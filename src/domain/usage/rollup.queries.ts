import { sql } from "drizzle-orm";
import type { Db } from "../../db/index.ts";
import { queryRows, withTx } from "../../db/index.ts";
import { FEATURE_SQL } from "./attribution.rules.ts";

/** Serializes rollers across processes, and rollers with rebuilds. */
export const ROLLUP_LOCK = sql`pg_advisory_xact_lock(7411, 1)`;

/**
 * Inside the caller's transaction, takes up to `limit` queued rows of every workspace (the roller
 * runs for the installation) and adds them to the three rollups; answers how many it took.
 */
export async function addQueuedToRollups(tx: Db, limit: number): Promise<number> {
  await tx.execute(sql`select ${ROLLUP_LOCK}`);
  // Rollup rows are written in key order so that a rebuild or another process locks them in the
  // same order. New (user, event, day) rows tell the account rollup how many users are new.
  const [row] = await queryRows<{ taken: number }>(
    tx,
    sql`
      with taken as (
        delete from usage_rollup_queue
        where ctid = any(array(select ctid from usage_rollup_queue limit ${limit}))
        returning workspace_id, account_id, day, event, user_key, contact_id, events
      ),
      ued as (
        insert into usage_user_event_days as t (workspace_id, account_id, day, event, user_key, events)
        select workspace_id, account_id, day, event, user_key, sum(events) from taken
        where user_key is not null
        group by 1, 2, 3, 4, 5
        order by 1, 2, 3, 4, 5
        on conflict (workspace_id, account_id, day, event, user_key) do update set events = t.events + excluded.events
        returning workspace_id, account_id, day, event, (xmax = 0) as inserted
      ),
      ud as (
        insert into usage_user_days as t (workspace_id, account_id, day, user_key, contact_id, events)
        select workspace_id, account_id, day, user_key,
          (array_agg(contact_id) filter (where contact_id is not null))[1], sum(events)
        from taken where user_key is not null
        group by 1, 2, 3, 4
        order by 1, 2, 3, 4
        on conflict (workspace_id, account_id, day, user_key) do update
          set events = t.events + excluded.events, contact_id = coalesce(excluded.contact_id, t.contact_id)
      ),
      aed as (
        insert into usage_account_event_days as t (workspace_id, account_id, day, event, events, users)
        select a.workspace_id, a.account_id, a.day, a.event, a.events, coalesce(n.new_users, 0)
        from (select workspace_id, account_id, day, event, sum(events)::int as events from taken group by 1, 2, 3, 4) a
        left join (select workspace_id, account_id, day, event, count(*) filter (where inserted)::int as new_users
                   from ued group by 1, 2, 3, 4) n using (workspace_id, account_id, day, event)
        order by 1, 2, 3, 4
        on conflict (workspace_id, account_id, day, event) do update
          set events = t.events + excluded.events, users = t.users + excluded.users
      )
      -- ud and aed run to completion whether or not this reads them (PostgreSQL's rule for WITH).
      select count(*)::int as taken from taken`,
  );
  return row?.taken ?? 0;
}

/** PGlite has no autovacuum, and the queue churns. */
export async function vacuumRollupQueue(db: Db): Promise<void> {
  await db.execute(sql`vacuum usage_rollup_queue`);
}

const days = (xs: string[]) => sql`${sql.param(xs)}::date[]`;

/**
 * Recomputes an account's rollups for the given UTC days from its raw events: for events whose
 * attribution changed after they were stored (parked groups resolved) or that were loaded in bulk.
 * The roller is held off meanwhile, and the queued rows of those days are dropped in the statement
 * that reads the raw events, so each event is counted by exactly one of the two: a request that
 * commits while this runs is either in the statement's snapshot (raw row and queue row alike) or not.
 */
export async function rebuildRollups(db: Db, workspaceId: string, accountId: string, dayList: string[]) {
  if (dayList.length === 0) return;
  const scope = sql`workspace_id = ${workspaceId} and account_id = ${accountId} and day = any(${days(dayList)})`;
  const sorted = [...dayList].sort();
  await withTx(db, async (tx) => {
    await tx.execute(sql`select ${ROLLUP_LOCK}`);
    await tx.execute(sql`
      with a as (delete from usage_user_event_days where ${scope}),
           b as (delete from usage_user_days where ${scope})
      delete from usage_account_event_days where ${scope}`);
    await tx.execute(sql`
      with act as (
        select (e.ts at time zone 'UTC')::date as day, ${sql.raw(FEATURE_SQL)} as feature,
          coalesce(e.user_id, 'anon:' || e.anonymous_id) as user_key, e.contact_id, e.quantity
        from usage_events e
        where e.workspace_id = ${workspaceId} and e.account_id = ${accountId}
          and e.ts >= ${sorted[0]}::date and e.ts < ${sorted[sorted.length - 1]}::date + 1
          and (e.ts at time zone 'UTC')::date = any(${days(dayList)})
          and e.type in ('track', 'page', 'screen')
      ),
      queued as (delete from usage_rollup_queue where ${scope}),
      ued as (
        insert into usage_user_event_days (workspace_id, account_id, day, event, user_key, events)
        select ${workspaceId}, ${accountId}, day, feature, user_key, sum(quantity) from act
        where user_key is not null group by day, feature, user_key
      ),
      ud as (
        insert into usage_user_days (workspace_id, account_id, day, user_key, contact_id, events)
        select ${workspaceId}, ${accountId}, day, user_key,
          (array_agg(contact_id) filter (where contact_id is not null))[1], sum(quantity) from act
        where user_key is not null group by day, user_key
      )
      insert into usage_account_event_days (workspace_id, account_id, day, event, events, users)
      select ${workspaceId}, ${accountId}, day, feature, sum(quantity), count(distinct user_key) from act
      group by day, feature`);
  });
}

/** Marks (account, day) pairs for the catch-up job to rebuild. */
export async function markDirty(db: Db, workspaceId: string, pairs: { accountId: string; day: string }[]) {
  if (pairs.length === 0) return;
  await db.execute(sql`
    insert into usage_rollup_dirty (workspace_id, account_id, day)
    select ${workspaceId}, a::uuid, d::date
    from unnest(${sql.param(pairs.map((p) => p.accountId))}::text[], ${sql.param(pairs.map((p) => p.day))}::text[]) as v(a, d)
    on conflict do nothing`);
}

/** Up to `limit` accounts with days waiting to be rebuilt, across workspaces. */
export const dirtyAccounts = (db: Db, limit: number) =>
  queryRows<{ workspace_id: string; account_id: string; days: string[] }>(
    db,
    sql`select workspace_id, account_id, array_agg(day::text order by day) as days
        from usage_rollup_dirty group by workspace_id, account_id
        order by min(marked_at) limit ${limit}`,
  );

export async function clearDirty(db: Db, workspaceId: string, accountId: string, dayList: string[]) {
  await db.execute(sql`delete from usage_rollup_dirty
    where workspace_id = ${workspaceId} and account_id = ${accountId} and day = any(${days(dayList)})`);
}
