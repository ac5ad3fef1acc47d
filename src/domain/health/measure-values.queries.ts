import { type SQL, sql } from "drizzle-orm";
import { daysBetween } from "../../common/dates.ts";

import type { HealthSource } from "../../contract/health.ts";
import type { Db } from "../../db/index.ts";
import { queryRows, schema } from "../../db/index.ts";

import { KEY_PLAYER_SQL } from "../contacts/index.ts";
import { csatOf, npsOf } from "../experience/index.ts";
import { liveOn } from "../subscriptions/index.ts";

import type { AccountFacts, SourceValues } from "./score.rules.ts";

/**
 * Every measure source's value for every customer of a workspace, as of the end of each given UTC
 * day, in one statement per call: the same figures for today's scores, for a day of history and
 * for a backtest's past dates. A customer on a day is an account with a subscription live that day
 * (`liveOn` of the subscriptions module: started, and not yet ended). Reads the usage rollups, never raw events.
 *
 * Windows: monthly active users are the 30 days ending the day, weekly the 7, the trend compares
 * the 30 days with the 30 before; breadth is key features used in the 30 days ÷ key features
 * defined; MRR trend compares MRR on the day with MRR 90 days earlier; key players active are those
 * with usage in the 30 days; sentiment is the latest rating from the day or the `staleDays` before.
 */
export type AccountDay = AccountFacts & {
  day: string;
  accountId: string;
  values: SourceValues;
  /** Start of the account's first subscription, for the onboarding window. */
  firstStart: string | null;
  /** Any product usage up to the day. */
  usedProduct: boolean;
};

type Row = {
  day: string;
  account_id: string;
  tier: string | null;
  coverage: string | null;
  lifecycle_stage: string;
  custom_fields: Record<string, unknown>;
  mau: number | null;
  wau: number | null;
  mau_prev: number | null;
  seats: number | null;
  key_used: number | null;
  key_defined: number;
  last_day: string | null;
  has_usage: boolean;
  next_renewal: string | null;
  mrr: number;
  mrr_90: number;
  champion: boolean;
  key_players: number;
  key_active: number;
  rating: number | null;
  first_start: string | null;
  has_tickets: boolean;
  tickets_90: number;
  escalations_90: number;
  rated_180: number;
  satisfied_180: number;
  nps_n: number;
  promoters: number;
  detractors: number;
  csat_n: number;
  csat_ok: number;
  success_index: number | null;
  success_lowest: number | null;
};

/** Each customer's MRR (minor units) on each day; accounts without a live subscription are absent. */
export async function mrrOn(db: Db, workspaceId: string, days: string[]): Promise<Map<string, number>> {
  const rows = await queryRows<{ day: string; account_id: string; mrr: number }>(
    db,
    sql`select d.day::text, s.account_id, sum(s.mrr_minor)::float8 as mrr
        from unnest(${sql.param(days)}::date[]) as d(day)
        join subscriptions s on s.workspace_id = ${workspaceId} and ${liveOn("s", sql`d.day`)}
        group by d.day, s.account_id`,
  );
  return new Map(rows.map((r) => [`${r.day}|${r.account_id}`, r.mrr]));
}

export async function measureValues(
  db: Db,
  workspaceId: string,
  days: string[],
  options: { staleDays: number; accountIds?: string[] },
): Promise<AccountDay[]> {
  if (days.length === 0) return [];
  // Scoring a few accounts (after a write) must read only their rows, not the workspace's.
  const ids = options.accountIds;
  const among = (col: SQL) => (ids ? sql`and ${col} = any(${sql.param(ids)}::uuid[])` : sql``);
  const only = among(sql`a.id`);
  const kp = KEY_PLAYER_SQL(schema.contacts);
  const rows = await queryRows<Row>(
    db,
    sql`
    with d as (select unnest(${sql.param(days)}::date[]) as day),
    live as materialized (
      select d.day, s.account_id,
        sum(s.mrr_minor)::float8 as mrr, sum(s.seats)::int as seats,
        min(coalesce(s.renewal_date, s.end_date)) filter (where coalesce(s.renewal_date, s.end_date) >= d.day) as next_renewal
      from d join subscriptions s on s.workspace_id = ${workspaceId} and ${liveOn("s", sql`d.day`)} ${among(sql`s.account_id`)}
      group by d.day, s.account_id
    ),
    before as (
      select d.day, s.account_id, sum(s.mrr_minor)::float8 as mrr
      from d join subscriptions s on s.workspace_id = ${workspaceId} and ${liveOn("s", sql`d.day - 90`)} ${among(sql`s.account_id`)}
      group by d.day, s.account_id
    ),
    users as (
      select d.day, u.account_id,
        count(distinct u.user_key) filter (where u.day > d.day - 30)::int as mau,
        count(distinct u.user_key) filter (where u.day > d.day - 7)::int as wau,
        count(distinct u.user_key) filter (where u.day <= d.day - 30)::int as mau_prev
      from d join usage_user_days u on u.workspace_id = ${workspaceId} and u.day > d.day - 60 and u.day <= d.day
        ${among(sql`u.account_id`)}
      group by d.day, u.account_id
    ),
    key_features as (
      select event from usage_features where workspace_id = ${workspaceId} and key
    ),
    breadth as (
      select d.day, e.account_id, count(distinct e.event)::int as key_used
      from d join usage_account_event_days e on e.workspace_id = ${workspaceId} and e.day > d.day - 30 and e.day <= d.day
        ${among(sql`e.account_id`)}
      where e.event in (select event from key_features)
      group by d.day, e.account_id
    ),
    players as (
      select d.day, contacts.account_id,
        bool_or(contacts.decision_role = 'champion') as champion,
        count(*)::int as n,
        count(*) filter (where exists (
          select 1 from usage_user_days u
          where u.workspace_id = contacts.workspace_id and u.account_id = contacts.account_id
            and u.contact_id = contacts.id and u.day > d.day - 30 and u.day <= d.day))::int as active
      from d join contacts on contacts.workspace_id = ${workspaceId} and not contacts.left_company
        ${among(sql`contacts.account_id`)}
        and contacts.created_at < d.day + 1 and ${kp}
      group by d.day, contacts.account_id
    ),
    firsts as (
      select s.account_id, min(s.start_date) as first_start
      from subscriptions s where s.workspace_id = ${workspaceId} ${among(sql`s.account_id`)}
      group by s.account_id
    ),
    rating as (
      select distinct on (d.day, r.account_id) d.day, r.account_id, r.rating::int as rating
      from d join sentiment_ratings r on r.workspace_id = ${workspaceId} ${among(sql`r.account_id`)}
        and r.created_at < d.day + 1 and r.created_at >= d.day + 1 - ${options.staleDays}::int
      order by d.day, r.account_id, r.created_at desc
    ),
    support as (
      select d.day, t.account_id,
        count(*) filter (where t.opened_at >= d.day + 1 - 90)::int as tickets_90,
        count(*) filter (where t.opened_at >= d.day + 1 - 90 and t.escalated)::int as escalations_90,
        count(t.satisfaction)::int as rated_180,
        count(*) filter (where t.satisfaction >= 4)::int as satisfied_180
      from d join tickets t on t.workspace_id = ${workspaceId} ${among(sql`t.account_id`)}
        and t.opened_at < d.day + 1 and t.opened_at >= d.day + 1 - 180
      group by d.day, t.account_id
    ),
    answers as (
      select d.day, r.account_id,
        count(*) filter (where r.kind = 'nps')::int as nps_n,
        count(*) filter (where r.kind = 'nps' and r.score >= 9)::int as promoters,
        count(*) filter (where r.kind = 'nps' and r.score <= 6)::int as detractors,
        count(*) filter (where r.kind = 'csat')::int as csat_n,
        count(*) filter (where r.kind = 'csat' and r.score >= 4)::int as csat_ok
      from d join survey_responses r on r.workspace_id = ${workspaceId} ${among(sql`r.account_id`)}
        and r.answered_at < d.day + 1 and r.answered_at >= d.day + 1 - 365
      group by d.day, r.account_id
    ),
    success as (
      select distinct on (d.day, h.account_id) d.day, h.account_id, h.index, h.lowest_decision_maker
      from d join success_index_history h on h.workspace_id = ${workspaceId} ${among(sql`h.account_id`)}
        and h.day <= d.day
      order by d.day, h.account_id, h.day desc
    )
    select l.day::text, l.account_id, a.tier, a.coverage, a.lifecycle_stage, a.custom_fields,
      coalesce(us.mau, 0) as mau, coalesce(us.wau, 0) as wau, coalesce(us.mau_prev, 0) as mau_prev,
      l.seats, coalesce(b.key_used, 0) as key_used, (select count(*)::int from key_features) as key_defined,
      (select max(e.day)::text from usage_account_event_days e
        where e.workspace_id = ${workspaceId} and e.account_id = l.account_id and e.day <= l.day) as last_day,
      exists (select 1 from usage_account_event_days e where e.workspace_id = ${workspaceId}) as has_usage,
      l.next_renewal::text, l.mrr, coalesce(bf.mrr, 0) as mrr_90,
      coalesce(p.champion, false) as champion, coalesce(p.n, 0) as key_players, coalesce(p.active, 0) as key_active,
      rt.rating, f.first_start::text,
      exists (select 1 from tickets t where t.workspace_id = ${workspaceId}) as has_tickets,
      coalesce(sp.tickets_90, 0) as tickets_90, coalesce(sp.escalations_90, 0) as escalations_90,
      coalesce(sp.rated_180, 0) as rated_180, coalesce(sp.satisfied_180, 0) as satisfied_180,
      coalesce(an.nps_n, 0) as nps_n, coalesce(an.promoters, 0) as promoters, coalesce(an.detractors, 0) as detractors,
      coalesce(an.csat_n, 0) as csat_n, coalesce(an.csat_ok, 0) as csat_ok,
      si.index as success_index, si.lowest_decision_maker as success_lowest
    from live l
    join accounts a on a.workspace_id = ${workspaceId} and a.id = l.account_id ${only}
    left join users us on us.day = l.day and us.account_id = l.account_id
    left join breadth b on b.day = l.day and b.account_id = l.account_id
    left join before bf on bf.day = l.day and bf.account_id = l.account_id
    left join players p on p.day = l.day and p.account_id = l.account_id
    left join rating rt on rt.day = l.day and rt.account_id = l.account_id
    left join firsts f on f.account_id = l.account_id
    left join support sp on sp.day = l.day and sp.account_id = l.account_id
    left join answers an on an.day = l.day and an.account_id = l.account_id
    left join success si on si.day = l.day and si.account_id = l.account_id`,
  );
  return rows.map(toAccountDay);
}

/** Raw figures to source values; a figure that cannot be known is null, never a made-up zero. */
function toAccountDay(r: Row): AccountDay {
  // Without any usage in the workspace, usage measures are unknown rather than zero.
  const usage = r.has_usage;
  const values: Record<HealthSource, number | null> = {
    "usage.mau": usage ? r.mau : null,
    "usage.wau": usage ? r.wau : null,
    "usage.utilization": usage && r.seats ? (r.mau ?? 0) / r.seats : null,
    "usage.breadth": usage && r.key_defined > 0 ? (r.key_used ?? 0) / r.key_defined : null,
    "usage.active_users_trend": usage && r.mau_prev ? (r.mau ?? 0) / r.mau_prev - 1 : null,
    "usage.days_since_last_activity": usage && r.last_day ? daysBetween(r.last_day, r.day) : null,
    "subscription.days_to_renewal": r.next_renewal ? daysBetween(r.day, r.next_renewal) : null,
    "subscription.mrr_trend": r.mrr_90 > 0 ? r.mrr / r.mrr_90 - 1 : null,
    "key_players.champion_present": r.champion ? 1 : 0,
    "key_players.active_share": usage && r.key_players > 0 ? r.key_active / r.key_players : null,
    "sentiment.rating": r.rating,
    // Without any ticket in the workspace, support measures are unknown rather than zero.
    "support.tickets_90d": r.has_tickets ? r.tickets_90 : null,
    "support.escalations_90d": r.has_tickets ? r.escalations_90 : null,
    "support.ticket_csat": csatOf({ responses: r.rated_180, satisfied: r.satisfied_180 }),
    "surveys.nps": npsOf({ responses: r.nps_n, promoters: r.promoters, detractors: r.detractors }),
    "surveys.csat": csatOf({ responses: r.csat_n, satisfied: r.csat_ok }),
    // As recorded on or before the day: unknown before the index's first record.
    "success.index": r.success_index,
    "success.lowest_decision_maker": r.success_lowest,
  };
  return {
    day: r.day,
    accountId: r.account_id,
    tier: r.tier,
    coverage: r.coverage,
    lifecycleStage: r.lifecycle_stage,
    customFields: r.custom_fields ?? {},
    values,
    firstStart: r.first_start,
    usedProduct: r.last_day !== null,
  };
}
