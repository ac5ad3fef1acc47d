import { type SQL, sql } from "drizzle-orm";
import { queryRows } from "../../db/index.ts";
import type { Db } from "../../db/transaction.ts";
import { inSegment } from "../kernel/segment-membership.queries.ts";

const ids = (accountIds: string[]) => sql`${`{${accountIds.join(",")}}`}::uuid[]`;
const eom = (d: SQL) => sql`(date_trunc('month', ${d}) + interval '1 month - 1 day')::date`;
const bom = (d: SQL) => sql`date_trunc('month', ${d})::date`;

/**
 * Rebuilds the MRR movements and logo changes of some accounts (all when `accountIds` is null)
 * from their subscriptions, in one statement after clearing theirs (docs/revenue.md):
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
  await db.execute(sql`delete from mrr_movements where workspace_id = ${workspaceId} ${only}`);
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
    ), inserted as (
      insert into mrr_movements (workspace_id, account_id, currency, month, kind, delta_minor)
      select ${workspaceId}::uuid, account_id, currency, month, kind, delta from moves
      union all
      select ${workspaceId}::uuid, account_id, currency, month,
             case when paid_before then 'reactivation' else 'new' end, mrr
        from fleeting_moves
      union all
      select ${workspaceId}::uuid, account_id, currency, month, 'churn', -mrr from fleeting_moves
      returning 1
    )
    insert into logo_changes (workspace_id, account_id, month, change)
    select ${workspaceId}::uuid, account_id, month, case when before = 0 then 1 else -1 end
      from acct_state
     where (before = 0 and after > 0) or (before > 0 and after = 0)`);
}

/** Whether a workspace's movements were ever built (its first build covers every account). */
export const hasMovements = async (db: Db, workspaceId: string): Promise<boolean> =>
  (
    await queryRows<{ one: number }>(
      db,
      sql`select 1 as one from mrr_movements where workspace_id = ${workspaceId} limit 1`,
    )
  ).length > 0;

const scope = (workspaceId: string, segmentId: string | null): SQL =>
  segmentId ? sql`and ${inSegment(sql`m.account_id`, workspaceId, segmentId)}` : sql``;

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
 * Each account's sums for the months `first` to `last` (first days), per currency; with `rates`,
 * the movements are also summed converted at their month's rate (`rated*`), and `unrated` counts
 * the movements without one.
 */
export async function periodSums(
  db: Db,
  workspaceId: string,
  first: string,
  last: string,
  segmentId: string | null,
  rates: MonthRate[] | null,
): Promise<
  (AccountCurrencyPeriod & {
    rated: Omit<AccountCurrencyPeriod, "accountId" | "currency" | "start" | "end"> | null;
    unrated: number;
  })[]
> {
  const kindSum = (kind: string, sign: 1 | -1, amount: SQL) =>
    sql`coalesce(sum(${amount}) filter (where m.month >= ${first} and m.kind = ${kind}), 0) * ${sign}`;
  const table = rates?.length
    ? sql`(values ${sql.join(
        rates.map((r) => sql`(${r.currency}, ${r.month}::date, ${r.rate}::numeric)`),
        sql`, `,
      )}) as r(currency, month, rate)`
    : null;
  const rate = table ? sql`m.delta_minor * r.rate` : sql`null::numeric`;
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
    rNew: string | null;
    rExpansion: string | null;
    rContraction: string | null;
    rChurn: string | null;
    rReactivation: string | null;
    unrated: string;
  }>(
    db,
    sql`select m.account_id as "accountId", m.currency,
               coalesce(sum(m.delta_minor) filter (where m.month < ${first}), 0) as start,
               sum(m.delta_minor) as end,
               ${kindSum("new", 1, sql`m.delta_minor`)} as new,
               ${kindSum("expansion", 1, sql`m.delta_minor`)} as expansion,
               ${kindSum("contraction", -1, sql`m.delta_minor`)} as contraction,
               ${kindSum("churn", -1, sql`m.delta_minor`)} as churn,
               ${kindSum("reactivation", 1, sql`m.delta_minor`)} as reactivation,
               ${kindSum("new", 1, rate)} as "rNew",
               ${kindSum("expansion", 1, rate)} as "rExpansion",
               ${kindSum("contraction", -1, rate)} as "rContraction",
               ${kindSum("churn", -1, rate)} as "rChurn",
               ${kindSum("reactivation", 1, rate)} as "rReactivation",
               count(*) filter (where m.month >= ${first} and ${table ? sql`r.rate is null` : sql`true`}) as unrated
          from mrr_movements m
          ${table ? sql`left join ${table} on r.currency = m.currency and r.month = m.month` : sql``}
         where m.workspace_id = ${workspaceId} and m.month <= ${last} ${scope(workspaceId, segmentId)}
         group by m.account_id, m.currency`,
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
    rated: table
      ? {
          new: n(r.rNew),
          expansion: n(r.rExpansion),
          contraction: n(r.rContraction),
          churn: n(r.rChurn),
          reactivation: n(r.rReactivation),
        }
      : null,
    unrated: table ? n(r.unrated) : 0,
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
      sql`select distinct m.currency from mrr_movements m
           where m.workspace_id = ${workspaceId} and m.month <= ${last} ${scope(workspaceId, segmentId)} order by 1`,
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
        select c.cohort::text as cohort, m.currency, m.month::text as month, sum(m.delta_minor) as delta
          from mrr_movements m join c on c.account_id = m.account_id
         where m.workspace_id = ${workspaceId}
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
    sql`select month::text as month, currency, kind, delta_minor as "deltaMinor" from mrr_movements
         where workspace_id = ${workspaceId} and account_id = ${accountId} order by month, currency, kind`,
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
 * of the same month and currency).
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
    sql`select month::text as month, currency, kind, fleeting, sum(delta_minor) as delta,
               count(distinct account_id) as accounts
          from (select m.*, bool_or(m.kind = 'churn') over w and bool_or(m.kind in ('new', 'reactivation')) over w as fleeting
                  from mrr_movements m
                 where m.workspace_id = ${workspaceId} and m.month <= ${last}
                   ${currency ? sql`and m.currency = ${currency}` : sql``} ${scope(workspaceId, segmentId)}
                window w as (partition by m.account_id, m.currency, m.month)) x
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
