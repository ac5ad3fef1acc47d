import { createHash } from "node:crypto";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb } from "../../../tests/helpers/test-db.ts";
import { addDays, daysBetween } from "../../common/dates.ts";
import { BACKTEST_FORM_DEFAULTS } from "../../contract/health.ts";
import type { Playbook } from "../../contract/playbooks.ts";
import { type Database, type Db, queryRows } from "../../db/index.ts";

import { getAdvocacySummary, listAdvocacyCandidates } from "../advocacy/index.ts";
import { login } from "../auth/index.ts";
import { getCharter } from "../charter/index.ts";

import { getBook, previewTiering } from "../coverage/index.ts";
import { getExperienceMetrics } from "../experience/index.ts";

import { getJourney } from "../journey/index.ts";
import { listPlaybooks, playbookReport } from "../playbooks/index.ts";

import { DEMO_LOGIN, type LoadDemoResult, loadDemo } from "./index.ts";

let database: Database;
let db: Db;
let first: LoadDemoResult;
// One moment for every load, so that the events of "today" (those before now) are the same each time.
const NOW = new Date();

const demoId = async () =>
  (
    await queryRows<{ id: string }>(db, sql`select id from workspaces where slug = ${DEMO_LOGIN.workspace}`)
  )[0]?.id as string;

/** Everything that must be identical run to run: names, amounts, stages, structure; no ids or dates. */
async function fingerprint(): Promise<string> {
  const ws = await demoId();
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`
      select a.external_id, a.name, a.domain, a.industry, a.region, a.country, a.tier, a.lifecycle_stage,
        a.mrr_minor, a.currency, a.custom_fields::text as custom_fields, p.name as parent, u.email as owner,
        (select string_agg(concat_ws('|', c.first_name, c.last_name, c.email, c.title, c.decision_role, c.influence,
            c.seniority, c.status, c.left_company), ';' order by c.email)
          from contacts c where c.workspace_id = a.workspace_id and c.account_id = a.id) as contacts,
        (select string_agg(concat_ws('|', s.external_id, s.product, s.plan, s.mrr_minor, s.currency, s.seats, s.status,
            s.billing_period, s.auto_renew), ';' order by s.external_id)
          from subscriptions s where s.workspace_id = a.workspace_id and s.account_id = a.id) as subscriptions,
        (select string_agg(concat_ws('|', t.team_role, tu.email), ';' order by t.team_role, tu.email)
          from account_team_members t join users tu on tu.id = t.user_id
          where t.workspace_id = a.workspace_id and t.account_id = a.id) as team,
        (select string_agg(concat_ws('|', e.kind, e.title, e.body), ';' order by e.kind, e.title, e.body)
          from timeline_entries e where e.workspace_id = a.workspace_id and e.account_id = a.id
            -- Which accounts a rule held out of a playbook is a hash of ids that are new with every load.
            and e.kind <> 'playbook') as timeline,
        (select string_agg(concat_ws('|', t.external_id, t.subject, t.priority, t.satisfaction, t.escalated,
            t.first_response_minutes, t.resolution_hours), ';' order by t.external_id)
          from tickets t where t.workspace_id = a.workspace_id and t.account_id = a.id) as tickets,
        (select string_agg(concat_ws('|', c.email, r.kind, r.score, r.scale, r.comment), ';'
            order by c.email, r.kind, r.score, r.comment)
          from survey_responses r join contacts c on c.workspace_id = r.workspace_id and c.id = r.contact_id
          where r.workspace_id = a.workspace_id and r.account_id = a.id) as answers
      from accounts a
      left join accounts p on p.workspace_id = a.workspace_id and p.id = a.parent_id
      left join users u on u.id = a.owner_id
      where a.workspace_id = ${ws}
      order by a.external_id`,
  );
  return createHash("sha256").update(JSON.stringify(rows)).digest("hex");
}

/** The usage rollups by account, day and feature, without ids: identical for the same moment. */
async function usageFingerprint(): Promise<string> {
  const ws = await demoId();
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`select a.external_id, d.day::text as day, d.event, d.events, d.users
        from usage_account_event_days d join accounts a on a.workspace_id = d.workspace_id and a.id = d.account_id
        where d.workspace_id = ${ws} order by a.external_id, d.day, d.event`,
  );
  return createHash("sha256").update(JSON.stringify(rows)).digest("hex");
}

type BacktestResult = { auc: number | null; measures: { key: string; auc: number | null }[] };

const countWhere = async (query: ReturnType<typeof sql>) =>
  Number((await queryRows<{ n: number | string }>(db, query))[0]?.n ?? 0);

beforeAll(async () => {
  database = await createTestDb();
  db = database.db;
  first = await loadDemo(db, { now: NOW });
  console.info(
    `demo loaded on ${database.kind} in ${first.elapsedMs} ms, of which product usage ${first.usage?.elapsedMs} ms`,
    first.counts,
    first.usage?.trajectories,
  );
}, 300_000);

afterAll(async () => {
  await database?.close();
});

describe("loadDemo", () => {
  it("creates the demo workspace with about 200 accounts and their people and history", async () => {
    expect(first.created).toBe(true);
    expect(first).toMatchObject({
      workspaceSlug: "demo",
      email: DEMO_LOGIN.email,
      password: DEMO_LOGIN.password,
    });
    expect(first.counts.accounts).toBe(200);
    expect(first.counts.members).toBeGreaterThanOrEqual(13);
    const ws = await demoId();
    expect(await countWhere(sql`select count(*) as n from accounts where workspace_id = ${ws}`)).toBe(200);
    expect(await countWhere(sql`select count(*) as n from contacts where workspace_id = ${ws}`)).toBe(
      first.counts.contacts,
    );
    // Playbooks' entries aside, as in the demo's counts (which accounts are held out varies by load).
    expect(
      await countWhere(
        sql`select count(*) as n from timeline_entries where workspace_id = ${ws} and kind <> 'playbook'`,
      ),
    ).toBe(first.counts.timelineEntries);
  });

  it("gives every account 3 to 8 contacts", async () => {
    const ws = await demoId();
    const perAccount = await queryRows<{ n: number | string }>(
      db,
      sql`select count(c.id) as n from accounts a
          left join contacts c on c.workspace_id = a.workspace_id and c.account_id = a.id
          where a.workspace_id = ${ws} group by a.id`,
    );
    expect(perAccount).toHaveLength(200);
    for (const { n } of perAccount) {
      expect(Number(n)).toBeGreaterThanOrEqual(3);
      expect(Number(n)).toBeLessThanOrEqual(8);
    }
  });

  it("has parent/child groups", async () => {
    const ws = await demoId();
    const parents = await countWhere(
      sql`select count(distinct c.parent_id) as n from accounts c
          join accounts p on p.workspace_id = c.workspace_id and p.id = c.parent_id
          where c.workspace_id = ${ws}`,
    );
    expect(parents).toBeGreaterThanOrEqual(10);
    expect(parents).toBeLessThanOrEqual(15);
  });

  it("has new, expanded, contracted, churned and trial customers in the subscriptions", async () => {
    const ws = await demoId();
    const fresh = await countWhere(
      sql`select count(*) as n from (
            select account_id from subscriptions where workspace_id = ${ws} and status <> 'expired'
            group by account_id having min(start_date) >= current_date - 90 and bool_or(status = 'active')) x`,
    );
    const expanded = await countWhere(
      sql`select count(distinct s2.account_id) as n from subscriptions s2
          where s2.workspace_id = ${ws} and s2.status = 'active'
            and s2.start_date > (select min(s1.start_date) from subscriptions s1
                                 where s1.workspace_id = s2.workspace_id and s1.account_id = s2.account_id
                                   and s1.status <> 'expired')`,
    );
    const contracted = await countWhere(
      sql`select count(distinct old.account_id) as n from subscriptions old
          join subscriptions now on now.workspace_id = old.workspace_id and now.account_id = old.account_id
            and now.product = old.product and now.start_date = old.end_date
          where old.workspace_id = ${ws} and old.status = 'canceled' and now.status = 'active'
            and now.mrr_minor < old.mrr_minor`,
    );
    const churned = await countWhere(
      sql`select count(*) as n from (
            select account_id from subscriptions where workspace_id = ${ws} group by account_id
            having bool_and(status = 'canceled') and max(end_date) < current_date) x`,
    );
    const trials = await countWhere(
      sql`select count(*) as n from subscriptions where workspace_id = ${ws} and status = 'trial'`,
    );
    expect(fresh).toBeGreaterThan(0);
    expect(expanded).toBeGreaterThan(0);
    expect(contracted).toBeGreaterThan(0);
    expect(trials).toBeGreaterThan(0);
    // About 8–10% of the book churned.
    expect(churned).toBeGreaterThanOrEqual(14);
    expect(churned).toBeLessThanOrEqual(22);
    const churnedWithMrr = await countWhere(
      sql`select count(*) as n from accounts where workspace_id = ${ws} and lifecycle_stage = 'churned' and mrr_minor > 0`,
    );
    expect(churnedWithMrr).toBe(0);
  });

  it("keeps account revenue in step with the subscriptions, renewals upcoming", async () => {
    const ws = await demoId();
    const withRevenue = await countWhere(
      sql`select count(*) as n from accounts where workspace_id = ${ws} and mrr_minor > 0 and next_renewal_date >= current_date`,
    );
    expect(withRevenue).toBeGreaterThan(150);
    const stale = await countWhere(
      sql`select count(*) as n from accounts where workspace_id = ${ws} and next_renewal_date < current_date`,
    );
    expect(stale).toBe(0);
  });

  it("lets the demo user sign in as the owner of the demo workspace", async () => {
    const session = await login(db, {
      email: DEMO_LOGIN.email,
      password: DEMO_LOGIN.password,
      ip: null,
      userAgent: null,
    });
    expect(session.info.workspace.slug).toBe("demo");
    expect(session.info.role).toBe("owner");
  });

  it("does nothing when the demo exists, and reset recreates the identical book", async () => {
    const before = await fingerprint();
    const idBefore = await demoId();

    const usageBefore = await usageFingerprint();
    const again = await loadDemo(db, { now: NOW });
    expect(again.created).toBe(false);
    expect(again.counts).toEqual(first.counts);
    expect(await demoId()).toBe(idBefore);

    const reset = await loadDemo(db, { reset: true, now: NOW });
    expect(reset.created).toBe(true);
    expect(reset.counts).toEqual(first.counts);
    expect(await demoId()).not.toBe(idBefore);
    expect(await fingerprint()).toBe(before);
    expect(await usageFingerprint()).toBe(usageBefore);
    // The old workspace's events went with it.
    expect(
      await countWhere(sql`select count(*) as n from usage_events where workspace_id = ${idBefore}`),
    ).toBe(0);

    const session = await login(db, {
      email: DEMO_LOGIN.email,
      password: DEMO_LOGIN.password,
      ip: null,
      userAgent: null,
    });
    expect(session.info.workspace.slug).toBe("demo");
  }, 300_000);
});

describe("loadDemo inbox", () => {
  it("gives the demo user an inbox with open, snoozed, overdue and escalated items, each with its reason", async () => {
    const ws = await demoId();
    const dana = (
      await queryRows<{ id: string }>(
        db,
        sql`select id from users where lower(email) = lower(${DEMO_LOGIN.email})`,
      )
    )[0]?.id;
    const rows = await queryRows<{
      open: number;
      snoozed: number;
      overdue: number;
      escalated: number;
      closed: number;
      follow_ups: number;
      risks: number;
      no_reason: number;
    }>(
      db,
      sql`select
            count(*) filter (where closed_at is null and owner_id = ${dana} and (snoozed_until is null or snoozed_until <= now()))::int as open,
            count(*) filter (where closed_at is null and owner_id = ${dana} and snoozed_until > now())::int as snoozed,
            count(*) filter (where closed_at is null and owner_id = ${dana} and due_date < current_date)::int as overdue,
            count(*) filter (where closed_at is null and escalated_at is not null)::int as escalated,
            count(*) filter (where closed_at is not null)::int as closed,
            count(*) filter (where reason->>'kind' = 'survey_follow_up')::int as follow_ups,
            count(*) filter (where reason->>'kind' = 'stakeholder_risk')::int as risks,
            count(*) filter (where coalesce(reason->>'text', '') = '')::int as no_reason
          from tasks where workspace_id = ${ws}`,
    );
    const r = rows[0];
    console.info("demo inbox", r);
    expect(first.counts.tasks).toBeGreaterThan(50);
    expect(r?.open).toBeGreaterThanOrEqual(5);
    expect(r?.open).toBeLessThanOrEqual(40);
    expect(r?.snoozed).toBeGreaterThanOrEqual(1);
    expect(r?.overdue).toBeGreaterThanOrEqual(1);
    expect(r?.escalated).toBeGreaterThanOrEqual(1);
    expect(r?.closed).toBeGreaterThan(10);
    expect(r?.follow_ups).toBeGreaterThan(0);
    expect(r?.risks).toBeGreaterThan(0);
    expect(r?.no_reason).toBe(0);
  });
});

describe("loadDemo automation", () => {
  it("has segments with a membership history and live rules with a log", async () => {
    const ws = await demoId();
    const segments = await queryRows<{ name: string; member_count: number; entered: number; left: number }>(
      db,
      sql`select s.name, s.member_count,
                 (select count(*)::int from segment_members m where m.segment_id = s.id) as entered,
                 (select count(*)::int from segment_members m where m.segment_id = s.id and m.left_at is not null) as left
            from segments s where s.workspace_id = ${ws} order by s.name`,
    );
    console.info("demo segments", segments);
    expect(segments.map((s) => s.name)).toEqual([
      "At risk",
      "Champions",
      "Enterprise, high touch",
      "Quiet in the product",
      "Renewing in 90 days",
    ]);
    expect(segments.every((s) => s.member_count > 0)).toBe(true);
    // People came and went over the months, as the health and usage history says.
    expect(segments.find((s) => s.name === "At risk")?.left).toBeGreaterThan(0);
    const rules = await queryRows<{ name: string; enabled: boolean; runs: number; matched: number }>(
      db,
      sql`select r.name, r.enabled, (select count(*)::int from rule_runs x where x.rule_id = r.id) as runs,
                 coalesce((select sum(matched)::int from rule_runs x where x.rule_id = r.id), 0) as matched
            from rules r where r.workspace_id = ${ws} order by r.name`,
    );
    console.info("demo rules", rules);
    expect(rules.filter((r) => r.enabled)).toHaveLength(4);
    expect(
      rules.find((r) => r.name === "Health turned poor: run the risk playbook")?.matched,
    ).toBeGreaterThan(3);
    const fromRules = await countWhere(
      sql`select count(*) as n from tasks where workspace_id = ${ws} and reason->>'kind' = 'playbook' and rule_id is not null`,
    );
    expect(fromRules).toBeGreaterThan(3);
  });

  it("has playbooks in progress and done, and a renewal playbook whose hold-out report has both groups", async () => {
    const ws = await demoId();
    const runs = await queryRows<{ key: string; status: string; n: number }>(
      db,
      sql`select p.key, r.status, count(*)::int as n from playbook_runs r
            join playbooks p on p.workspace_id = r.workspace_id and p.id = r.playbook_id
           where r.workspace_id = ${ws} group by 1, 2 order by 1, 2`,
    );
    console.info("demo playbook runs", runs);
    const n = (key: string, status: string) => runs.find((r) => r.key === key && r.status === status)?.n ?? 0;
    expect(n("risk", "active")).toBeGreaterThan(3);
    expect(n("onboarding", "active")).toBeGreaterThan(3);
    expect(n("renewal", "completed")).toBeGreaterThan(10);
    const ctx = { db, workspaceId: ws, actor: { kind: "system", label: "test" } } as const;
    const renewal = (await listPlaybooks(ctx)).data.find((p) => p.key === "renewal") as Playbook;
    const report = await playbookReport(ctx, renewal.id);
    console.info("demo renewal playbook report", report.treated, report.heldOut, report.summary);
    expect(report.treated.followed).toBeGreaterThan(20);
    expect(report.heldOut.followed).toBeGreaterThan(3);
    expect(report.treated.healthMeasured).toBeGreaterThan(20);
    // Held out one in five: fewer than 30 so far, and the report says so.
    expect(report.caution).toContain("Too few accounts to tell yet");
  });

  it("has accounts in every lifecycle stage, each with the history that led there", async () => {
    const ws = await demoId();
    const rows = await queryRows<{ stage: string; accounts: number; mismatched: number; changes: number }>(
      db,
      sql`select a.lifecycle_stage as stage, count(*)::int as accounts,
                 count(*) filter (where a.lifecycle_stage <> (select c.to_stage from account_stage_changes c
                   where c.workspace_id = a.workspace_id and c.account_id = a.id
                   order by c.changed_at desc, c.id desc limit 1))::int as mismatched,
                 sum((select count(*) from account_stage_changes c
                   where c.workspace_id = a.workspace_id and c.account_id = a.id))::int as changes
            from accounts a where a.workspace_id = ${ws} group by 1`,
    );
    expect(rows.map((r) => r.stage).sort()).toEqual([
      "adoption",
      "advocacy",
      "churned",
      "onboarding",
      "renewal",
      "roi",
      "transformation",
      "value",
    ]);
    expect(rows.every((r) => r.mismatched === 0)).toBe(true);
    // Accounts past onboarding went through more than one stage.
    expect(rows.find((r) => r.stage === "roi")?.changes).toBeGreaterThan(
      4 * (rows.find((r) => r.stage === "roi")?.accounts ?? 0),
    );
  });

  it("has asks of every kind in every state over 18 months, NPS every month, and people to ask next", async () => {
    const ws = await demoId();
    const ctx = { db, workspaceId: ws, actor: { kind: "system", label: "test" } } as const;
    const today = NOW.toISOString().slice(0, 10);
    const summary = await getAdvocacySummary(ctx, { from: addDays(today, -540), to: today });
    expect(
      summary.byKind.every((k) => k.asked > 0 && k.agreed > 0 && k.delivered > 0 && k.declined > 0),
    ).toBe(true);
    expect(summary.byKind.reduce((n, k) => n + k.total, 0)).toBe(first.counts.advocacyAsks);
    expect(summary.delivered.total).toBeGreaterThan(20);
    // Every month of the last year has NPS answers, with more promoters than detractors overall.
    const lastYear = summary.npsByMonth.slice(-12);
    expect(lastYear.every((m) => m.responses > 0 && m.score !== null)).toBe(true);
    expect(summary.nps.score).toBeGreaterThan(0);
    const next = await listAdvocacyCandidates(ctx, { limit: 200 });
    expect(next.data.length).toBeGreaterThan(20);
    expect(next.data.some((c) => c.lastAsk !== null)).toBe(true);
    expect(next.data.every((c) => !c.lastAsk || daysBetween(c.lastAsk.askedOn, today) > 90)).toBe(true);
  });

  it("has a charter: version 1 approved about a year ago, version 2 a few weeks ago, by the owner", async () => {
    const ws = await demoId();
    const ctx = { db, workspaceId: ws, actor: { kind: "system", label: "test" } } as const;
    const today = NOW.toISOString().slice(0, 10);
    const charter = await getCharter(ctx);
    expect(first.counts.charterVersions).toBe(2);
    expect(charter.draft).toBeNull();
    expect(charter.history.map((v) => [v.version, v.approvedBy?.name, v.createdBy?.name])).toEqual([
      [2, "Dana Whitfield", "Alex Kim"],
      [1, "Dana Whitfield", "Alex Kim"],
    ]);
    expect(charter.current).toEqual(charter.history[0]);
    const ago = (v: { approvedAt: string | null }) => daysBetween((v.approvedAt ?? "").slice(0, 10), today);
    expect(ago(charter.history[1] as { approvedAt: string })).toBeGreaterThanOrEqual(350);
    expect(ago(charter.history[0] as { approvedAt: string })).toBeLessThanOrEqual(45);
    // Every stage of the chain has an objective in the current charter.
    expect(new Set(charter.current?.objectives.map((o) => o.stage))).toEqual(
      new Set(["adoption", "outcomes", "transformation", "roi", "advocacy"]),
    );
  });

  it("has a book of business with an overloaded and a balanced CSM, suggestions, and tiering that keeps hand settings", async () => {
    const ws = await demoId();
    const ctx = { db, workspaceId: ws, actor: { kind: "system", label: "test" } } as const;
    const book = await getBook(ctx);
    console.info(
      "demo book",
      book.rows.map((r) => [r.owner?.name ?? "nobody", r.team, r.accounts, r.load, r.status]),
      book.suggestions.length,
    );
    expect(book.rows.some((r) => r.status === "over" && r.load > 1)).toBe(true);
    expect(book.rows.some((r) => r.status === "balanced")).toBe(true);
    expect(book.suggestions.length).toBeGreaterThan(3);
    const tiering = await previewTiering(ctx);
    // Tiering ran when the demo was loaded: nothing left to change, tiers set in the CRM kept.
    expect(tiering.changed).toBe(0);
    expect(tiering.keptByHand).toBeGreaterThan(0);
  });
});

describe("loadDemo experience", () => {
  it("has support tickets and survey answers whose metrics look like a mid-size B2B book", async () => {
    const ws = await demoId();
    expect(await countWhere(sql`select count(*) as n from tickets where workspace_id = ${ws}`)).toBe(
      first.counts.tickets,
    );
    expect(await countWhere(sql`select count(*) as n from survey_responses where workspace_id = ${ws}`)).toBe(
      first.counts.surveyResponses,
    );
    expect(first.counts.tickets).toBeGreaterThan(1_000);
    expect(first.counts.surveyResponses).toBeGreaterThan(1_000);
    // Unanswered is null, never 0; a comment is never blank.
    expect(
      await countWhere(
        sql`select count(*) as n from tickets where workspace_id = ${ws} and satisfaction = 0`,
      ),
    ).toBe(0);
    expect(
      await countWhere(
        sql`select count(*) as n from survey_responses where workspace_id = ${ws} and trim(comment) = ''`,
      ),
    ).toBe(0);
    const m = await getExperienceMetrics(
      { db, workspaceId: ws, actor: { kind: "system", label: "test" } },
      {},
    );
    console.info("demo experience metrics", m);
    expect(m.nps.score).toBeGreaterThan(15);
    expect(m.nps.score).toBeLessThan(50);
    expect(m.ticketCsat.score).toBeGreaterThan(0.75);
    expect(m.ticketCsat.score).toBeLessThan(0.92);
    expect(m.csat.responses).toBeGreaterThan(0);
    expect(m.ces.score).toBeGreaterThan(4);
  });
});

describe("loadDemo touchpoints, surveys and the closed loop", () => {
  const ctx = async () => ({
    db,
    workspaceId: await demoId(),
    actor: { kind: "system", label: "test" } as const,
  });

  it("stores a year of touchpoints from every function with gaps, one timeline entry each", async () => {
    const ws = await demoId();
    expect(first.counts.touchpoints).toBeGreaterThan(2_500);
    expect(await countWhere(sql`select count(*) as n from touchpoints where workspace_id = ${ws}`)).toBe(
      first.counts.touchpoints,
    );
    expect(
      await countWhere(
        sql`select count(*) as n from timeline_entries where workspace_id = ${ws} and kind = 'touchpoint'`,
      ),
    ).toBe(first.counts.touchpoints);
    const journey = await getJourney(await ctx(), {});
    expect(journey.total.touchpoints).toBe(first.counts.touchpoints);
    expect(journey.functionTotals.filter((f) => f.touchpoints > 0)).toHaveLength(8);
    expect(journey.gaps).toContainEqual(
      expect.objectContaining({ kind: "function_absent", step: "renew_expand", function: "marketing" }),
    );
    for (const v of [journey.total.avgQuality, journey.total.avgExperience]) {
      expect(v).toBeGreaterThan(3);
      expect(v).toBeLessThan(5);
    }
  });

  it("links answers to the key player's last touchpoint before them", async () => {
    const ws = await demoId();
    // A linked touchpoint had the key player there, at or before the answer, and none came between.
    const wrong = await countWhere(sql`
      select count(*) as n from survey_responses r
      where r.workspace_id = ${ws} and r.touchpoint_id is distinct from (
        select t.id from touchpoints t join touchpoint_players p
          on p.workspace_id = t.workspace_id and p.touchpoint_id = t.id and p.contact_id = r.contact_id
        where t.workspace_id = r.workspace_id and t.occurred_at <= r.answered_at
        order by t.occurred_at desc limit 1)`);
    expect(wrong).toBe(0);
    expect(
      await countWhere(
        sql`select count(*) as n from survey_responses where workspace_id = ${ws} and touchpoint_id is not null`,
      ),
    ).toBeGreaterThan(first.counts.surveyResponses * 0.4);
  });

  it("has sent quarterly NPS surveys answered by 35–60% of their recipients, with their emails", async () => {
    const ws = await demoId();
    const rates = await queryRows<{ name: string; sent: number; answered: number; mails: number }>(
      db,
      sql`select s.name, count(r.id)::int as sent, count(r.answered_at)::int as answered,
            (select count(*)::int from mail_messages m where m.workspace_id = s.workspace_id and m.subject_id = s.id
              and m.status = 'sent') as mails
          from surveys s join survey_recipients r on r.workspace_id = s.workspace_id and r.survey_id = s.id
          where s.workspace_id = ${ws} group by s.workspace_id, s.id, s.name`,
    );
    expect(rates.length).toBe(first.counts.surveys);
    expect(rates.length).toBeGreaterThanOrEqual(4);
    for (const r of rates) {
      expect(r.answered / r.sent, r.name).toBeGreaterThan(0.35);
      expect(r.answered / r.sent, r.name).toBeLessThan(0.6);
      expect(r.mails).toBe(r.sent);
    }
    // Every NPS answer answers an invitation of the same person.
    expect(
      await countWhere(sql`select count(*) as n from survey_responses a
        left join survey_recipients r on r.workspace_id = a.workspace_id and r.id = a.recipient_id
          and r.contact_id = a.contact_id and r.answered_at = a.answered_at
        where a.workspace_id = ${ws} and a.kind = 'nps' and r.id is null`),
    ).toBe(0);
  });

  it("has an alert on the timeline for each detractor and unhappy answer, and marks the answers alerted", async () => {
    const ws = await demoId();
    const alarming =
      await countWhere(sql`select count(*) as n from survey_responses where workspace_id = ${ws}
      and ((kind = 'nps' and score <= 6) or (kind in ('csat', 'ces') and score <= 2))`);
    expect(alarming).toBeGreaterThan(50);
    expect(
      await countWhere(
        sql`select count(*) as n from timeline_entries where workspace_id = ${ws} and kind = 'alert'`,
      ),
    ).toBe(alarming);
    expect(
      await countWhere(
        sql`select count(*) as n from survey_responses where workspace_id = ${ws} and alerted_at = answered_at`,
      ),
    ).toBe(alarming);
  });
});

describe("loadDemo product usage", () => {
  const today = NOW.toISOString().slice(0, 10);
  const rollupEvents = (ws: string, accountId: string, from: string, to: string) =>
    countWhere(sql`select coalesce(sum(events), 0) as n from usage_account_event_days
      where workspace_id = ${ws} and account_id = ${accountId} and day >= ${from}::date and day < ${to}::date`);

  it("has a source, named features with about six key ones, and product users, contacts linked", async () => {
    const ws = await demoId();
    const sources = await queryRows<{ name: string }>(
      db,
      sql`select name from event_sources where workspace_id = ${ws}`,
    );
    expect(sources.map((s) => s.name)).toEqual(["Demo product"]);
    const features = await queryRows<{ event: string; key: boolean }>(
      db,
      sql`select event, key from usage_features where workspace_id = ${ws}`,
    );
    expect(features.length).toBeGreaterThanOrEqual(8);
    expect(features.length).toBeLessThanOrEqual(15);
    expect(features.filter((f) => f.key).length).toBeGreaterThanOrEqual(5);
    expect(features.filter((f) => f.key).length).toBeLessThanOrEqual(7);
    expect(features.some((f) => f.event.startsWith("Page: "))).toBe(true);
    expect(first.counts.usageEvents).toBeGreaterThanOrEqual(150_000);
    expect(first.counts.usageEvents).toBeLessThanOrEqual(400_000);
    // Every link names a contact of that account whose external id is the user id.
    const linked = await countWhere(
      sql`select count(*) as n from usage_user_accounts l
          join contacts c on c.workspace_id = l.workspace_id and c.account_id = l.account_id and c.id = l.contact_id
          join usage_users u on u.workspace_id = l.workspace_id and u.user_key = l.user_key
          where l.workspace_id = ${ws} and c.external_id = l.user_key and u.traits->>'email' = c.email`,
    );
    const contactLinks = await countWhere(
      sql`select count(*) as n from usage_user_accounts where workspace_id = ${ws} and contact_id is not null`,
    );
    expect(linked).toBe(contactLinks);
    // The other product users hold the rest of the seats: known to the product, but no contact.
    const light = await countWhere(
      sql`select count(*) as n from usage_user_accounts l
          join usage_users u on u.workspace_id = l.workspace_id and u.user_key = l.user_key
          where l.workspace_id = ${ws} and l.contact_id is null and l.user_key ~ '^usr_.+_x[0-9]+$'
            and u.traits->>'email' like '%@%'`,
    );
    expect(light).toBeGreaterThan(0);
    expect(contactLinks + light).toBe(first.counts.productUsers);
    const recentIds = await countWhere(
      sql`select count(*) as n from usage_message_ids where workspace_id = ${ws}`,
    );
    expect(recentIds).toBeGreaterThan(0);
  });

  it("covers at least 180 days up to today, busy on weekdays and quiet at weekends", async () => {
    const ws = await demoId();
    const span = (
      await queryRows<{ first: string; last: string; days: number | string }>(
        db,
        sql`select min(day)::text as first, max(day)::text as last, count(distinct day) as days
            from usage_account_event_days where workspace_id = ${ws}`,
      )
    )[0];
    expect(Number(span?.days)).toBeGreaterThanOrEqual(180);
    expect(daysBetween(span?.first as string, today)).toBeGreaterThanOrEqual(179);
    // Nobody may have been active yet in the first hours of a UTC day.
    expect(daysBetween(span?.last as string, today)).toBeLessThanOrEqual(1);
    const rhythm = (
      await queryRows<{ weekday: number | string; weekend: number | string }>(
        db,
        sql`select avg(n) filter (where dow between 1 and 5) as weekday, avg(n) filter (where dow in (0, 6)) as weekend
            from (select day, extract(dow from day) as dow, sum(events) as n from usage_account_event_days
                  where workspace_id = ${ws} and day < ${today}::date group by day) d`,
      )
    )[0];
    expect(Number(rhythm?.weekday)).toBeGreaterThan(5 * Number(rhythm?.weekend));
    expect(Number(rhythm?.weekend)).toBeGreaterThan(0);
  });

  it("keeps the rollups in agreement with the raw events", async () => {
    const ws = await demoId();
    const raw = await countWhere(
      sql`select count(*) as n from usage_events
          where workspace_id = ${ws} and type in ('track', 'page') and account_id is not null`,
    );
    expect(raw).toBe(first.counts.usageEvents);
    for (const table of ["usage_account_event_days", "usage_user_days", "usage_user_event_days"]) {
      const sum = await countWhere(
        sql`select sum(events) as n from ${sql.identifier(table)} where workspace_id = ${ws}`,
      );
      expect(sum, table).toBe(raw);
    }
    const users = await countWhere(
      sql`select count(*) as n from usage_account_event_days d where d.workspace_id = ${ws}
          and d.users <> (select count(*) from usage_user_event_days u where u.workspace_id = d.workspace_id
            and u.account_id = d.account_id and u.day = d.day and u.event = d.event)`,
    );
    expect(users).toBe(0);
  });

  it("fades churned accounts out over the months before they churn, and nothing after", async () => {
    const ws = await demoId();
    const churned = await queryRows<{ account_id: string; ended: string }>(
      db,
      sql`select account_id, max(end_date)::text as ended from subscriptions where workspace_id = ${ws}
          group by account_id having bool_and(status = 'canceled')`,
    );
    expect(churned.length).toBeGreaterThan(0);
    // Churned within the usage window, with 90 days of history before the end.
    const windows: { months: number[]; total: number }[] = [];
    for (const c of churned) {
      expect(await rollupEvents(ws, c.account_id, c.ended, addDays(today, 1))).toBe(0);
      if (daysBetween(c.ended, today) > 199 - 90) continue;
      const months = [];
      for (const back of [90, 60, 30]) {
        months.push(
          await rollupEvents(ws, c.account_id, addDays(c.ended, -back), addDays(c.ended, 30 - back)),
        );
      }
      windows.push({ months, total: months.reduce((a, b) => a + b, 0) });
    }
    expect(windows.length).toBeGreaterThanOrEqual(3);
    const sum = (i: number) => windows.reduce((n, w) => n + (w.months[i] as number), 0);
    // The last two months average below the month before them, and the last is the lowest.
    expect((sum(1) + sum(2)) / 2).toBeLessThan(sum(0));
    expect(sum(2)).toBeLessThan(sum(1));
    expect(sum(2)).toBeLessThan(sum(0) / 2);
    // The busiest of them: its last month is well below the ones before.
    const [a, b, c] = windows.sort((x, y) => y.total - x.total)[0]?.months ?? [];
    expect(c).toBeLessThan(b as number);
    expect(c).toBeLessThan((a as number) / 2);
  });

  it("shows new customers ramping up, and Enterprise using more features than SMB", async () => {
    const ws = await demoId();
    // Customers who started (trial or paid) 4 to 12 weeks ago: their first two weeks against the last two.
    const fresh = await queryRows<{ account_id: string; start: string }>(
      db,
      sql`select account_id, min(start_date)::text as start from subscriptions where workspace_id = ${ws}
          group by account_id having min(start_date) between ${addDays(today, -84)}::date and ${addDays(today, -28)}::date`,
    );
    expect(fresh.length).toBeGreaterThanOrEqual(5);
    let firstWeeks = 0;
    let lastWeeks = 0;
    for (const f of fresh) {
      firstWeeks += await rollupEvents(ws, f.account_id, f.start, addDays(f.start, 14));
      lastWeeks += await rollupEvents(ws, f.account_id, addDays(today, -14), today);
    }
    expect(lastWeeks).toBeGreaterThan(1.2 * firstWeeks);
    const breadth = await queryRows<{ tier: string; features: number | string }>(
      db,
      sql`select a.tier, avg(f.n) as features from accounts a
          join (select account_id, count(distinct event) as n from usage_account_event_days
                where workspace_id = ${ws} group by account_id) f on f.account_id = a.id
          where a.workspace_id = ${ws} group by a.tier`,
    );
    const of = (tier: string) => Number(breadth.find((b) => b.tier === tier)?.features);
    expect(of("Enterprise")).toBeGreaterThan(of("SMB"));
  });

  it("fills a realistic share of seats: healthy accounts' 30-day active users are 40–100% of seats", async () => {
    const ws = await demoId();
    const rows = await queryRows<{ tier: string; seats: number | string; users: number | string }>(
      db,
      sql`select a.tier, s.seats,
            (select count(distinct u.user_key) from usage_user_days u where u.workspace_id = a.workspace_id
              and u.account_id = a.id and u.day > ${addDays(today, -30)}::date and u.day <= ${today}::date) as users
          from accounts a
          join (select account_id, sum(seats) as seats from subscriptions
                where workspace_id = ${ws} and status = 'active' and seats is not null
                group by account_id) s on s.account_id = a.id
          where a.workspace_id = ${ws} and a.lifecycle_stage <> 'churned' and s.seats > 0`,
    );
    expect(rows.length).toBeGreaterThan(100);
    const median = (xs: number[]) => {
      const sorted = [...xs].sort((x, y) => x - y);
      const mid = Math.floor(sorted.length / 2);
      return sorted.length % 2
        ? (sorted[mid] as number)
        : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
    };
    const utilization = rows.map((r) => ({ tier: r.tier, u: Number(r.users) / Number(r.seats) }));
    const byTier = Object.fromEntries(
      ["SMB", "Mid-Market", "Enterprise"].map((tier) => [
        tier,
        median(utilization.filter((x) => x.tier === tier).map((x) => x.u)).toFixed(2),
      ]),
    );
    const all = median(utilization.map((x) => x.u));
    console.info(`30-day utilization: median ${all.toFixed(2)}, by tier`, byTier, {
      max: Math.max(...utilization.map((x) => x.u)).toFixed(2),
    });
    expect(all).toBeGreaterThanOrEqual(0.4);
    expect(all).toBeLessThanOrEqual(1);
    for (const x of utilization) expect(x.u).toBeLessThanOrEqual(1.5);
  });

  it("has quiet accounts, accounts without any usage, and key players gone quiet in active accounts", async () => {
    const ws = await demoId();
    const quietFrom = addDays(today, -21);
    const lastDays = await queryRows<{ id: string; last: string | null }>(
      db,
      sql`select a.id, (select max(day)::text from usage_account_event_days d
            where d.workspace_id = a.workspace_id and d.account_id = a.id) as last
          from accounts a where a.workspace_id = ${ws} and a.lifecycle_stage <> 'churned'`,
    );
    expect(lastDays.filter((a) => a.last !== null && a.last < quietFrom).length).toBeGreaterThanOrEqual(3);
    expect(lastDays.filter((a) => a.last === null).length).toBeGreaterThanOrEqual(3);
    const quietPlayers = await countWhere(
      sql`select count(*) as n from contacts c
          where c.workspace_id = ${ws} and not c.left_company
            and (c.decision_role in ('economic_buyer','decision_maker','champion','influencer','detractor') or c.influence >= 4)
            and (select max(day) from usage_user_days u where u.workspace_id = c.workspace_id
                 and u.account_id = c.account_id and u.contact_id = c.id) < ${quietFrom}::date
            and exists (select 1 from usage_account_event_days d where d.workspace_id = c.workspace_id
                 and d.account_id = c.account_id and d.day >= ${addDays(today, -7)}::date)`,
    );
    expect(quietPlayers).toBeGreaterThanOrEqual(3);
  });
});

describe("loadDemo health", () => {
  const today = NOW.toISOString().slice(0, 10);

  it("stores backtests run with the backtest form's defaults, in which CSM sentiment points the right way", async () => {
    const ws = await demoId();
    const runs = await queryRows<{ name: string; params: Record<string, unknown>; result: BacktestResult }>(
      db,
      sql`select m.name, b.params, b.result from health_backtests b
          join health_models m on m.workspace_id = b.workspace_id and m.id = b.model_id
          where b.workspace_id = ${ws} and b.status = 'done' order by m.priority`,
    );
    console.info(
      "demo backtests",
      runs.map((r) => ({
        model: r.name,
        auc: r.result.auc,
        measures: Object.fromEntries(r.result.measures.map((m) => [m.key, m.auc])),
      })),
    );
    expect(runs.map((r) => r.name)).toEqual(["High touch", "Digital"]);
    for (const r of runs) expect(r.params).toMatchObject(BACKTEST_FORM_DEFAULTS);
    const [high] = runs;
    const sentiment = high?.result.measures.find((m) => m.key === "sentiment");
    // CSMs rate accounts heading to churn or contraction lower on average: not inverted.
    expect(sentiment?.auc).toBeGreaterThan(0.55);
    expect(high?.result.auc).toBeGreaterThan(0.65);
  });

  it("says which new customers have not enough data yet instead of scoring them poor", async () => {
    const ws = await demoId();
    const rows = await queryRows<{ band: string | null; note: string | null; started: string }>(
      db,
      sql`select a.health_band as band, a.health_note as note,
            (select min(s.start_date)::text from subscriptions s where s.workspace_id = a.workspace_id and s.account_id = a.id) as started
          from accounts a where a.workspace_id = ${ws} and a.health_day is not null`,
    );
    expect(rows.filter((r) => r.band !== null).length).toBeGreaterThan(150);
    for (const r of rows.filter((x) => x.note !== null)) {
      expect(r.band).toBeNull();
      expect(daysBetween(r.started, today)).toBeLessThan(30);
    }
  });
});

describe("loadDemo churn models", () => {
  it("trains churn and expansion models on the demo's history and scores its customers", async () => {
    const ws = await demoId();
    const models = await queryRows<{ kind: string; positives: number; auc: number; scored: number }>(
      db,
      sql`select m.kind, m.positives, (m.evaluation->>'auc')::float8 as auc,
            (select count(*)::int from churn_predictions p
             where p.workspace_id = m.workspace_id and p.kind = m.kind and p.model_id = m.id) as scored
          from churn_models m where m.workspace_id = ${ws} order by m.kind`,
    );
    console.info("demo churn models", models);
    expect(models.map((m) => m.kind)).toEqual(["churn", "expansion"]);
    const [churn, expansion] = models;
    // The demo's usage fades before its customers leave: the model sees it.
    expect(churn?.positives).toBeGreaterThanOrEqual(10);
    expect(churn?.auc).toBeGreaterThan(0.85);
    expect(expansion?.auc).toBeGreaterThan(0.75);
    expect(churn?.scored).toBeGreaterThan(150);
    expect(expansion?.scored).toBeGreaterThan(150);
  });
});
