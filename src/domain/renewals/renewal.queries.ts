import { type SQL, sql } from "drizzle-orm";
import { queryRows } from "../../db/index.ts";
import type { Db } from "../../db/transaction.ts";
import { inSegment } from "../kernel/segment-membership.queries.ts";

/**
 * Renewals read from the subscriptions (docs/renewals.md): the ones coming up, and the ones of the
 * past — every contract year a paid subscription ran through and went on after (renewed), and
 * every end of one (churned, or renewed, expanded or downgraded when the same product started
 * again for the account within 31 days) — with what a person or an import recorded taking
 * precedence over what the history says.
 */

const segmentScope = (column: SQL, workspaceId: string, segmentId: string | null | undefined): SQL =>
  segmentId ? sql`and ${inSegment(column, workspaceId, segmentId)}` : sql``;

export type PipelineRow = {
  subscriptionId: string;
  accountId: string;
  accountName: string;
  product: string;
  plan: string | null;
  dueDate: string;
  arrMinor: number;
  currency: string;
  autoRenew: boolean | null;
  healthScore: number | null;
  healthBand: string | null;
  churnProbability: number | null;
  successIndex: number | null;
  ownerId: string | null;
  ownerName: string | null;
  /** Null while no one has worked on the renewal. */
  stage: string | null;
} & RecordFields;

export type PipelineFilter = {
  from: string;
  to: string;
  segmentId?: string | null;
  owner?: string | null;
  stage?: string | null;
  /** One subscription's renewal of this day, whatever its renewal date is now (e.g. a past one). */
  one?: { subscriptionId: string; dueDate: string };
};

/** Paid subscriptions renewing between two days (inclusive) and not ending before then. */
export function pipelineRows(db: Db, workspaceId: string, f: PipelineFilter) {
  const due = f.one ? sql`${f.one.dueDate}::date` : sql`s.renewal_date`;
  const which = f.one
    ? sql`and s.id = ${f.one.subscriptionId}`
    : sql`and s.renewal_date between ${f.from}::date and ${f.to}::date
          and (s.end_date is null or s.end_date >= s.renewal_date)`;
  return queryRows<PipelineRow>(
    db,
    sql`select s.id as "subscriptionId", s.account_id as "accountId", a.name as "accountName", s.product,
               s.plan, ${due}::text as "dueDate", (s.mrr_minor * 12)::float8 as "arrMinor",
               s.currency, s.auto_renew as "autoRenew", a.health_score as "healthScore",
               a.health_band as "healthBand", cp.probability as "churnProbability", si.index as "successIndex",
               a.owner_id as "ownerId", u.name as "ownerName", r.stage, r.csm_call as "csmCall",
               r.notice_date::text as "noticeDate", r.outcome, r.reason_code as "reasonCode",
               r.arr_after_minor::float8 as "arrAfterMinor", r.note
          from subscriptions s
          join accounts a on a.workspace_id = s.workspace_id and a.id = s.account_id
          left join users u on u.id = a.owner_id
          left join churn_predictions cp
            on cp.workspace_id = s.workspace_id and cp.account_id = s.account_id and cp.kind = 'churn'
          left join lateral (
            select h.index from success_index_history h
             where h.workspace_id = s.workspace_id and h.account_id = s.account_id
             order by h.day desc limit 1) si on true
          left join renewals r
            on r.workspace_id = s.workspace_id and r.subscription_id = s.id and r.due_date = ${due}
         where s.workspace_id = ${workspaceId} and s.status <> 'trial' and s.mrr_minor > 0 ${which}
           ${f.owner === "none" ? sql`and a.owner_id is null` : f.owner ? sql`and a.owner_id = ${f.owner}` : sql``}
           ${f.stage ? sql`and coalesce(r.stage, 'not_started') = ${f.stage}` : sql``}
           ${segmentScope(sql`s.account_id`, workspaceId, f.segmentId)}
         order by s.renewal_date, a.name, s.product, s.id`,
  );
}

/**
 * The past renewals due between two days as a CTE named `occasions` (subscription, account,
 * product, currency, ARR, due date, outcome, reason, ARR after, source, note). Only days up to
 * `today` are decided; a recorded outcome of a later day (a customer who gave notice) counts too.
 */
function occasions(workspaceId: string, today: string, dueFrom: string, dueTo: string): SQL {
  return sql`paid as (
      select s.id, s.account_id, s.product, s.currency, s.mrr_minor, s.start_date, s.end_date
        from subscriptions s
       where s.workspace_id = ${workspaceId} and s.status <> 'trial' and s.mrr_minor > 0
         and s.start_date < ${dueTo}::date
    ), derived as (
      select p.id, p.account_id, p.product, p.currency, p.mrr_minor * 12 as arr_minor,
             (p.start_date + make_interval(years => k))::date as due, 'renewed'::text as outcome,
             null::bigint as after_minor
        from paid p
        cross join lateral generate_series(1, extract(year from age(
               least(coalesce(p.end_date - 1, ${today}::date), ${today}::date, ${dueTo}::date), p.start_date))::int) k
      union all
      select p.id, p.account_id, p.product, p.currency, p.mrr_minor * 12, p.end_date,
             case when n.mrr is null then 'churned' when n.mrr > p.mrr_minor then 'expanded'
                  when n.mrr < p.mrr_minor then 'downgraded' else 'renewed' end,
             n.mrr * 12
        from paid p
        left join lateral (
          select sum(x.mrr_minor) as mrr from subscriptions x
           where x.workspace_id = ${workspaceId} and x.account_id = p.account_id and x.product = p.product
             and x.id <> p.id and x.status <> 'trial' and x.mrr_minor > 0
             and x.start_date between p.end_date - 31 and p.end_date + 31) n on true
       where p.end_date is not null and p.end_date <= ${today}::date
         and p.end_date between ${dueFrom}::date and ${dueTo}::date
    ), occasions as (
      select d.id as subscription_id, d.account_id, d.product, d.currency, d.arr_minor, d.due,
             coalesce(r.outcome, d.outcome) as outcome, r.reason_code,
             coalesce(r.arr_after_minor, d.after_minor) as arr_after_minor,
             case when r.outcome is null then 'history' else 'recorded' end as source, r.note
        from derived d
        left join renewals r on r.workspace_id = ${workspaceId} and r.subscription_id = d.id
                            and r.due_date = d.due and r.outcome is not null
       where d.due between ${dueFrom}::date and ${dueTo}::date
      union all
      select r.subscription_id, r.account_id, s.product, s.currency, s.mrr_minor * 12, r.due_date,
             r.outcome, r.reason_code, r.arr_after_minor, 'recorded', r.note
        from renewals r
        left join subscriptions s on s.workspace_id = r.workspace_id and s.id = r.subscription_id
       where r.workspace_id = ${workspaceId} and r.outcome is not null
         and r.due_date between ${dueFrom}::date and ${dueTo}::date
         and not exists (select 1 from derived d where d.id = r.subscription_id and d.due = r.due_date)
    )`;
}

/** The churn probability recorded for the occasion's account on `day` or up to 45 days before. */
const scoreOn = (workspaceId: string, day: SQL) =>
  sql`left join lateral (
        select h.probability from churn_probability_history h
         where h.workspace_id = ${workspaceId} and h.kind = 'churn' and h.account_id = o.account_id
           and h.day <= ${day} and h.day > ${day} - 45
         order by h.day desc limit 1) cp on true`;

/**
 * The past renewals of subscriptions due before `before`, grouped by whether they renewed and the
 * churn probability (to three places) their account had `leadDays` before each: what the
 * calibration is fitted on.
 */
export const calibrationHistory = (
  db: Db,
  workspaceId: string,
  today: string,
  before: string,
  leadDays: number,
) =>
  queryRows<{ renewed: boolean; churnProbability: number | null; count: number }>(
    db,
    sql`with ${occasions(workspaceId, today, "1970-01-01", before)}
        select o.outcome <> 'churned' as renewed, round(cp.probability::numeric, 3)::float8 as "churnProbability",
               count(*)::int as count
          from occasions o
          ${scoreOn(workspaceId, sql`(o.due - ${leadDays}::int)`)}
         where o.subscription_id is not null and o.due < ${before}::date
         group by 1, 2`,
  );

export type BacktestRow = {
  accountId: string;
  currency: string;
  arrMinor: number;
  renewed: boolean;
  churnProbability: number | null;
};

/** The renewals of subscriptions due in [from, next), with the churn probability as of `from`. */
export const renewalsDueWithScore = (
  db: Db,
  workspaceId: string,
  today: string,
  from: string,
  next: string,
) =>
  queryRows<BacktestRow>(
    db,
    sql`with ${occasions(workspaceId, today, from, next)}
        select o.account_id as "accountId", o.currency, o.arr_minor::float8 as "arrMinor",
               o.outcome <> 'churned' as renewed, cp.probability as "churnProbability"
          from occasions o
          ${scoreOn(workspaceId, sql`${from}::date`)}
         where o.subscription_id is not null and o.due >= ${from}::date and o.due < ${next}::date
           and o.due <= ${today}::date`,
  );

export type OutcomeRow = {
  accountId: string;
  accountName: string;
  subscriptionId: string | null;
  product: string | null;
  dueDate: string;
  outcome: string;
  reasonCode: string | null;
  arrMinor: number | null;
  arrAfterMinor: number | null;
  currency: string | null;
  source: "recorded" | "history";
  note: string | null;
};

/** The renewals decided between two days (inclusive), newest first. */
export const outcomeRows = (
  db: Db,
  workspaceId: string,
  today: string,
  q: { from: string; to: string; segmentId?: string | null; outcome?: string | null },
) =>
  queryRows<OutcomeRow>(
    db,
    sql`with ${occasions(workspaceId, today, q.from, q.to)}
        select o.account_id as "accountId", a.name as "accountName", o.subscription_id as "subscriptionId",
               o.product, o.due::text as "dueDate", o.outcome, o.reason_code as "reasonCode",
               o.arr_minor::float8 as "arrMinor", o.arr_after_minor::float8 as "arrAfterMinor", o.currency,
               o.source, o.note
          from occasions o
          join accounts a on a.workspace_id = ${workspaceId} and a.id = o.account_id
         where true ${q.outcome ? sql`and o.outcome = ${q.outcome}` : sql``}
               ${segmentScope(sql`o.account_id`, workspaceId, q.segmentId)}
         order by o.due desc, a.name, o.product`,
  );

/** What a renewal's record says about it, besides its stage. */
type RecordFields = {
  csmCall: string | null;
  noticeDate: string | null;
  outcome: string | null;
  reasonCode: string | null;
  arrAfterMinor: number | null;
  note: string | null;
};

export type RenewalRecord = {
  id: string;
  accountId: string;
  subscriptionId: string | null;
  dueDate: string;
  stage: string;
} & RecordFields;

const recordColumns = sql`id, account_id as "accountId", subscription_id as "subscriptionId",
  due_date::text as "dueDate", stage, csm_call as "csmCall", notice_date::text as "noticeDate", outcome,
  reason_code as "reasonCode", arr_after_minor::float8 as "arrAfterMinor", note`;

/** The record of a subscription's renewal on a day, locked for the change being made. */
export const findRenewalRecord = async (
  db: Db,
  workspaceId: string,
  subscriptionId: string,
  dueDate: string,
) =>
  (
    await queryRows<RenewalRecord>(
      db,
      sql`select ${recordColumns} from renewals
           where workspace_id = ${workspaceId} and subscription_id = ${subscriptionId} and due_date = ${dueDate}
           for update`,
    )
  )[0] ?? null;

/** Writes the record of a subscription's renewal, whole; `kept` leaves the day it was decided as it is. */
export const saveRenewalRecord = (
  db: Db,
  workspaceId: string,
  r: RenewalRecord & { decidedAt: Date | null | "kept"; updatedBy: string | null },
) =>
  db.execute(sql`
    insert into renewals (workspace_id, id, account_id, subscription_id, due_date, stage, csm_call, notice_date,
                          outcome, reason_code, arr_after_minor, note, decided_at, updated_by)
    values (${workspaceId}, ${r.id}, ${r.accountId}, ${r.subscriptionId}, ${r.dueDate}, ${r.stage}, ${r.csmCall},
            ${r.noticeDate}, ${r.outcome}, ${r.reasonCode}, ${r.arrAfterMinor}, ${r.note}, ${r.decidedAt === "kept" ? null : r.decidedAt},
            ${r.updatedBy})
    on conflict (workspace_id, id) do update set
      stage = excluded.stage, csm_call = excluded.csm_call, notice_date = excluded.notice_date,
      outcome = excluded.outcome, reason_code = excluded.reason_code, arr_after_minor = excluded.arr_after_minor,
      note = excluded.note,
      decided_at = ${r.decidedAt === "kept" ? sql`renewals.decided_at` : sql`excluded.decided_at`},
      updated_by = excluded.updated_by, updated_at = now()`);

/** The subscription a renewal is of, with the dates that say which renewals it can have. */
export const findSubscriptionForRenewal = async (db: Db, workspaceId: string, id: string) =>
  (
    await queryRows<{
      id: string;
      accountId: string;
      startDate: string;
      endDate: string | null;
      renewalDate: string | null;
      mrrMinor: number;
      currency: string;
      status: string;
    }>(
      db,
      sql`select id, account_id as "accountId", start_date::text as "startDate", end_date::text as "endDate",
                 renewal_date::text as "renewalDate", mrr_minor::float8 as "mrrMinor", currency, status
            from subscriptions where workspace_id = ${workspaceId} and id = ${id}`,
    )
  )[0] ?? null;

export const findCalibration = async (db: Db, workspaceId: string) =>
  (
    await queryRows<{ calibration: unknown; fittedAt: Date }>(
      db,
      sql`select calibration, fitted_at as "fittedAt" from renewal_calibrations where workspace_id = ${workspaceId}`,
    )
  )[0] ?? null;

/**
 * Keeps a calibration in place of the one kept; with `keep-first`, only when there is none, so
 * two readers fitting at once keep the first fit and both answer with it.
 */
export const saveCalibration = (
  db: Db,
  workspaceId: string,
  calibration: unknown,
  fittedAt: Date,
  mode: "replace" | "keep-first" = "replace",
) =>
  db.execute(sql`
    insert into renewal_calibrations (workspace_id, calibration, fitted_at)
    values (${workspaceId}, ${JSON.stringify(calibration)}::jsonb, ${fittedAt})
    on conflict (workspace_id) do ${
      mode === "keep-first"
        ? sql`nothing`
        : sql`update set calibration = excluded.calibration, fitted_at = excluded.fitted_at`
    }`);
