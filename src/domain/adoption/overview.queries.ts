import { sql } from "drizzle-orm";
import type { Db } from "../../db/index.ts";
import { queryRows, withTx } from "../../db/index.ts";
import { liveOn } from "../subscriptions/index.ts";
import type { FeatureStats, PeriodRange } from "./adoption.rules.ts";

// Workspace-wide figures read each rollup once per question and group in hash tables keyed as
// narrowly as the answer allows: distinct users come from usage_user_days (one row per account, day
// and user), per-feature account counts from usage_account_event_days, and only the per-feature
// distinct users need usage_user_event_days. Rollup rows of deleted accounts are left out (a hash
// join with the workspace's accounts, or a join of the small aggregates).

const d = (day: string) => sql`${day}::date`;

export type AccountUserCounts = { accountId: string; current: number; previous: number; mau: number };
export type WorkspaceUsers = {
  accounts: AccountUserCounts[];
  current: number;
  previous: number;
  days: { day: string; n: number }[];
};

/**
 * Distinct users per account (both periods, the 30 days ending today), across the workspace, and
 * per day. A day's distinct users are its (account, user) rows less the repeats of the few users
 * active in several accounts that day, so no table of every (day, user) pair is built.
 */
export async function workspaceUsers(db: Db, workspaceId: string, r: PeriodRange): Promise<WorkspaceUsers> {
  const rows = await queryRows<WorkspaceUsers>(
    db,
    sql`
    with au as materialized (
      select u.account_id, u.user_key,
        bool_or(u.day >= ${d(r.from)}) as cur,
        bool_or(u.day between ${d(r.previousFrom)} and ${d(r.previousTo)}) as prev,
        bool_or(u.day >= ${d(r.mauFrom)}) as mau
      from usage_user_days u
      where u.workspace_id = ${workspaceId} and u.day between ${d(r.scanFrom)} and ${d(r.to)}
      group by u.account_id, u.user_key
    ), live as materialized (
      select au.* from au join accounts a on a.workspace_id = ${workspaceId} and a.id = au.account_id
    ), per_user as (
      select user_key, bool_or(cur) as cur, bool_or(prev) as prev, count(*) filter (where cur) as accounts
      from live group by user_key
    ), shared as materialized (
      select user_key from per_user where accounts > 1
    ), account_days as (
      select u.account_id, u.day, count(*) as n from usage_user_days u
      where u.workspace_id = ${workspaceId} and u.day between ${d(r.from)} and ${d(r.to)}
      group by u.account_id, u.day
    ), repeats as (
      select day, sum(n - 1) as n from (
        select u.day, u.user_key, count(*) as n from usage_user_days u
        join live on live.account_id = u.account_id and live.user_key = u.user_key
        where u.workspace_id = ${workspaceId} and u.day between ${d(r.from)} and ${d(r.to)}
          and u.user_key in (select user_key from shared)
        group by u.day, u.user_key
      ) x group by day
    ), per_day as (
      select ad.day, sum(ad.n) - coalesce(max(repeats.n), 0) as n
      from account_days ad
      join accounts a on a.workspace_id = ${workspaceId} and a.id = ad.account_id
      left join repeats on repeats.day = ad.day
      group by ad.day
    )
    select
      (select coalesce(json_agg(json_build_object('accountId', account_id, 'current', c, 'previous', p, 'mau', m)),
        '[]'::json) from (
          select account_id, count(*) filter (where cur) as c, count(*) filter (where prev) as p,
            count(*) filter (where mau) as m
          from live group by account_id) a) as accounts,
      (select count(*) filter (where cur) from per_user)::int as current,
      (select count(*) filter (where prev) from per_user)::int as previous,
      (select coalesce(json_agg(json_build_object('day', day::text, 'n', n::int)), '[]'::json) from per_day) as days`,
  );
  const row = rows[0];
  if (!row) throw new Error("aggregate returned no row");
  return row;
}

export type AccountEventCounts = { accountId: string; current: number; previous: number };
export type WorkspaceEvents = {
  accounts: AccountEventCounts[];
  features: Omit<FeatureStats, "users">[];
  days: { day: string; n: number }[];
};

/**
 * Uses per account and per feature in both periods (one pass grouping by account and event),
 * accounts using each feature, each feature's last day of use, and uses per day of the period.
 */
export async function workspaceEvents(db: Db, workspaceId: string, r: PeriodRange): Promise<WorkspaceEvents> {
  const rows = await queryRows<WorkspaceEvents>(
    db,
    sql`
    with g as materialized (
      -- one pass: per account and event over both periods, and per day
      select e.account_id, e.event, e.day, grouping(e.day) as per_event,
        coalesce(sum(e.events) filter (where e.day >= ${d(r.from)}), 0) as cur,
        coalesce(sum(e.events) filter (where e.day < ${d(r.from)}), 0) as prev
      from usage_account_event_days e
      join accounts a on a.workspace_id = ${workspaceId} and a.id = e.account_id
      where e.workspace_id = ${workspaceId} and e.day between ${d(r.previousFrom)} and ${d(r.to)}
      group by grouping sets ((e.account_id, e.event), (e.day))
    ), ae as (
      select account_id, event, cur, prev from g where per_event = 1
    ), ev as (
      select event, count(*) filter (where cur > 0) as accounts, sum(cur) as cur, sum(prev) as prev from ae group by event
      union all
      select event, 0, 0, 0 from usage_features f
      where f.workspace_id = ${workspaceId} and not exists (select 1 from ae where ae.event = f.event)
    ), per_day as (
      select day, cur as n from g where per_event = 0 and day >= ${d(r.from)}
    )
    select
      (select coalesce(json_agg(json_build_object('accountId', account_id, 'current', c, 'previous', p)), '[]'::json)
        from (select account_id, sum(cur)::float8 as c, sum(prev)::float8 as p from ae group by account_id) a)
        as accounts,
      (select coalesce(json_agg(json_build_object('event', event, 'accounts', accounts, 'events', cur::float8,
          'previousEvents', prev::float8,
          -- the last use ever, not only in the window: one probe of the (workspace, event, day) index
          'lastUsedOn', (select max(e.day)::text from usage_account_event_days e
            where e.workspace_id = ${workspaceId} and e.event = ev.event and e.day <= ${d(r.to)}))), '[]'::json)
        from ev) as features,
      (select coalesce(json_agg(json_build_object('day', day::text, 'n', n::float8)), '[]'::json) from per_day)
        as days`,
  );
  const row = rows[0];
  if (!row) throw new Error("aggregate returned no row");
  return row;
}

/** Distinct users of each event in the period, across the workspace. */
export async function workspaceFeatureUsers(
  db: Db,
  workspaceId: string,
  r: PeriodRange,
): Promise<Map<string, number>> {
  // Distinct (event, user) pairs first, hashed, then counted: cheaper than count(distinct), which
  // sorts. Their hash table outgrows the default 4 MB of work memory at a few hundred thousand
  // pairs and would spill to disk, so this one statement gets more.
  const rows = await withTx(db, async (tx) => {
    await tx.execute(sql`select set_config('work_mem', '32MB', true)`);
    return queryRows<{ event: string; users: number }>(
      tx,
      sql`
      select event, count(*)::int as users
      from (select distinct event, user_key from usage_user_event_days
        where workspace_id = ${workspaceId} and day between ${d(r.from)} and ${d(r.to)}
          and account_id in (select id from accounts where workspace_id = ${workspaceId})) x
      group by event`,
    );
  });
  return new Map(rows.map((row) => [row.event, row.users]));
}

export type AccountSummary = {
  accountId: string;
  name: string;
  tier: string | null;
  seats: number | null;
  lastActiveOn: string | null;
};

/** Accounts not churned, with seats of subscriptions live today and their last active day. */
export const liveAccounts = (db: Db, workspaceId: string, today: string) =>
  queryRows<AccountSummary>(
    db,
    sql`
    select a.id as "accountId", a.name, a.tier, s.seats::int as seats,
      (select max(e.day)::text from usage_account_event_days e
        where e.workspace_id = a.workspace_id and e.account_id = a.id and e.day <= ${d(today)}) as "lastActiveOn"
    from accounts a
    left join (
      select s.account_id, sum(s.seats) as seats from subscriptions s
      where s.workspace_id = ${workspaceId} and ${liveOn("s", today)}
      group by s.account_id
    ) s on s.account_id = a.id
    where a.workspace_id = ${workspaceId} and a.lifecycle_stage <> 'churned'`,
  );
