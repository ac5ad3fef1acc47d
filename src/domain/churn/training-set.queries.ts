import { type SQL, sql } from "drizzle-orm";
import type { ChurnKind } from "../../contract/churn.ts";
import type { Db } from "../../db/index.ts";
import { queryRows } from "../../db/index.ts";
import { liveOn } from "../subscriptions/index.ts";
import type { AccountFacts, UsageFacts } from "./training-set.rules.ts";

// Set-based reads, one statement each, whatever the number of accounts. Dates travel as text and
// sums as float8 so both drivers answer the same.

/**
 * The label and reference day of every account with a subscription started by `asOf`, in terms of
 * the one definition of a live subscription (`liveOn`: the end date is the last day of service):
 * - a subscription is over when it is not live on `asOf` (it has started by then);
 * - the account churned when all its subscriptions are over; its churn day is the last end date
 *   (its last day as a customer) when every one of them has an end date, else unknown;
 * - churn: its facts are taken on the churn day when known, else on `asOf`;
 * - expansion (accounts with a paid subscription only): it expanded on the first start of a paid
 *   subscription after its first paid day that took the MRR it runs on with above the MRR its first
 *   paid subscriptions brought in (an upgrade, more seats, an add-on); its facts are taken the day
 *   before, and for one that never expanded as for churn. The MRR a start runs on with is that of
 *   the subscriptions started by that day and still live the day after: a subscription replaced on
 *   the day its successor starts (imported histories and the demo's upgrades and renewals end the
 *   old one on the new one's start) is live that day too, and counting both would make a
 *   downgrade at renewal look like an expansion.
 * `obs.at_churn` says the reference day is the churn day.
 */
const referenceCtes = (workspaceId: string, asOf: string, kind: ChurnKind): SQL => sql`
  subs as (
    select s.account_id, s.id, s.start_date, s.end_date, s.mrr_minor, s.seats, s.plan, s.product,
      s.billing_period, s.currency, s.custom_fields, s.status,
      not ${liveOn("s", asOf)} as over
    from subscriptions s
    where s.workspace_id = ${workspaceId} and s.start_date <= ${asOf}::date
  ),
  ref as (
    select account_id, bool_and(over) as churned,
      case when bool_and(over) and bool_and(end_date is not null) then max(end_date) end as churned_on,
      min(start_date) as first_start
    from subs group by account_id
  ),
  ${kind === "churn" ? churnObs(asOf) : expansionObs(asOf)}`;

const churnObs = (asOf: string): SQL => sql`
  obs as (
    select account_id, churned, churned_on, null::date as expanded_on, first_start,
      coalesce(churned_on, ${asOf}::date) as day, churned as at_churn
    from ref
  )`;

const expansionObs = (asOf: string): SQL => sql`
  paid as (
    select account_id, min(start_date) as first_paid from subs where mrr_minor > 0 group by account_id
  ),
  initial as (
    select s.account_id, sum(s.mrr_minor) as mrr
    from subs s join paid p on p.account_id = s.account_id and s.start_date = p.first_paid
    where s.mrr_minor > 0 group by s.account_id
  ),
  grew as (
    select c.account_id, min(c.start_date) as expanded_on
    from subs c join paid p on p.account_id = c.account_id join initial i on i.account_id = c.account_id
    where c.mrr_minor > 0 and c.start_date > p.first_paid
      and (select sum(l.mrr_minor) from subs l
           where l.account_id = c.account_id and l.start_date <= c.start_date
             and ${liveOn("l", sql`c.start_date + 1`)}
          ) > i.mrr
    group by c.account_id
  ),
  obs as (
    select r.account_id, r.churned, r.churned_on, g.expanded_on, r.first_start,
      coalesce(g.expanded_on - 1, r.churned_on, ${asOf}::date) as day,
      r.churned and g.expanded_on is null as at_churn
    from ref r join paid p on p.account_id = r.account_id left join grew g on g.account_id = r.account_id
  )`;

/**
 * Per account: its own attributes and custom fields, the label, and subscription facts on its
 * reference day. "Its subscriptions" there are the ones live that day, and for an account taken on
 * its churn day the ones that ended last, so a churned account's MRR is what it paid before it
 * left, not the 0 it pays now. The primary subscription (largest MRR, then oldest) gives plan,
 * product, billing period, currency and subscription custom fields. Accounts without a label
 * (no subscription; for expansion, no paid one) come back with a null `churned`.
 */
export async function selectAccountFacts(
  db: Db,
  workspaceId: string,
  asOf: string,
  kind: ChurnKind = "churn",
): Promise<AccountFacts[]> {
  return queryRows<AccountFacts>(
    db,
    sql`
    with ${referenceCtes(workspaceId, asOf, kind)},
    cur as (
      select s.* from subs s join obs o on o.account_id = s.account_id
      where case when o.at_churn then o.churned_on is null or s.end_date = o.churned_on
        else ${liveOn("s", sql`o.day`)} end
    ),
    agg as (
      select account_id, sum(mrr_minor)::float8 / 100 as mrr, sum(seats)::float8 as seats, count(*)::int as n
      from cur group by account_id
    ),
    prim as (
      select distinct on (account_id) account_id, plan, product, billing_period, currency, custom_fields
      from cur order by account_id, mrr_minor desc, start_date, id
    )
    select a.id as "accountId", a.name, a.external_id as "externalId", a.tier, a.industry, a.region,
      a.country, a.custom_fields as "accountFields", o.churned, o.churned_on::text as "churnedOn",
      o.expanded_on::text as "expandedOn", o.day::text as "observedOn", (o.day - o.first_start)::int as "tenureDays", g.mrr, g.seats,
      g.n as subscriptions, p.plan, p.product, p.billing_period as "billingPeriod", p.currency,
      p.custom_fields as "subscriptionFields"
    from accounts a
      left join obs o on o.account_id = a.id
      left join agg g on g.account_id = a.id
      left join prim p on p.account_id = a.id
    where a.workspace_id = ${workspaceId}
    order by a.id`,
  );
}

/** Whether the workspace has any usage rollups at all (else no usage columns are made). */
export async function workspaceHasUsage(db: Db, workspaceId: string): Promise<boolean> {
  const rows = await queryRows<{ has: boolean }>(
    db,
    sql`select exists (select 1 from usage_account_event_days where workspace_id = ${workspaceId}) as has`,
  );
  return rows[0]?.has === true;
}

/** Whether the workspace has any support ticket or survey answer (else no experience columns are made). */
export async function workspaceHasExperience(db: Db, workspaceId: string): Promise<boolean> {
  const rows = await queryRows<{ has: boolean }>(
    db,
    sql`select exists (select 1 from tickets where workspace_id = ${workspaceId})
            or exists (select 1 from survey_responses where workspace_id = ${workspaceId}) as has`,
  );
  return rows[0]?.has === true;
}

/**
 * Usage in the 30 days up to each account's reference day (included) and the 30 before, from the
 * rollups: distinct active users, events, features used, days since the last active day. Nothing
 * after the reference day is read, so a churned account's usage is as it was before it left.
 */
export async function selectUsageFacts(
  db: Db,
  workspaceId: string,
  asOf: string,
  kind: ChurnKind = "churn",
): Promise<UsageFacts[]> {
  return queryRows<UsageFacts>(
    db,
    sql`
    with ${referenceCtes(workspaceId, asOf, kind)}
    select o.account_id as "accountId",
      coalesce(uu.cur, 0)::int as "activeUsers30", coalesce(uu.prev, 0)::int as "activeUsersPrev30",
      coalesce(ee.cur, 0)::float8 as "events30", coalesce(ee.prev, 0)::float8 as "eventsPrev30",
      coalesce(ee.features, 0)::int as "features30", (o.day - la.day)::int as "daysSinceActive",
      hs.score::float8 as "healthScore", st.rating::float8 as "sentiment",
      coalesce(tk.n, 0)::int as "tickets90", coalesce(tk.escalated, 0)::int as "escalations90",
      coalesce(tk.rated, 0)::int as "ratedTickets180", coalesce(tk.satisfied, 0)::int as "satisfiedTickets180",
      coalesce(sv.n, 0)::int as "npsAnswers365", coalesce(sv.promoters, 0)::int as "promoters365",
      coalesce(sv.detractors, 0)::int as "detractors365"
    from obs o
    left join lateral (
      select count(distinct u.user_key) filter (where u.day > o.day - 30) as cur,
        count(distinct u.user_key) filter (where u.day <= o.day - 30) as prev
      from usage_user_days u
      where u.workspace_id = ${workspaceId} and u.account_id = o.account_id
        and u.day > o.day - 60 and u.day <= o.day
    ) uu on true
    left join lateral (
      select sum(e.events) filter (where e.day > o.day - 30) as cur,
        sum(e.events) filter (where e.day <= o.day - 30) as prev,
        count(distinct e.event) filter (where e.day > o.day - 30) as features
      from usage_account_event_days e
      where e.workspace_id = ${workspaceId} and e.account_id = o.account_id
        and e.day > o.day - 60 and e.day <= o.day
    ) ee on true
    left join lateral (
      select max(e.day) as day from usage_account_event_days e
      where e.workspace_id = ${workspaceId} and e.account_id = o.account_id and e.day <= o.day
    ) la on true
    left join lateral (
      select h.score from health_scores h
      where h.workspace_id = ${workspaceId} and h.account_id = o.account_id and h.day <= o.day
      order by h.day desc limit 1
    ) hs on true
    left join lateral (
      select r.rating from sentiment_ratings r
      where r.workspace_id = ${workspaceId} and r.account_id = o.account_id and r.created_at < o.day + 1
      order by r.created_at desc limit 1
    ) st on true
    left join lateral (
      select count(*) filter (where t.opened_at >= o.day + 1 - 90) as n,
        count(*) filter (where t.opened_at >= o.day + 1 - 90 and t.escalated) as escalated,
        count(t.satisfaction) as rated, count(*) filter (where t.satisfaction >= 4) as satisfied
      from tickets t
      where t.workspace_id = ${workspaceId} and t.account_id = o.account_id
        and t.opened_at < o.day + 1 and t.opened_at >= o.day + 1 - 180
    ) tk on true
    left join lateral (
      select count(*) as n, count(*) filter (where r.score >= 9) as promoters,
        count(*) filter (where r.score <= 6) as detractors
      from survey_responses r
      where r.workspace_id = ${workspaceId} and r.account_id = o.account_id and r.kind = 'nps'
        and r.answered_at < o.day + 1 and r.answered_at >= o.day + 1 - 365
    ) sv on true`,
  );
}
