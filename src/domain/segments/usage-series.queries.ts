import { type SQL, sql } from "drizzle-orm";

/**
 * Usage figures for every account over a period, each computed once for the period instead of once
 * per account and day: a replay of a schedule or of a usage threshold tests every account on each
 * of 90 days, 1.8 million tests for 20,000 accounts. The figures mean what segment.queries.ts's
 * per-day reads mean. Accounts without use in the period have no rows (their figure is 0 all along).
 *
 * A figure is built from steps: what each rollup row adds on its day and takes away 30 days later.
 * Steps before `from` count on `from`, where every account with use gets a row (0 for one whose use
 * begins later: it stood at 0 until then, which a threshold must see); a running sum
 * over an account's step days gives its figure from each of them until the next.
 */

export type UsageFigure = "usage.activeUsers30d" | "usage.events30d";

/**
 * People's stretches of use: a day of use counts on it and the 29 days after, and uses less than
 * 30 days apart make one stretch, which adds one person from its first day and takes them away
 * 30 days after its last.
 */
const activeUserSteps = (workspaceId: string, from: SQL, to: SQL) =>
  sql`with uses as (
      select account_id, day, lag(day) over w as prev, lead(day) over w as next from usage_user_days
       where workspace_id = ${workspaceId} and day > ${from} - 30 and day <= ${to}
      window w as (partition by account_id, user_key order by day))
    select distinct account_id, ${from} as day, 0 as step from uses
    union all
    select account_id, greatest(day, ${from}), 1 from uses where prev is null or day - prev >= 30
    union all
    select account_id, greatest(day + 30, ${from}), -1 from uses
     where (next is null or next - day >= 30) and day + 30 <= ${to}`;

/** Each day's events, counted from their day and taken away 30 days later. */
const eventSteps = (workspaceId: string, from: SQL, to: SQL) =>
  sql`with daily as (
      select account_id, day, sum(events) as events from usage_account_event_days
       where workspace_id = ${workspaceId} and day > ${from} - 30 and day <= ${to}
       group by account_id, day)
    select distinct account_id, ${from} as day, 0 as step from daily
    union all
    select account_id, greatest(day, ${from}), events from daily
    union all
    select account_id, greatest(day + 30, ${from}), -events from daily where day + 30 <= ${to}`;

/**
 * The figure per account from each day it changes (`account_id`, `day`, `v`), the first row on
 * `from`: the value stands until the account's next row.
 */
export function usageChanges(workspaceId: string, figure: UsageFigure, from: string, to: string): SQL {
  const f = sql`${from}::date`;
  const t = sql`${to}::date`;
  const steps =
    figure === "usage.events30d" ? eventSteps(workspaceId, f, t) : activeUserSteps(workspaceId, f, t);
  return sql`select account_id, day, (sum(step) over (partition by account_id order by day))::bigint as v
      from (select account_id, day, sum(step) as step from (${steps}) st group by account_id, day) d`;
}

/** The figure per account on every day from..to (`account_id`, `day`, `v`), for accounts with use. */
export function usageDaily(workspaceId: string, figure: UsageFigure, from: string, to: string): SQL {
  return sql`select c.account_id, g.day, c.v
      from (select account_id, day, v, lead(day) over (partition by account_id order by day) as next
              from (${usageChanges(workspaceId, figure, from, to)}) c0) c
      cross join lateral (
        select c.day + i as day from generate_series(0, coalesce(c.next, ${to}::date + 1) - c.day - 1) i) g`;
}
