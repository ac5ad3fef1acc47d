import { sql } from "drizzle-orm";
import { addDays } from "../../src/common/dates.ts";
import type { FilterGroup } from "../../src/contract/segments.ts";
import { type Database, queryRows } from "../../src/db/index.ts";
import type { Ctx } from "../../src/domain/context.ts";
import { createSegment } from "../../src/domain/segments/index.ts";
import { stepTimer } from "./report.ts";

/**
 * The rules benchmark's data, generated inside the database with `INSERT … SELECT
 * generate_series` (the bench's set-up, as the health and success benchmarks do): a customer
 * success team, accounts with what rules test, and the histories a replay reads.
 *
 * - 40 CSMs in three named teams under one CS lead; each CSM owns 1 in 40 accounts, 1 in 50
 *   accounts has no owner (the team view's items).
 * - Accounts: tier (1 in 10 Enterprise, 3 in 10 Mid-Market), industry, region, lifecycle stage,
 *   coverage by tier, one subscription each (MRR by tier, a renewal date within the year; 3 in 100
 *   ended in the last two months, so replays find churn), three contacts (champion, economic buyer,
 *   user).
 * - Health: a score per account per day over `days` days, a drift plus a weekly wave plus noise,
 *   so bands change now and then; the account's live score, band and 7-day change are the last day's.
 * - Churn and expansion probabilities per account per day (`churn_probability_history`), moving
 *   against (churn) or with (expansion) the health score; the live ones are the last day's.
 * - Usage rollups: 1–8 product users per account, each active on a day with a chance that follows
 *   the health score; three features per account-day.
 * - NPS answers from about a third of the contacts in the last year; a success index once a week
 *   for half the accounts.
 * - Six account segments created through `createSegment` (membership computed by the product),
 *   then given a history: current stays back-dated over four months, and past stays of other
 *   accounts that ended in the last 90 days.
 *
 * The histories are written day after day, as the daily jobs and ingestion write them, so their
 * rows lie on disk in that order. Values vary by hashes of ids and days, so a run is repeatable in
 * shape.
 */

export const CSMS = 40;
export const TEAMS = ["Enterprise CSMs", "Growth CSMs", "Scale CSMs"] as const;
const INDUSTRIES = [
  "Software",
  "Retail",
  "Finance",
  "Healthcare",
  "Manufacturing",
  "Media",
  "Education",
  "Logistics",
];
const REGIONS = ["North America", "EMEA", "APAC", "LATAM"];

export type RulesData = {
  /** CSM user ids in order (csm1 first: the benchmark's inbox owner). */
  csms: { id: string; email: string }[];
  leadId: string;
  segments: Record<string, string>;
  rows: Record<string, number>;
  steps: Record<string, number>;
};

const texts = (xs: readonly string[]) =>
  sql.raw(`array[${xs.map((x) => `'${x.replace(/'/g, "''")}'`).join(",")}]`);

/** A health score of account `a` (its id hash `h`) `k` days before today, 0–100. */
const scoreSql = (h: string, k: string, id: string) =>
  sql.raw(`greatest(0, least(100,
    25 + (${h} & 63) + (((${h} >> 6) & 15) - 7.5) * (90 - ${k}) / 30.0
    + 5 * sin((${k} + ((${h} >> 10) & 31)) / 6.0) + ((hashtext(${id}::text || ${k}) & 7) - 3.5)))::real`);

const bandSql = (score: string) =>
  sql.raw(`case when ${score} >= 70 then 'good' when ${score} >= 40 then 'average' else 'poor' end`);

export async function buildRulesData(
  database: Database,
  ctx: Ctx,
  n: { accounts: number; days: number; today: string },
  log: (msg: string) => void,
): Promise<RulesData> {
  const db = database.db;
  const ws = ctx.workspaceId;
  const { steps, timed } = stepTimer(log);
  const from = addDays(n.today, -n.days);

  await timed("people", async () => {
    await db.execute(sql`insert into users (id, email, name)
      select gen_random_uuid(), 'lead@rules-bench.example', 'CS Lead'
      union all
      select gen_random_uuid(), 'csm' || k || '@rules-bench.example', 'CSM ' || k from generate_series(1, ${CSMS}) k`);
    await db.execute(sql`insert into memberships (workspace_id, user_id, role, function, title)
      select ${ws}, id, 'manager', 'customer_success', 'Head of Customer Success' from users
       where email = 'lead@rules-bench.example'`);
    await db.execute(sql`insert into memberships (workspace_id, user_id, role, function, title, manager_id, team)
      select ${ws}, u.id, 'member', 'customer_success', 'CSM',
        (select id from users where email = 'lead@rules-bench.example'),
        case when k <= 10 then ${TEAMS[0]} when k <= 25 then ${TEAMS[1]} else ${TEAMS[2]} end
        from generate_series(1, ${CSMS}) k join users u on u.email = 'csm' || k || '@rules-bench.example'`);
  });
  const csms = await queryRows<{ id: string; email: string }>(
    db,
    sql`select u.id, u.email from generate_series(1, ${CSMS}) k
          join users u on u.email = 'csm' || k || '@rules-bench.example' order by k`,
  );
  const [lead] = await queryRows<{ id: string }>(
    db,
    sql`select id from users where email = 'lead@rules-bench.example'`,
  );

  await timed("accounts", async () => {
    await db.execute(sql`insert into accounts (workspace_id, id, external_id, name, tier, industry, region,
        lifecycle_stage, coverage, owner_id, created_at, updated_at)
      select ${ws}, gen_random_uuid(), 'A' || i, 'Account ' || lpad(i::text, 5, '0'),
        case when h % 10 = 0 then 'Enterprise' when h % 10 < 4 then 'Mid-Market' else 'SMB' end,
        (${texts(INDUSTRIES)})[1 + (h >> 4) % ${INDUSTRIES.length}],
        (${texts(REGIONS)})[1 + (h >> 8) % ${REGIONS.length}],
        (array['onboarding', 'adoption', 'adoption', 'value', 'value', 'renewal', 'advocacy'])[1 + (h >> 12) % 7],
        case when h % 10 = 0 then 'one_to_one' when h % 10 < 4 then 'one_to_few' else 'one_to_many' end,
        case when i % 50 = 7 then null else (${sql.param(csms.map((c) => c.id))}::uuid[])[1 + i % ${CSMS}] end,
        now() - interval '1 day' * (120 + (h >> 16) % 900), now()
      from generate_series(1, ${n.accounts}) i, lateral (select hashtext('acct' || i) & 2147483647 as h) x`);
    // One subscription each; 3 in 100 ended in the last two months (churned: no revenue now).
    await db.execute(sql`insert into subscriptions (workspace_id, account_id, id, product, mrr_minor, currency,
        seats, start_date, end_date, renewal_date, status)
      select a.workspace_id, a.id, gen_random_uuid(), 'Platform',
        case a.tier when 'Enterprise' then 500000 when 'Mid-Market' then 80000 else 12000 end + (h & 4095) * 10,
        'USD', 5 + (h >> 3) % 200, ${addDays(n.today, -700)}::date,
        case when churned then ${n.today}::date - (1 + (h >> 9) % 60) end,
        ${n.today}::date + (h >> 11) % 365,
        case when churned then 'expired' else 'active' end
      from accounts a, lateral (select hashtext('sub' || a.id) & 2147483647 as h) x,
           lateral (select h % 100 < 3 as churned) c
      where a.workspace_id = ${ws}`);
    await db.execute(sql`update accounts a set
        mrr_minor = case when s.status = 'active' then s.mrr_minor else 0 end,
        next_renewal_date = case when s.status = 'active' then s.renewal_date end,
        lifecycle_stage = case when s.status = 'active' then a.lifecycle_stage else 'churned' end
      from subscriptions s where s.workspace_id = a.workspace_id and s.account_id = a.id and a.workspace_id = ${ws}`);
    await db.execute(sql`insert into contacts (workspace_id, account_id, id, first_name, last_name, email, decision_role)
      select a.workspace_id, a.id, gen_random_uuid(), 'Person', a.external_id || '-' || k,
        lower(a.external_id) || '-' || k || '@customer.example',
        (array['champion', 'economic_buyer', 'user'])[k]
      from accounts a, generate_series(1, 3) k where a.workspace_id = ${ws}`);
  });

  await timed("health history", async () => {
    const [version] = await queryRows<{ model_id: string; version: number }>(
      db,
      sql`select model_id, version from health_model_versions where workspace_id = ${ws} and status = 'published'
           order by model_id limit 1`,
    );
    await db.execute(sql`insert into health_scores (workspace_id, account_id, day, model_id, model_version, score, band, measures)
      select ${ws}, a.id, ${n.today}::date - k, ${version?.model_id}, ${version?.version ?? 1}, s.score,
        ${bandSql("s.score")}, '{}'::jsonb
      from accounts a cross join generate_series(0, ${n.days}) k
        cross join lateral (select hashtext(a.id::text) & 2147483647 as h) x
        cross join lateral (select ${scoreSql("x.h", "k", "a.id")} as score) s
      where a.workspace_id = ${ws}
      order by k desc, a.id`);
    await db.execute(sql`update accounts a set health_score = t.score, health_band = t.band, health_day = t.day,
        health_change_7d = t.score - w.score
      from health_scores t, health_scores w
      where a.workspace_id = ${ws} and t.workspace_id = a.workspace_id and t.account_id = a.id and t.day = ${n.today}::date
        and w.workspace_id = a.workspace_id and w.account_id = a.id and w.day = ${n.today}::date - 7`);
  });

  await timed("churn history", async () => {
    const models = await queryRows<{ id: string; kind: string }>(
      db,
      sql`insert into churn_models (workspace_id, id, kind, model, evaluation, accounts, positives)
          select ${ws}, gen_random_uuid(), kind, '{}'::jsonb, '{}'::jsonb, ${n.accounts}, 0
            from unnest(array['churn', 'expansion']) kind
          returning id, kind`,
    );
    // Churn rises as health falls, expansion with it; each with an account's own offset and noise.
    await db.execute(sql`insert into churn_probability_history (workspace_id, account_id, kind, day, probability)
      select h.workspace_id, h.account_id, kind, h.day,
        greatest(0.01, least(0.99, case kind
          when 'churn' then 0.95 - h.score / 100.0 + ((hashtext(h.account_id::text || 'c') & 31) - 16) / 100.0
          else h.score / 120.0 - 0.2 + ((hashtext(h.account_id::text || 'e') & 31) - 16) / 100.0 end
          + ((hashtext(h.account_id::text || h.day::text || kind) & 15) - 7.5) / 200.0))
      from health_scores h cross join unnest(array['churn', 'expansion']) kind
      where h.workspace_id = ${ws}
      order by h.day, kind, h.account_id`);
    await db.execute(sql`insert into churn_predictions (workspace_id, account_id, kind, model_id, probability, drivers)
      select h.workspace_id, h.account_id, h.kind, m.id, h.probability, '[]'::jsonb
      from churn_probability_history h join unnest(${sql.param(models.map((m) => m.id))}::uuid[],
        ${sql.param(models.map((m) => m.kind))}::text[]) as m(id, kind) on m.kind = h.kind
      where h.workspace_id = ${ws} and h.day = ${n.today}::date`);
  });

  await timed("usage rollups", async () => {
    // 1–6 product users per account, each active on a day with a chance of (20 + health score) in 128.
    await db.execute(sql`insert into usage_user_days (workspace_id, account_id, day, user_key, events)
      select h.workspace_id, h.account_id, h.day, h.account_id::text || ':' || u,
        1 + (hashtext(h.account_id::text || h.day::text || u) & 15)
      from health_scores h
        cross join lateral generate_series(1, 1 + (hashtext(h.account_id::text || 'users') & 2147483647) % 6) u
      where h.workspace_id = ${ws} and h.day > ${from}::date
        and (hashtext(h.account_id::text || h.day::text || u || 'on') & 127) < 20 + h.score
      order by h.day, h.account_id`);
    await db.execute(sql`insert into usage_account_event_days (workspace_id, account_id, day, event, events, users)
      select workspace_id, account_id, day, 'Feature ' || f, sum(events), count(*)
      from usage_user_days u
        cross join lateral (select 1 + (hashtext(u.user_key || u.day::text) & 2147483647) % 3 as f) x
      where workspace_id = ${ws}
      group by workspace_id, account_id, day, f
      order by day, account_id`);
    await db.execute(sql`insert into usage_features (workspace_id, event, name, key)
      select ${ws}, 'Feature ' || f, 'Feature ' || f, f = 1 from generate_series(1, 3) f`);
  });

  await timed("answers and success index", async () => {
    // A third of the contacts answered NPS in the last year (a ninth twice); scores follow health.
    await db.execute(sql`insert into survey_responses (workspace_id, id, account_id, contact_id, kind, score, scale,
        answered_at, source)
      select c.workspace_id, gen_random_uuid(), c.account_id, c.id, 'nps',
        greatest(0, least(10, round(coalesce(a.health_score, 50) / 10.0)::int + (h >> 4) % 5 - 2)), 10,
        now() - interval '1 hour' * ((h >> 8) % 8640) - interval '200 days' * r, 'import'
      from contacts c join accounts a on a.workspace_id = c.workspace_id and a.id = c.account_id
        cross join lateral (select hashtext('nps' || c.id) & 2147483647 as h) x
        cross join generate_series(0, 1) r
      where c.workspace_id = ${ws} and h % 3 = 0 and (r = 0 or h % 9 = 0)`);
    await db.execute(sql`insert into success_index_history (workspace_id, account_id, day, index)
      select h.workspace_id, h.account_id, h.day, least(100, greatest(0, h.score * 0.8 + (hashtext(h.account_id::text || 'si') & 31)))
      from health_scores h
      where h.workspace_id = ${ws} and (h.day - ${n.today}::date) % 7 = 0
        and (hashtext(h.account_id::text || 'kp') & 1) = 0
      order by h.day, h.account_id`);
  });

  const segments: Record<string, string> = {};
  await timed("segments", async () => {
    for (const [name, filter] of Object.entries(SEGMENTS)) {
      segments[name] = (await createSegment(ctx, { name, entity: "account", filter })).id;
    }
    // A history for replays: today's stays began over the last four months, and other accounts
    // had stays that ended within the last 90 days.
    await db.execute(sql`update segment_members m
        set entered_at = now() - interval '1 hour' * ((hashtext(m.entity_id::text || m.segment_id::text) & 2147483647) % 2880)
      where m.workspace_id = ${ws}`);
    await db.execute(sql`insert into segment_members (workspace_id, segment_id, entity_id, entered_at, left_at)
      select s.workspace_id, s.id, a.id, e.entered, e.entered + interval '1 day' * (1 + (h >> 8) % 9)
      from segments s join accounts a on a.workspace_id = s.workspace_id
        cross join lateral (select hashtext(a.id::text || s.id::text || 'past') & 2147483647 as h) x
        cross join lateral (select now() - interval '1 day' * (10 + h % 80) as entered) e
      where s.workspace_id = ${ws} and h % 7 = 0
        and not exists (select 1 from segment_members m where m.workspace_id = s.workspace_id
                         and m.segment_id = s.id and m.entity_id = a.id)`);
  });
  // A database in use has been vacuumed since its rows came in (autovacuum after so many inserts):
  // visibility maps set, so index-only scans read no heap. Measuring straight after a bulk load
  // would time the first vacuum's work instead.
  await timed("vacuum analyze", () => db.execute(sql`vacuum analyze`));
  // The load's dirty pages written out now, not by the checkpointer in the middle of the first
  // measurement (a database in use is not finishing a ten-million-row load).
  await timed("checkpoint", () => db.execute(sql`checkpoint`));

  const [rows] = await queryRows<Record<string, number>>(
    db,
    sql`select (select count(*)::int from accounts where workspace_id = ${ws}) as accounts,
               (select count(*)::int from health_scores where workspace_id = ${ws}) as "healthScores",
               (select count(*)::int from churn_probability_history where workspace_id = ${ws}) as "probabilityHistory",
               (select count(*)::int from usage_user_days where workspace_id = ${ws}) as "usageUserDays",
               (select count(*)::int from usage_account_event_days where workspace_id = ${ws}) as "usageAccountEventDays",
               (select count(*)::int from survey_responses where workspace_id = ${ws}) as "npsAnswers",
               (select count(*)::int from segment_members where workspace_id = ${ws}) as "segmentStays"`,
  );
  return { csms, leadId: lead?.id as string, segments, rows: rows ?? {}, steps };
}

const all = (...conditions: FilterGroup["conditions"]): FilterGroup => ({ match: "all", conditions });

/** The workspace's account segments, which rules test and are triggered by. */
export const SEGMENTS: Record<string, FilterGroup> = {
  "Enterprise at risk": all(
    { field: "tier", op: "eq", value: "Enterprise" },
    { field: "health.score", op: "lt", value: 50 },
  ),
  "Low usage": all({ field: "usage.activeUsers30d", op: "lt", value: 2 }),
  "Renewing this quarter": all({ field: "nextRenewalDate", op: "in_next_days", value: 90 }),
  Detractors: all({ field: "survey.npsLatest", op: "lte", value: 6 }),
  "High churn risk": all({ field: "churn.probability", op: "gt", value: 60 }),
  "Expansion candidates": all(
    { field: "expansion.probability", op: "gt", value: 50 },
    { field: "health.band", op: "in", value: ["good"] },
  ),
};
