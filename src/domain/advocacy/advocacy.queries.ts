import { type SQL, sql } from "drizzle-orm";
import type { SegmentEntity } from "../../contract/segments.ts";
import type { Db } from "../../db/index.ts";
import { queryRows, schema } from "../../db/index.ts";
import { KEY_PLAYER_SQL } from "../contacts/index.ts";
import { inSegment } from "../kernel/segment-membership.queries.ts";

/** A segment narrowing a figure: the account or contact column its members are matched on. */
export type SegmentScope = { id: string; entity: SegmentEntity } | null;

const scoped = (workspaceId: string, segment: SegmentScope, columns: { account: SQL; contact: SQL }): SQL =>
  segment
    ? sql`and ${inSegment(segment.entity === "account" ? columns.account : columns.contact, workspaceId, segment.id)}`
    : sql``;

export type CandidateRow = {
  contactId: string;
  contactName: string;
  title: string | null;
  decisionRole: string | null;
  accountId: string;
  accountName: string;
  healthBand: string;
  healthScore: number | null;
  npsScore: number;
  npsAt: Date | string;
  outcomesAchieved: number;
  arrMinor: number | string;
  currency: string;
  lastAskedOn: string | null;
  lastKind: string | null;
  lastState: string | null;
};

/**
 * Key players still at healthy customers (good band, not churned) whose latest NPS answer is 9 or
 * 10, at accounts with outcomes achieved, not asked since `windowStart` (null: no window), best
 * first: promoter score, outcomes achieved, health score, ARR (docs/advocacy.md).
 */
export function candidateRows(
  db: Db,
  workspaceId: string,
  q: { windowStart: string | null; kind: string | null; segment: SegmentScope; limit: number },
): Promise<CandidateRow[]> {
  return queryRows<CandidateRow>(
    db,
    sql`with latest_nps as (
          select distinct on (r.contact_id) r.contact_id, r.score::int as score, r.answered_at
            from survey_responses r
           where r.workspace_id = ${workspaceId} and r.kind = 'nps'
           order by r.contact_id, r.answered_at desc, r.id desc),
        achieved as (
          select o_c.account_id, count(*)::int as n
            from outcomes o
            join contacts o_c on o_c.workspace_id = o.workspace_id and o_c.id = o.contact_id
           where o.workspace_id = ${workspaceId} and o.status = 'achieved'
           group by o_c.account_id),
        last_ask as (
          select distinct on (k.contact_id) k.contact_id, k.asked_on, k.kind, k.state
            from advocacy_asks k
           where k.workspace_id = ${workspaceId} and k.contact_id is not null
           order by k.contact_id, k.asked_on desc, k.id desc)
        select contacts.id as "contactId",
          coalesce(nullif(trim(concat_ws(' ', contacts.first_name, contacts.last_name)), ''), contacts.email, '(unnamed)')
            as "contactName",
          contacts.title, contacts.decision_role as "decisionRole",
          a.id as "accountId", a.name as "accountName", a.health_band as "healthBand",
          a.health_score::float8 as "healthScore", n.score as "npsScore", n.answered_at as "npsAt",
          ach.n as "outcomesAchieved", a.mrr_minor * 12 as "arrMinor", a.currency,
          l.asked_on::text as "lastAskedOn", l.kind as "lastKind", l.state as "lastState"
          from contacts
          join accounts a on a.workspace_id = contacts.workspace_id and a.id = contacts.account_id
          join latest_nps n on n.contact_id = contacts.id
          join achieved ach on ach.account_id = a.id
          left join last_ask l on l.contact_id = contacts.id
         where contacts.workspace_id = ${workspaceId}
           and not contacts.left_company and ${KEY_PLAYER_SQL(schema.contacts)}
           and a.health_band = 'good' and a.lifecycle_stage <> 'churned'
           and n.score >= 9
           ${q.windowStart ? sql`and (l.asked_on is null or l.asked_on < ${q.windowStart}::date)` : sql``}
           ${
             q.kind
               ? sql`and not exists (select 1 from advocacy_asks k
                        where k.workspace_id = contacts.workspace_id and k.contact_id = contacts.id
                          and k.kind = ${q.kind} and k.state in ('asked', 'agreed', 'declined'))`
               : sql``
           }
           ${scoped(workspaceId, q.segment, { account: sql`a.id`, contact: sql`contacts.id` })}
         order by n.score desc, ach.n desc, a.health_score desc nulls last, a.mrr_minor desc, a.name, contacts.id
         limit ${q.limit}`,
  );
}

export type Period = { first: string; last: string; segment: SegmentScope };

const askScope = (workspaceId: string, p: Period) =>
  scoped(workspaceId, p.segment, { account: sql`account_id`, contact: sql`contact_id` });

/** Asks made in the period, counted per kind and the state each is in now. */
export const askCounts = (db: Db, workspaceId: string, p: Period) =>
  queryRows<{ kind: string; state: string; count: number }>(
    db,
    sql`select kind, state, count(*)::int as count from advocacy_asks
         where workspace_id = ${workspaceId} and asked_on between ${p.first}::date and ${p.last}::date
           ${askScope(workspaceId, p)}
         group by kind, state`,
  );

/** Asks that became delivered in the period, per kind. */
export const deliveredCounts = (db: Db, workspaceId: string, p: Period) =>
  queryRows<{ kind: string; count: number }>(
    db,
    sql`select kind, count(*)::int as count from advocacy_asks
         where workspace_id = ${workspaceId} and state = 'delivered'
           and state_on between ${p.first}::date and ${p.last}::date
           ${askScope(workspaceId, p)}
         group by kind`,
  );

/** NPS answers per UTC month of the period (`YYYY-MM-01`): how many, promoters (9–10), detractors (0–6). */
export const npsMonthCounts = (db: Db, workspaceId: string, p: Period) =>
  queryRows<{ month: string; responses: number; promoters: number; detractors: number }>(
    db,
    sql`select date_trunc('month', answered_at at time zone 'UTC')::date::text as month,
          count(*)::int as responses,
          count(*) filter (where score >= 9)::int as promoters,
          count(*) filter (where score <= 6)::int as detractors
          from survey_responses
         where workspace_id = ${workspaceId} and kind = 'nps'
           and answered_at >= ${p.first}::timestamp at time zone 'UTC'
           and answered_at < (${p.last}::date + 1)::timestamp at time zone 'UTC'
           ${askScope(workspaceId, p)}
         group by 1`,
  );
