import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays, utcToday } from "../../src/common/dates.ts";
import type { Account, DryRun, Replay, Rule, RuleRun, Task } from "../../src/contract/index.ts";
import { systemDb } from "../../src/db/system.ts";
import { evaluateStandingRules, runDueSchedules } from "../../src/domain/rules/index.ts";
import {
  apiSender,
  type Caller,
  createTestApp,
  errorOf,
  type TestApp,
  type TestWorkspace,
} from "../helpers/test-app.ts";

/** Rules through the API: validation, event triggers as outbox consumers, the run log, dry runs, replays. */
let t: TestApp;
let ws: TestWorkspace;
let admin: Caller;
let member: Caller;
let viewer: Caller;
const acc: Record<string, Account> = {};

const send = apiSender(
  () => t,
  () => admin,
);
const today = utcToday();
const riskTask = {
  kind: "create_task",
  taskKind: "alert",
  type: "risk",
  priority: "high",
  title: "Call them about the low score",
};

beforeAll(async () => {
  t = await createTestApp();
  ws = await t.workspace("rules");
  admin = await t.signIn(ws.users.admin.email);
  member = await t.signIn(ws.users.member.email);
  viewer = await t.signIn(ws.users.viewer.email);
  for (const [name, tier] of [
    ["Acme", "Enterprise"],
    ["Globex", "SMB"],
    ["Initech", "Enterprise"],
  ] as const) {
    acc[name] = await send<Account>(
      "POST",
      "/api/v1/accounts",
      { name, tier, ownerId: ws.users.member.id },
      201,
    );
  }
});

afterAll(async () => {
  await t.close();
});

describe("defining rules", () => {
  it("refuses what cannot run, each problem at its path; only admins write, readers read", async () => {
    const res = await t.request(admin, "POST", "/api/v1/rules", {
      name: "Broken",
      trigger: { kind: "schedule", cron: "every monday" },
      conditions: { match: "all", conditions: [{ field: "tier", op: "gt", value: 3 }] },
      actions: [
        { kind: "update_field", field: "name", value: "x" },
        { kind: "assign_owner", assignee: { kind: "round_robin", team: "Nobody" } },
      ],
    });
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).details?.issues?.map((i) => i.path)).toEqual([
      "conditions.conditions.0.op",
      "trigger.cron",
      "actions.0.field",
      "actions.1.assignee.team",
    ]);
    const none = await t.request(admin, "POST", "/api/v1/rules", {
      name: "No actions",
      trigger: { kind: "key_player_left" },
      actions: [],
    });
    expect(none.statusCode).toBe(400);
    expect(
      (
        await t.request(member, "POST", "/api/v1/rules", {
          name: "M",
          trigger: { kind: "key_player_left" },
          actions: [riskTask],
        })
      ).statusCode,
    ).toBe(403);
    expect((await t.request(viewer, "GET", "/api/v1/rules")).statusCode).toBe(200);
  });
});

describe("an event trigger", () => {
  let rule: Rule;

  it("starts disabled; switched on, a low NPS on an Enterprise account opens a risk task with the rule as its reason, and the run log says why", async () => {
    rule = await send<Rule>(
      "POST",
      "/api/v1/rules",
      {
        name: "Enterprise detractor",
        trigger: { kind: "survey_answer", surveyKind: "nps", scoreAtMost: 6 },
        conditions: { match: "all", conditions: [{ field: "tier", op: "eq", value: "Enterprise" }] },
        actions: [riskTask, { kind: "set_coverage", coverage: "one_to_one" }],
      },
      201,
    );
    expect(rule.enabled).toBe(false);
    const contact = (name: string) =>
      send<{ id: string }>(
        "POST",
        "/api/v1/contacts",
        { accountId: acc[name]?.id, firstName: `P-${name}` },
        201,
        member,
      );
    const pAcme = await contact("Acme");
    const pGlobex = await contact("Globex");
    const answer = (contactId: string, score: number) =>
      send(
        "POST",
        "/api/v1/survey-responses",
        { contactId, kind: "nps", score, answeredAt: `${today}T09:00:00Z` },
        201,
        member,
      );
    await answer(pAcme.id, 4);
    expect((await send<{ data: RuleRun[] }>("GET", `/api/v1/rules/${rule.id}/runs`)).data).toHaveLength(0);

    await send<Rule>("PATCH", `/api/v1/rules/${rule.id}`, { enabled: true });
    await answer(pAcme.id, 3);
    await answer(pGlobex.id, 2);
    const runs = await send<{ data: RuleRun[] }>(
      "GET",
      `/api/v1/rules/${rule.id}/runs`,
      undefined,
      200,
      viewer,
    );
    expect(runs.data).toHaveLength(1);
    expect(runs.data[0]).toMatchObject({ cause: "event", status: "succeeded", matched: 1 });
    const run = await send<
      RuleRun & { matches: { account: { name: string }; why: string; actions: { text: string }[] }[] }
    >("GET", `/api/v1/rules/${rule.id}/runs/${runs.data[0]?.id}`);
    expect(run.matches[0]?.account.name).toBe("Acme");
    expect(run.matches[0]?.why).toBe("NPS answer of 6 or less; Tier: Enterprise");
    expect(run.matches[0]?.actions.map((a) => a.text)).toEqual([
      "opened: Call them about the low score",
      "coverage none → one_to_one",
    ]);

    const tasks = await send<{ data: Task[] }>(
      "GET",
      `/api/v1/tasks?accountId=${acc.Acme?.id}&type=risk`,
      undefined,
      200,
      member,
    );
    const fromRule = tasks.data.find((x) => x.reason.kind === "rule");
    expect(fromRule).toMatchObject({
      kind: "alert",
      owner: { userId: ws.users.member.id },
      reason: { ruleId: rule.id },
    });
    expect(fromRule?.reason.text).toBe(
      'Rule "Enterprise detractor": NPS answer of 6 or less; Tier: Enterprise',
    );
    const account = await send<Account>("GET", `/api/v1/accounts/${acc.Acme?.id}`);
    expect(account.coverage).toBe("one_to_one");
  });

  it("dry-runs without acting, and runs by hand with a logged run", async () => {
    const dry = await send<DryRun>("POST", `/api/v1/rules/${rule.id}/dry-run`, undefined, 200, viewer);
    expect(dry.matches.map((m) => m.account.name)).toEqual(["Acme", "Initech"]);
    expect(dry.matches[1]?.actions[0]?.text).toBe("would open an alert: Call them about the low score");
    expect(dry.notes.length).toBeGreaterThan(0);
    expect((await send<Account>("GET", `/api/v1/accounts/${acc.Initech?.id}`)).coverage).toBeNull();

    const manual = await send<RuleRun & { matches: { actions: { text: string }[] }[] }>(
      "POST",
      `/api/v1/rules/${rule.id}/run`,
    );
    expect(manual).toMatchObject({ cause: "manual", matched: 2 });
    // Acme's task is open already: another occurrence, not another task.
    expect(manual.matches[0]?.actions[0]?.text).toContain("already open");
  });

  it("logs a run by hand that finds no account, as a run of none", async () => {
    const nobody = await send<Rule>(
      "POST",
      "/api/v1/rules",
      { name: "Renewals far out", trigger: { kind: "renewal", daysBefore: 5 }, actions: [riskTask] },
      201,
    );
    const run = await send<RuleRun & { matches: unknown[] }>("POST", `/api/v1/rules/${nobody.id}/run`);
    expect(run).toMatchObject({ cause: "manual", status: "succeeded", matched: 0, matches: [] });
    const runs = await send<{ data: RuleRun[] }>("GET", `/api/v1/rules/${nobody.id}/runs`);
    expect(runs.data.map((r) => r.id)).toEqual([run.id]);
  });
});

describe("a trigger that tests the accounts, run by hand", () => {
  it("tests the trigger with the conditions, answers the run as logged, and counts an item it opened before", async () => {
    const poor = await send<Rule>(
      "POST",
      "/api/v1/rules",
      {
        name: "Enterprise in poor health",
        trigger: { kind: "health_band", to: "poor" },
        conditions: { match: "all", conditions: [{ field: "tier", op: "eq", value: "Enterprise" }] },
        actions: [{ ...riskTask, title: "Health is poor" }],
      },
      201,
    );
    const db = systemDb(t.database.db);
    await db.execute(
      sql`update accounts set health_score = 30, health_band = 'poor'
           where workspace_id = ${ws.id} and id in (${acc.Acme?.id}::uuid, ${acc.Globex?.id}::uuid)`,
    );
    type Run = RuleRun & {
      matches: { account: { name: string }; why: string; actions: { text: string }[] }[];
    };
    const first = await send<Run>("POST", `/api/v1/rules/${poor.id}/run`);
    // Globex is poor but not Enterprise; Initech is Enterprise but not poor. The band is the
    // trigger's test, not a condition: the why names the tier only.
    expect(first.matches.map((m) => m.account.name)).toEqual(["Acme"]);
    expect(first.matches[0]?.why).toBe("health turned poor; Tier: Enterprise");
    expect(first.matches[0]?.actions[0]?.text).toBe("opened: Health is poor");
    expect(await send<Run>("GET", `/api/v1/rules/${poor.id}/runs/${first.id}`)).toEqual(first);

    const again = await send<Run>("POST", `/api/v1/rules/${poor.id}/run`);
    expect(again.matches[0]?.actions[0]?.text).toContain("already open");
    const items = await send<{ data: Task[] }>(
      "GET",
      `/api/v1/tasks?accountId=${acc.Acme?.id}&type=risk`,
      undefined,
      200,
      member,
    );
    const opened = items.data.filter((x) => x.reason.ruleId === poor.id);
    // One item, for the account's owner (read as it was written), counted twice.
    expect(opened).toHaveLength(1);
    expect(opened[0]).toMatchObject({ occurrences: 2, owner: { userId: ws.users.member.id } });
  });
});

describe("standing and scheduled triggers", () => {
  it("fires a renewal rule once per renewal date, and a schedule when its time comes", async () => {
    await send(
      "POST",
      "/api/v1/subscriptions",
      {
        accountId: acc.Globex?.id,
        product: "Platform",
        mrrMinor: 10_000,
        currency: "USD",
        startDate: "2025-01-01",
        renewalDate: addDays(today, 30),
      },
      201,
      member,
    );
    const renewal = await send<Rule>(
      "POST",
      "/api/v1/rules",
      {
        name: "Renewal in 60 days",
        enabled: true,
        trigger: { kind: "renewal", daysBefore: 60 },
        actions: [
          {
            kind: "create_task",
            type: "lifecycle",
            priority: "medium",
            title: "Start the renewal conversation",
          },
        ],
      },
      201,
    );
    const db = systemDb(t.database.db);
    expect(await evaluateStandingRules(db)).toBe(1);
    expect(await evaluateStandingRules(db)).toBe(0);

    const weekly = await send<Rule>(
      "POST",
      "/api/v1/rules",
      {
        name: "Weekly SMB digital",
        enabled: true,
        trigger: { kind: "schedule", cron: "0 8 * * 1" },
        conditions: { match: "all", conditions: [{ field: "tier", op: "eq", value: "SMB" }] },
        actions: [{ kind: "set_coverage", coverage: "one_to_many" }],
      },
      201,
    );
    expect(await runDueSchedules(db, new Date())).toBe(0);
    // A run by hand does not move the schedule.
    await send("POST", `/api/v1/rules/${weekly.id}/run`);
    const later = new Date(Date.now() + 8 * 86_400_000);
    expect(await runDueSchedules(db, later)).toBe(1);
    expect(await runDueSchedules(db, later)).toBe(0);
    expect((await send<Account>("GET", `/api/v1/accounts/${acc.Globex?.id}`)).coverage).toBe("one_to_many");
    const runs = await send<{ data: RuleRun[] }>("GET", `/api/v1/rules/${weekly.id}/runs`);
    expect(runs.data.map((r) => r.cause)).toEqual(["schedule", "manual"]);
    expect(renewal.enabled).toBe(true);
  });
});

describe("replay", () => {
  it("finds from history the accounts a band rule would have caught, and which of them churned", async () => {
    const db = systemDb(t.database.db);
    const modelId = "0190a4b0-0000-7000-8000-00000000cafe";
    const day = (n: number) => addDays(today, -n);
    const score = (accountId: string, n: number, band: string) =>
      db.execute(sql`insert into health_scores (workspace_id, account_id, day, model_id, model_version, score, band, measures)
        values (${ws.id}, ${accountId}, ${day(n)}, ${modelId}, 1, 50, ${band}, '[]'::jsonb)`);
    for (const n of [40, 39, 38]) await score(acc.Acme?.id as string, n, n === 38 ? "poor" : "good");
    for (const n of [20, 19]) await score(acc.Initech?.id as string, n, n === 19 ? "poor" : "average");
    for (const n of [10, 9]) await score(acc.Globex?.id as string, n, n === 9 ? "poor" : "good");
    // Initech had revenue 20 days ago and has none now: it churned.
    await db.execute(sql`insert into subscriptions (workspace_id, account_id, id, product, mrr_minor, currency, start_date, end_date, status)
      values (${ws.id}, ${acc.Initech?.id}, ${"0190a4b0-0000-7000-8000-0000000000a1"}, 'Platform', 50000, 'USD', ${day(100)}, ${day(5)}, 'churned')`);
    const rule = await send<Rule>(
      "POST",
      "/api/v1/rules",
      {
        name: "Enterprise turned poor",
        trigger: { kind: "health_band", to: "poor" },
        conditions: { match: "all", conditions: [{ field: "tier", op: "eq", value: "Enterprise" }] },
        actions: [riskTask],
      },
      201,
    );
    const replay = await send<Replay>(
      "POST",
      `/api/v1/rules/${rule.id}/replay?days=30`,
      undefined,
      200,
      viewer,
    );
    expect(replay.caught.map((c) => c.account.name)).toEqual(["Initech"]);
    expect(replay).toMatchObject({ days: 30, firings: 1, accounts: 1, churned: 1 });
    expect(replay.flags).toEqual(['"Tier" has no day-by-day history: the replay tested it as it is today.']);
    const wider = await send<Replay>("POST", `/api/v1/rules/${rule.id}/replay?days=60`);
    expect(wider.caught.map((c) => c.account.name)).toEqual(["Acme", "Initech"]);
  });

  it("replays a threshold from the number's history and a schedule with a usage condition, day by day", async () => {
    const db = systemDb(t.database.db);
    const day = (n: number) => addDays(today, -n);
    const id = (name: string) => acc[name]?.id as string;
    // Churn probability stands until its next value: Acme crosses 50% twice, Globex was past it before the period.
    await db.execute(sql`insert into churn_probability_history (workspace_id, account_id, kind, day, probability)
      values (${ws.id}, ${id("Acme")}, 'churn', ${day(40)}, 0.3), (${ws.id}, ${id("Acme")}, 'churn', ${day(30)}, 0.7),
             (${ws.id}, ${id("Acme")}, 'churn', ${day(20)}, 0.4), (${ws.id}, ${id("Acme")}, 'churn', ${day(10)}, 0.8),
             (${ws.id}, ${id("Globex")}, 'churn', ${day(95)}, 0.9), (${ws.id}, ${id("Globex")}, 'churn', ${day(5)}, 0.95)`);
    // A health score counts on its own day only: a day without one is not below the line.
    const modelId = "0190a4b0-0000-7000-8000-00000000cafe";
    for (const n of [15, 13]) {
      await db.execute(sql`insert into health_scores (workspace_id, account_id, day, model_id, model_version, score, band, measures)
        values (${ws.id}, ${id("Initech")}, ${day(n)}, ${modelId}, 1, 30, 'poor', '[]'::jsonb)`);
    }
    await db.execute(sql`insert into usage_user_days (workspace_id, account_id, day, user_key, events)
      values (${ws.id}, ${id("Globex")}, ${day(3)}, 'u1', 2)`);
    const replayOf = async (name: string, trigger: unknown, days: number, conditions?: unknown) => {
      const rule = await send<Rule>(
        "POST",
        "/api/v1/rules",
        { name, trigger, conditions, actions: [riskTask] },
        201,
      );
      const r = await send<Replay>("POST", `/api/v1/rules/${rule.id}/replay?days=${days}`);
      return r.caught.map((c) => [c.account.name, c.firstDay, c.firings]);
    };
    expect(
      await replayOf(
        "Churn above half",
        { kind: "threshold", metric: "churn.probability", direction: "rises_above", value: 50 },
        60,
      ),
    ).toEqual([["Acme", day(30), 2]]);
    expect(
      await replayOf(
        "Health below 40",
        { kind: "threshold", metric: "health.score", direction: "drops_below", value: 40 },
        30,
      ),
    ).toEqual([["Initech", day(15), 2]]);
    // Globex stood at 0 people before its first use and at 1 after: below 2 all along, never crossing.
    expect(
      await replayOf(
        "Fewer than two people",
        { kind: "threshold", metric: "usage.activeUsers30d", direction: "drops_below", value: 2 },
        5,
      ),
    ).toEqual([]);
    expect(
      await replayOf(
        "Some use",
        { kind: "threshold", metric: "usage.activeUsers30d", direction: "rises_above", value: 0 },
        5,
      ),
    ).toEqual([["Globex", day(3), 1]]);
    expect(
      await replayOf("Daily with users", { kind: "schedule", cron: "0 8 * * *" }, 5, {
        match: "all",
        conditions: [{ field: "usage.activeUsers30d", op: "gte", value: 1 }],
      }),
    ).toEqual([["Globex", day(3), 3]]);
  });
});
