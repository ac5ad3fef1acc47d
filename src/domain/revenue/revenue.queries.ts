import { type SQL, sql } from "drizzle-orm";
import { queryRows } from "../../db/index.ts";
import type { Db } from "../../db/transaction.ts";
import { inSegment } from "../kernel/segment-membership.queries.ts";
import { MOVEMENT_KINDS, type PeriodBound } from "./revenue.rules.ts";

const ids = (accountIds: string[]) => sql`${`{${accountIds.join(",")}}`}::uuid[]`;
const eom = (d: SQL) => sql`(date_trunc('month', ${d}) + interval '1 month - 1 day')::date`;
const bom = (d: SQL) => sql`date_trunc('month', ${d})::date`;
/**
 * How much a running sum of the states grew since the row before in window `w` (all of it on the
 * first row), named `alias`.
 */
const growth = (column: string, alias: string) =>
  sql`${sql.raw(column)} - coalesce(lag(${sql.raw(column)}) over w, 0) as ${sql.raw(alias)}`;

/**
 * Rebuilds the MRR movements and logo changes of some accounts (all when `accountIds` is null)
 * from their subscriptions, in one statement after clearing theirs (docs/revenue.md). Movements
 * are kept as each account's month-end states (their running sums), from which a period's figures
 * are two rows per account, and as the workspace's month totals:
 * - a subscription adds its MRR from the first month end it is live at, and takes it away from
 *   the first month end after its end date (inclusive) — whatever its status, so a trial at $0
 *   adds nothing and a customer with only trials is no logo;
 * - per account and currency, the change of month-end MRR is the movement: from nothing, new
 *   (or reactivation when the account paid before, or expansion when it pays in another currency);
 *   to nothing, churn (contraction when another currency still pays); otherwise expansion or
 *   contraction;
 * - a customer whose only subscriptions start and end inside one month, with no MRR at either
 *   month end, gets a new (or reactivation) and a churn of the same month.
 */
export async function rebuildMovements(
  db: Db,
  workspaceId: string,
  accountIds: string[] | null,
): Promise<void> {
  if (accountIds && accountIds.length === 0) return;
  const only = accountIds ? sql`and account_id = any(${ids(accountIds)})` : sql``;
  // A whole workspace's history sorts a few hundred thousand rows: in memory, not on disk.
  if (!accountIds) await db.execute(sql`set local work_mem = '64MB'`);
  if (accountIds) await addToMonthTotals(db, workspaceId, accountIds, -1);
  else await db.execute(sql`delete from mrr_month_totals where workspace_id = ${workspaceId}`);
  await db.execute(sql`delete from mrr_states where workspace_id = ${workspaceId} ${only}`);
  await db.execute(sql`delete from logo_changes where workspace_id = ${workspaceId} ${only}`);
  await db.execute(sql`
    with subs as (
      select account_id, currency, mrr_minor as mrr, start_date as s, end_date as e, ${eom(sql`start_date`)} as s_eom
        from subscriptions
       where workspace_id = ${workspaceId} ${only} and mrr_minor > 0
    ), steps as (
      select account_id, currency, ${bom(sql`s`)} as month, mrr as delta from subs where e is null or e >= s_eom
      union all
      select account_id, currency,
             case when e = ${eom(sql`e`)} then (${bom(sql`e`)} + interval '1 month')::date else ${bom(sql`e`)} end,
             -mrr
        from subs where e >= s_eom
    ), cur as (
      select account_id, currency, month, sum(delta)::bigint as delta from steps group by 1, 2, 3
    ), cur_run as (
      select *, sum(delta) over (partition by account_id, currency order by month) as after from cur
    ), fleeting as (
      select account_id, currency, ${bom(sql`s`)} as month, sum(mrr)::bigint as mrr
        from subs where e < s_eom group by 1, 2, 3
    ), acct as (
      -- A month with a fleeting subscription gets a row even without a change, so that its
      -- MRR at the month's start and end is read below.
      select account_id, month, sum(delta) as delta
        from (select account_id, month, delta from cur
              union all
              select account_id, month, 0 from fleeting) x
       group by 1, 2
    ), acct_run as (
      select account_id, month, sum(delta) over w as after, sum(delta) over w - delta as before
        from acct window w as (partition by account_id order by month)
    ), acct_state as (
      select *, coalesce(max(after) over (partition by account_id order by month
                                          rows between unbounded preceding and 1 preceding), 0) > 0 as paid_before
        from acct_run
    ), moves as (
      select c.account_id, c.currency, c.month, c.delta,
             case
               when c.after - c.delta = 0 then
                 case when a.before > 0 then 'expansion' when a.paid_before then 'reactivation' else 'new' end
               when c.after = 0 then case when a.after > 0 then 'contraction' else 'churn' end
               when c.delta > 0 then 'expansion'
               else 'contraction'
             end as kind
        from cur_run c
        join acct_state a on a.account_id = c.account_id and a.month = c.month
       where c.delta <> 0
    ), fleeting_moves as (
      -- Only when the account had no MRR at the month's start nor at its end.
      select f.account_id, f.currency, f.month, f.mrr, a.paid_before
        from fleeting f
        join acct_state a on a.account_id = f.account_id and a.month = f.month
       where a.before = 0 and a.after = 0
    ), cohorts as (
      -- The month an account first paid at a month end; a customer who only ever joined and left
      -- inside a month, that month (its movements there sum to nothing).
      select account_id, coalesce(min(month) filter (where before = 0 and after > 0), min(month)) as cohort
        from acct_state group by account_id
    ), all_moves as (
      select account_id, currency, month, kind, delta, false as fleeting from moves
      union all
      select account_id, currency, month, case when paid_before then 'reactivation' else 'new' end, mrr, true
        from fleeting_moves
      union all
      select account_id, currency, month, 'churn', -mrr, true from fleeting_moves
    ), changed_months as (
      -- One row per account, currency and month with a movement: a kind's own, or a customer's
      -- who joined and left (its new or reactivation and its churn).
      select account_id, currency, month, delta as total,
             ${sql.join(
               MOVEMENT_KINDS.map((k) => sql`case when kind = ${k} then delta else 0 end as ${sql.raw(k)}`),
               sql`, `,
             )},
             1 as moves
        from moves
      union all
      select account_id, currency, month, 0,
             case when paid_before then 0 else mrr end, 0, 0, -mrr, case when paid_before then mrr else 0 end, 2
        from fleeting_moves
    ), runs as (
      select account_id, currency, month, min(month) over (partition by account_id, currency) as since,
             lead(month) over w as next, sum(total) over w as mrr,
             ${sql.join(
               MOVEMENT_KINDS.map((k) => sql`sum(${sql.raw(k)}) over w as ${sql.raw(k)}`),
               sql`, `,
             )},
             sum(moves) over w as moves
        from changed_months
      window w as (partition by account_id, currency order by month)
    ), states as (
      -- Every month end from the first movement to the last, those without one included (they
      -- repeat the month before), so that a period's bounds are found by their month alone.
      insert into mrr_states (workspace_id, account_id, currency, month, since, cohort, mrr_minor, new_minor,
                              expansion_minor, contraction_minor, churn_minor, reactivation_minor, moves, last)
      select ${workspaceId}::uuid, r.account_id, r.currency, g.month::date, r.since, c.cohort, r.mrr,
             ${sql.join(
               MOVEMENT_KINDS.map((k) => sql`r.${sql.raw(k)}`),
               sql`, `,
             )},
             r.moves, r.next is null
        from runs r
        join cohorts c on c.account_id = r.account_id
        cross join lateral generate_series(r.month, coalesce(r.next - interval '1 month', r.month), interval '1 month') g(month)
      -- Stored month by month: a period reads two months of every account, each from few pages.
      order by g.month
      returning 1
    ), totals as (
      insert into mrr_month_totals (workspace_id, month, currency, kind, fleeting, cohort, delta_minor, accounts)
      ${monthTotalsOf(workspaceId, sql`(select m.*, c.cohort from all_moves m join cohorts c using (account_id))`, 1)}
      returning 1
    )
    insert into logo_changes (workspace_id, account_id, month, change)
    select ${workspaceId}::uuid, account_id, month, case when before = 0 then 1 else -1 end
      from acct_state
     where (before = 0 and after > 0) or (before > 0 and after = 0)`);
  if (accountIds) {
    await db.execute(sql`delete from mrr_month_totals where workspace_id = ${workspaceId} and accounts = 0`);
  }
}

/**
 * Movements (any relation with month, currency, kind, delta, cohort and whether the customer
 * joined and left inside the month) summed per month, currency, kind, that flag and cohort, times
 * `sign`, to add to the month totals.
 */
const monthTotalsOf = (workspaceId: string, from: SQL, sign: 1 | -1) => sql`
  select ${workspaceId}::uuid, month, currency, kind, fleeting, cohort, sum(delta) * ${sign}, count(*) * ${sign}
    from ${from} m
   group by 2, 3, 4, 5, 6
  on conflict (workspace_id, month, currency, kind, fleeting, cohort) do update
     set delta_minor = mrr_month_totals.delta_minor + excluded.delta_minor,
         accounts = mrr_month_totals.accounts + excluded.accounts`;

/**
 * The movements kept in month-end states (each kind's difference from the month before), one row
 * per account, currency, month and kind, with the account's cohort and whether the customer joined
 * and left inside the month (a new or reactivation and a churn of the same month). `where` narrows
 * the states read: by account or up to a month, never from a month on (a month's movement needs
 * the month before).
 */
export const stateMovements = (workspaceId: string, where: SQL) => sql`(
  select x.account_id, x.currency, x.month, x.cohort, k.kind, k.delta,
         x.churn <> 0 and (x.new <> 0 or x.reactivation <> 0) as fleeting
    from (select s.account_id, s.currency, s.month, s.cohort,
                 ${sql.join(
                   MOVEMENT_KINDS.map((k) => growth(`s.${k}_minor`, k)),
                   sql`, `,
                 )}
            from mrr_states s
           where s.workspace_id = ${workspaceId} ${where}
          window w as (partition by s.account_id, s.currency order by s.month)) x
   cross join lateral (values ${sql.join(
     MOVEMENT_KINDS.map((k) => sql`(${k}, x.${sql.raw(k)})`),
     sql`, `,
   )}) k(kind, delta)
   where k.delta <> 0)`;

/** Adds (or with −1 takes away) these accounts' movements to the workspace's month totals. */
const addToMonthTotals = (db: Db, workspaceId: string, accountIds: string[], sign: 1 | -1) =>
  db.execute(sql`
    insert into mrr_month_totals (workspace_id, month, currency, kind, fleeting, cohort, delta_minor, accounts)
    ${monthTotalsOf(workspaceId, stateMovements(workspaceId, sql`and s.account_id = any(${ids(accountIds)})`), sign)}`);

/**
 * Sums the workspace's month totals again from its movements: after accounts were deleted (their
 * movements went with them, so what they added cannot be taken away).
 */
export async function recountMonthTotals(db: Db, workspaceId: string): Promise<void> {
  await db.execute(sql`delete from mrr_month_totals where workspace_id = ${workspaceId}`);
  await db.execute(sql`
    insert into mrr_month_totals (workspace_id, month, currency, kind, fleeting, cohort, delta_minor, accounts)
    ${monthTotalsOf(workspaceId, stateMovements(workspaceId, sql``), 1)}`);
}

/**
 * Whether a workspace's movements were ever built (its first build covers every account; an
 * installation upgraded from before they were kept as month-end states has none).
 */
export const hasMovements = async (db: Db, workspaceId: string): Promise<boolean> =>
  (
    await queryRows<{ one: number }>(
      db,
      sql`select 1 as one from mrr_states where workspace_id = ${workspaceId} limit 1`,
    )
  ).length > 0;

const scope = (workspaceId: string, segmentId: string | null, column = sql`m.account_id`): SQL =>
  segmentId ? sql`and ${inSegment(column, workspaceId, segmentId)}` : sql``;

/** Per account and currency: MRR at the end of the month before `first`, at the end of `last`, and each movement between. */
export type AccountCurrencyPeriod = {
  accountId: string;
  currency: string;
  start: number;
  end: number;
  new: number;
  expansion: number;
  contraction: number;
  churn: number;
  reactivation: number;
};

/** A rate per currency and month, for converting movements month by month. */
export type MonthRate = { currency: string; month: string; rate: number };

/**
 * Each account's sums over a period, per currency, read from its month-end states at the period's
 * bounds (revenue.rules periodBounds): its MRR at the first bound and at the last, and each kind
 * of movement between. With `rated` bounds the movements of each run of months are also summed
 * converted at the run's rate (`rated`), and `unrated` counts those of runs without one.
 */
export async function periodSums(
  db: Db,
  workspaceId: string,
  bounds: PeriodBound[],
  segmentId: string | null,
  rated: boolean,
): Promise<
  (AccountCurrencyPeriod & {
    rated: Omit<AccountCurrencyPeriod, "accountId" | "currency" | "start" | "end"> | null;
    unrated: number;
  })[]
> {
  const b = sql`(values ${sql.join(
    bounds.map((x) => sql`(${x.currency}::text, ${x.i}::int, ${x.month}::date, ${x.rate}::numeric)`),
    sql`, `,
  )}) as b(currency, i, month, rate)`;
  const states = (at: SQL) => sql`
    select s.*, bm.month as at from bm join mrr_states s
        on s.workspace_id = ${workspaceId} and ${at} ${scope(workspaceId, segmentId, sql`s.account_id`)}`;
  const sum = (k: string, sign: 1 | -1) =>
    sql`coalesce(sum(${sql.raw(k)}) filter (where i > 0), 0) * ${sign}`;
  const rsum = (k: string, sign: 1 | -1) =>
    sql`coalesce(sum(${sql.raw(k)} * rate) filter (where i > 0 and rate is not null), 0) * ${sign}`;
  const rows = await queryRows<{
    accountId: string;
    currency: string;
    start: string;
    end: string;
    new: string;
    expansion: string;
    contraction: string;
    churn: string;
    reactivation: string;
    rNew: string;
    rExpansion: string;
    rContraction: string;
    rChurn: string;
    rReactivation: string;
    unrated: string;
  }>(
    db,
    // An account's state at a bound is its row of that month, or its last row when nothing
    // changed since; before its first row it had nothing. Between two bounds, each kind moved by
    // the difference of its running sums.
    sql`with bm as (select distinct month from ${b}),
         st as (${states(sql`s.month = bm.month`)} union all ${states(sql`s.last and s.month < bm.month`)}),
         d as (
           select st.account_id, st.currency, b.i, b.rate, st.mrr_minor,
                  ${sql.join(
                    [...MOVEMENT_KINDS.map((k) => growth(`${k}_minor`, k)), growth("moves", "moves")],
                    sql`, `,
                  )}
             from st join ${b} on b.month = st.at and (b.currency is null or b.currency = st.currency)
           window w as (partition by st.account_id, st.currency order by b.i)
         )
    select account_id as "accountId", currency,
           coalesce(sum(mrr_minor) filter (where i = 0), 0) as start,
           coalesce(sum(mrr_minor) filter (where i = max_i), 0) as end,
           ${sum("new", 1)} as new, ${sum("expansion", 1)} as expansion,
           ${sum("contraction", -1)} as contraction, ${sum("churn", -1)} as churn,
           ${sum("reactivation", 1)} as reactivation,
           ${rsum("new", 1)} as "rNew", ${rsum("expansion", 1)} as "rExpansion",
           ${rsum("contraction", -1)} as "rContraction", ${rsum("churn", -1)} as "rChurn",
           ${rsum("reactivation", 1)} as "rReactivation",
           coalesce(sum(moves) filter (where i > 0 and rate is null), 0) as unrated
      from (select d.*, max(i) over (partition by account_id, currency) as max_i from d) d
     group by account_id, currency`,
  );
  const n = (v: string | null) => Number(v ?? 0);
  return rows.map((r) => ({
    accountId: r.accountId,
    currency: r.currency,
    start: n(r.start),
    end: n(r.end),
    new: n(r.new),
    expansion: n(r.expansion),
    contraction: n(r.contraction),
    churn: n(r.churn),
    reactivation: n(r.reactivation),
    rated: rated
      ? {
          new: n(r.rNew),
          expansion: n(r.rExpansion),
          contraction: n(r.rContraction),
          churn: n(r.rChurn),
          reactivation: n(r.rReactivation),
        }
      : null,
    unrated: rated ? n(r.unrated) : 0,
  }));
}

/** The currencies of the movements up to a month, of the segment's accounts when one is given. */
export const movementCurrencies = async (
  db: Db,
  workspaceId: string,
  last: string,
  segmentId: string | null,
): Promise<string[]> =>
  (
    await queryRows<{ currency: string }>(
      db,
      sql`select distinct s.currency from mrr_states s
           where s.workspace_id = ${workspaceId} and s.last and s.since <= ${last}
             ${scope(workspaceId, segmentId, sql`s.account_id`)}
           order by 1`,
    )
  ).map((r) => r.currency);

/**
 * MRR of subscriptions live on any day of a month, per currency: started on or before its last
 * day and not ended (end date inclusive) before its first.
 */
export const mrrInMonth = (
  db: Db,
  workspaceId: string,
  month: string,
  last: string,
  segmentId: string | null,
) =>
  queryRows<{ currency: string; mrr: string; accounts: string }>(
    db,
    sql`select m.currency, sum(m.mrr_minor) as mrr, count(distinct m.account_id) filter (where m.mrr_minor > 0) as accounts
          from subscriptions m
         where m.workspace_id = ${workspaceId} and m.start_date <= ${last}
           and (m.end_date is null or m.end_date >= ${month}) ${scope(workspaceId, segmentId)}
         group by m.currency order by m.currency`,
  );

/** Paying customers at the end of each month up to `last` within the scope, from logo changes. */
export const logosAt = async (
  db: Db,
  workspaceId: string,
  month: string,
  segmentId: string | null,
): Promise<number> => {
  const rows = await queryRows<{ logos: string | null }>(
    db,
    sql`select sum(m.change) as logos from logo_changes m
         where m.workspace_id = ${workspaceId} and m.month <= ${month} ${scope(workspaceId, segmentId)}`,
  );
  return Number(rows[0]?.logos ?? 0);
};

/** Per cohort (an account's first paying month) and month: the logo and per-currency MRR changes. */
export async function cohortChanges(
  db: Db,
  workspaceId: string,
  first: string,
  last: string,
  segmentId: string | null,
) {
  const cohort = sql`select m.account_id, min(m.month) as cohort from logo_changes m
     where m.workspace_id = ${workspaceId} and m.change = 1 ${scope(workspaceId, segmentId)}
     group by m.account_id having min(m.month) between ${first} and ${last}`;
  const logos = await queryRows<{ cohort: string; month: string; change: string }>(
    db,
    sql`with c as (${cohort})
        select c.cohort::text as cohort, l.month::text as month, sum(l.change) as change
          from logo_changes l join c on c.account_id = l.account_id
         where l.workspace_id = ${workspaceId}
         group by 1, 2`,
  );
  const revenue = await queryRows<{ cohort: string; currency: string; month: string; delta: string }>(
    db,
    sql`with c as (${cohort})
        select m.cohort::text as cohort, m.currency, m.month::text as month, sum(m.delta) as delta
          from ${
            segmentId
              ? sql`${stateMovements(workspaceId, sql`and s.account_id in (select account_id from c)`)} m`
              : sql`(select cohort, currency, month, delta_minor as delta from mrr_month_totals
                      where workspace_id = ${workspaceId} and cohort between ${first} and ${last}) m`
          }
         where m.cohort in (select cohort from c)
         group by 1, 2, 3`,
  );
  return {
    logos: logos.map((r) => ({ cohort: r.cohort, month: r.month, change: Number(r.change) })),
    revenue: revenue.map((r) => ({
      cohort: r.cohort,
      currency: r.currency,
      month: r.month,
      delta: Number(r.delta),
    })),
  };
}

/** One account's movements, oldest first. */
export const accountMovements = (db: Db, workspaceId: string, accountId: string) =>
  queryRows<{ month: string; currency: string; kind: string; deltaMinor: string }>(
    db,
    sql`select month::text as month, currency, kind, delta as "deltaMinor"
          from ${stateMovements(workspaceId, sql`and s.account_id = ${accountId}`)} m
         order by month, currency, kind`,
  );

/** Whether a workspace holds any subscription with MRR. */
export const workspaceHasSubscriptions = async (db: Db, workspaceId: string): Promise<boolean> =>
  (
    await queryRows<{ one: number }>(
      db,
      sql`select 1 as one from subscriptions where workspace_id = ${workspaceId} and mrr_minor > 0 limit 1`,
    )
  ).length > 0;

/**
 * Movements up to `last` summed per month, currency and kind (of one currency, or all); `fleeting`
 * marks those of customers who joined and left inside the month (a new or reactivation and a churn
 * of the same month and currency). The whole workspace's come from its month totals; a segment's
 * are summed from its accounts' month-end states.
 */
export const monthMovements = (
  db: Db,
  workspaceId: string,
  last: string,
  currency: string | null,
  segmentId: string | null,
) =>
  queryRows<{
    month: string;
    currency: string;
    kind: string;
    fleeting: boolean;
    delta: string;
    accounts: string;
  }>(
    db,
    segmentId
      ? sql`select month::text as month, currency, kind, fleeting, sum(delta) as delta,
                   count(*) as accounts
              from ${stateMovements(
                workspaceId,
                sql`and s.month <= ${last} ${currency ? sql`and s.currency = ${currency}` : sql``}
                    ${scope(workspaceId, segmentId, sql`s.account_id`)}`,
              )} m
             group by 1, 2, 3, 4`
      : sql`select month::text as month, currency, kind, fleeting, sum(delta_minor) as delta, sum(accounts) as accounts
              from mrr_month_totals
             where workspace_id = ${workspaceId} and month <= ${last}
               ${currency ? sql`and currency = ${currency}` : sql``}
             group by 1, 2, 3, 4`,
  );

/** Customers gained and lost per month up to `last`. */
export const monthLogos = (db: Db, workspaceId: string, last: string, segmentId: string | null) =>
  queryRows<{ month: string; gained: string; lost: string }>(
    db,
    sql`select month::text as month, count(*) filter (where change = 1) as gained,
               count(*) filter (where change = -1) as lost
          from logo_changes m where m.workspace_id = ${workspaceId} and m.month <= ${last} ${scope(workspaceId, segmentId)}
         group by 1`,
  );
