import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays, utcToday } from "../../src/common/dates.ts";
import type {
  Account,
  Playbook,
  PlaybookReport,
  PlaybookRun,
  PlaybookRunDetail,
  Rule,
  RuleRun,
  Task,
} from "../../src/contract/index.ts";
import { systemDb } from "../../src/db/system.ts";
import { heldOut } from "../../src/domain/playbooks/playbook.rules.ts";
import {
  apiSender,
  type Caller,
  createTestApp,
  errorOf,
  type TestApp,
  type TestWorkspace,
} from "../helpers/test-app.ts";

/** Playbooks through the API: defaults, starting by hand and by rule, progress, hold-outs and the report. */
let t: TestApp;
let ws: TestWorkspace;
let admin: Caller;
let member: Caller;
let viewer: Caller;

const send = apiSender(
  () => t,
  () => admin,
);
const playbooks = async () => (await send<{ data: Playbook[] }>("GET", "/api/v1/playbooks")).data;
const byKey = async (key: string) => (await playbooks()).find((p) => p.key === key) as Playbook;
const newAccount = (name: string, extra: Record<string, unknown> = {}) =>
  send<Account>("POST", "/api/v1/accounts", { name, ownerId: ws.users.member.id, ...extra }, 201);

beforeAll(async () => {
  t = await createTestApp();
  ws = await t.workspace("playbooks");
  admin = await t.signIn(ws.users.admin.email);
  member = await t.signIn(ws.users.member.email);
  viewer = await t.signIn(ws.users.viewer.email);
});

afterAll(async () => {
  await t.close();
});

describe("the library", () => {
  it("starts with Steward's six defaults, restores one deleted, and refuses what cannot be a playbook", async () => {
    const keys = (await playbooks()).map((p) => p.key).sort();
    expect(keys).toEqual(["champion_left", "detractor", "expansion", "onboarding", "renewal", "risk"]);
    const expansion = await byKey("expansion");
    expect(expansion).toMatchObject({ type: "opportunity", archived: false, runs: { active: 0 } });
    expect(expansion.steps[1]).toMatchObject({ ownerRole: "account_executive", dueInDays: 7 });

    await send("DELETE", `/api/v1/playbooks/${expansion.id}`, undefined, 204);
    expect((await playbooks()).some((p) => p.key === "expansion")).toBe(false);
    const restored = await send<{ data: Playbook[] }>("POST", "/api/v1/playbooks/defaults");
    expect(restored.data.map((p) => p.key)).toEqual(["expansion"]);
    expect((await send<{ data: Playbook[] }>("POST", "/api/v1/playbooks/defaults")).data).toEqual([]);

    const bad = await t.request(admin, "POST", "/api/v1/playbooks", {
      name: "Quarterly review",
      type: "activity",
      steps: [{ title: " ", dueInDays: -2, ownerRole: "cfo" }],
    });
    expect(bad.statusCode).toBe(400);
    expect(
      errorOf(bad)
        .details?.issues?.map((i) => i.path)
        .sort(),
    ).toEqual(["steps.0.dueInDays", "steps.0.ownerRole", "steps.0.title"]);
    const taken = await t.request(admin, "POST", "/api/v1/playbooks", {
      name: "onboarding",
      type: "lifecycle",
      steps: [{ title: "Call", dueInDays: 1 }],
    });
    expect(taken.statusCode).toBe(409);
    expect((await t.request(member, "POST", "/api/v1/playbooks", { name: "x" })).statusCode).toBe(403);
  });
});

describe("running a playbook", () => {
  it("gives each step to the account team's role (else the owner), shows progress, and completes when every step is closed", async () => {
    const acme = await newAccount("Acme");
    await send(
      "POST",
      `/api/v1/accounts/${acme.id}/team`,
      { userId: ws.users.admin.id, teamRole: "account_executive" },
      201,
    );
    const risk = await byKey("risk");
    const run = await send<PlaybookRunDetail>(
      "POST",
      `/api/v1/playbooks/${risk.id}/runs`,
      { accountId: acme.id },
      201,
      member,
    );
    expect(run).toMatchObject({
      status: "active",
      heldOut: false,
      rule: null,
      progress: { closed: 0, total: 5 },
    });
    expect(run.reason).toMatch(/^Started by /);
    const owners = run.tasks.map((k) => [k.step, k.ownerRole, k.owner?.userId]);
    // The account executive's step goes to the admin on the team; no executive sponsor there: the owner.
    expect(owners).toContainEqual([3, "account_executive", ws.users.admin.id]);
    expect(owners).toContainEqual([4, "executive_sponsor", ws.users.member.id]);
    expect(run.tasks[1]?.dueDate).toBe(addDays(utcToday(), 3));

    const inbox = await send<{ data: Task[] }>("GET", `/api/v1/tasks?view=mine`, undefined, 200, member);
    const step = inbox.data.find((k) => k.id === run.tasks[0]?.id) as Task;
    expect(step.reason).toMatchObject({ kind: "playbook", data: { runId: run.id, step: 1, steps: 5 } });
    expect(step.reason.text).toContain('Step 1 of 5 of the "Risk: health turned poor" playbook');

    const again = await t.request(member, "POST", `/api/v1/playbooks/${risk.id}/runs`, {
      accountId: acme.id,
    });
    expect(again.statusCode).toBe(409);
    expect(errorOf(again).message).toContain("already running on Acme");

    for (const k of run.tasks) {
      await send("POST", `/api/v1/tasks/${k.id}/close`, { outcome: "done" }, 200, member);
    }
    const done = await send<PlaybookRunDetail>("GET", `/api/v1/playbook-runs/${run.id}`);
    expect(done).toMatchObject({ status: "completed", progress: { closed: 5, total: 5 } });
    expect(done.endedAt).not.toBeNull();
    // A step reopened: the playbook runs again.
    await send("POST", `/api/v1/tasks/${run.tasks[4]?.id}/reopen`, undefined, 200, member);
    expect((await send<PlaybookRun>("GET", `/api/v1/playbook-runs/${run.id}`)).status).toBe("active");

    const stopped = await send<PlaybookRunDetail>(
      "POST",
      `/api/v1/playbook-runs/${run.id}/cancel`,
      undefined,
      200,
      member,
    );
    expect(stopped.status).toBe("cancelled");
    expect(stopped.tasks[4]).toMatchObject({ status: "closed", outcome: "not_needed" });
    const twice = await t.request(member, "POST", `/api/v1/playbook-runs/${run.id}/cancel`);
    expect(twice.statusCode).toBe(409);

    const list = await send<{ data: PlaybookRun[] }>(
      "GET",
      `/api/v1/playbook-runs?accountId=${acme.id}`,
      undefined,
      200,
      viewer,
    );
    expect(list.data.map((r) => r.id)).toEqual([run.id]);
    const deleting = await t.request(admin, "DELETE", `/api/v1/playbooks/${risk.id}`);
    expect(deleting.statusCode).toBe(409);
    expect(errorOf(deleting).message).toContain("archive it instead");
    expect(
      (await t.request(viewer, "POST", `/api/v1/playbooks/${risk.id}/runs`, { accountId: acme.id }))
        .statusCode,
    ).toBe(403);
  });

  it("a rule starts it on what it matches, holding out a seeded share, and logs what it did", async () => {
    const detractor = await byKey("detractor");
    const unknown = await t.request(admin, "POST", "/api/v1/rules", {
      name: "Nope",
      trigger: { kind: "schedule", cron: "0 8 * * 1" },
      actions: [{ kind: "start_playbook", playbookId: "0190a4b0-0000-7000-8000-00000000dead" }],
    });
    expect(errorOf(unknown).details?.issues?.map((i) => i.path)).toEqual(["actions.0.playbookId"]);

    const rule = await send<Rule>(
      "POST",
      "/api/v1/rules",
      {
        name: "Weekly detractor sweep",
        trigger: { kind: "schedule", cron: "0 8 * * 1" },
        conditions: { match: "all", conditions: [{ field: "tier", op: "eq", value: "Holdout" }] },
        actions: [{ kind: "start_playbook", playbookId: detractor.id, holdOutPercent: 50 }],
      },
      201,
    );
    // Accounts until both sides have three: which side an account falls on is the rule's hash.
    const accounts: Account[] = [];
    const sides = () => accounts.filter((a) => heldOut(rule.id, a.id, 50)).length;
    while (accounts.length < 12 || sides() < 3 || accounts.length - sides() < 3) {
      accounts.push(await newAccount(`Held ${accounts.length}`, { tier: "Holdout" }));
    }
    const count = accounts.length;
    const dry = await send<{ matches: { actions: { text: string }[] }[] }>(
      "POST",
      `/api/v1/rules/${rule.id}/dry-run`,
    );
    expect(dry.matches[0]?.actions[0]?.text).toBe(
      "would start the Detractor follow-up playbook (or hold the account out, 50% at random, to measure its effect)",
    );
    const ran = await send<RuleRun & { matches: { account: { id: string }; actions: { text: string }[] }[] }>(
      "POST",
      `/api/v1/rules/${rule.id}/run`,
    );
    expect(ran.matched).toBe(count);
    const expectedOut = accounts
      .filter((a) => heldOut(rule.id, a.id, 50))
      .map((a) => a.id)
      .sort();
    const loggedOut = ran.matches
      .filter((m) => m.actions[0]?.text.startsWith("held out"))
      .map((m) => m.account.id)
      .sort();
    expect(loggedOut).toEqual(expectedOut);

    const runs = await send<{ data: PlaybookRun[] }>(
      "GET",
      `/api/v1/playbook-runs?playbookId=${detractor.id}&limit=50`,
    );
    expect(runs.data).toHaveLength(count);
    const outRuns = runs.data.filter((r) => r.heldOut);
    expect(
      outRuns.every((r) => r.status === "held_out" && r.progress.total === 0 && r.rule?.name === rule.name),
    ).toBe(true);
    expect(runs.data.filter((r) => !r.heldOut).every((r) => r.progress.total === 3)).toBe(true);

    // Run again: nothing starts twice, and the held-out accounts stay held out.
    const second = await send<RuleRun & { matches: { actions: { text: string }[] }[] }>(
      "POST",
      `/api/v1/rules/${rule.id}/run`,
    );
    const texts = second.matches.map((m) => m.actions[0]?.text);
    expect(texts.filter((x) => x?.startsWith("the playbook is already running"))).toHaveLength(
      count - expectedOut.length,
    );
    expect(texts.filter((x) => x?.startsWith("held out of the playbook in the last 90 days"))).toHaveLength(
      expectedOut.length,
    );

    const deleting = await t.request(admin, "DELETE", `/api/v1/playbooks/${detractor.id}`);
    expect(deleting.statusCode).toBe(409);
    expect(errorOf(deleting).message).toContain('"Weekly detractor sweep"');
  });
});

describe("the hold-out report", () => {
  it("compares treated and held-out accounts 90 days on, and cautions when the groups are small", async () => {
    const db = systemDb(t.database.db);
    const champion = await byKey("champion_left");
    const empty = await send<PlaybookReport>(
      "GET",
      `/api/v1/playbooks/${champion.id}/report`,
      undefined,
      200,
      viewer,
    );
    expect(empty).toMatchObject({ caution: null, treated: { followed: 0 }, heldOut: { followed: 0 } });
    expect(empty.summary).toContain("No rule starts this playbook with a hold-out");

    const rule = await send<Rule>(
      "POST",
      "/api/v1/rules",
      {
        name: "Champion sweep",
        trigger: { kind: "schedule", cron: "0 9 * * 1" },
        conditions: { match: "all", conditions: [{ field: "tier", op: "eq", value: "Champion" }] },
        actions: [{ kind: "start_playbook", playbookId: champion.id, holdOutPercent: 40 }],
      },
      201,
    );
    const accounts: Account[] = [];
    const sides = () => accounts.filter((a) => heldOut(rule.id, a.id, 40)).length;
    while (accounts.length < 10 || sides() < 2 || accounts.length - sides() < 2) {
      accounts.push(await newAccount(`Champ ${accounts.length}`, { tier: "Champion" }));
    }
    await send("POST", `/api/v1/rules/${rule.id}/run`);
    const start = addDays(utcToday(), -120);
    const end = addDays(start, 90);
    const modelId = "0190a4b0-0000-7000-8000-00000000cafe";
    // The rule matched them 120 days ago; each had $1,000 a month then.
    await db.execute(sql`update playbook_runs set started_at = ${start}::date + interval '10 hours'
                          where workspace_id = ${ws.id} and playbook_id = ${champion.id}`);
    const held = new Set(accounts.filter((a) => heldOut(rule.id, a.id, 40)).map((a) => a.id));
    let n = 0;
    for (const a of accounts) {
      const isHeld = held.has(a.id);
      // Held-out accounts lost 10 points and one in two churned; treated ones gained 5 and kept their revenue.
      const churns = isHeld && n++ % 2 === 0;
      await db.execute(sql`insert into health_scores (workspace_id, account_id, day, model_id, model_version, score, band, measures)
        values (${ws.id}, ${a.id}, ${addDays(start, -2)}, ${modelId}, 1, 60, 'average', '[]'::jsonb),
               (${ws.id}, ${a.id}, ${addDays(end, -1)}, ${modelId}, 1, ${isHeld ? 50 : 65}, 'average', '[]'::jsonb)`);
      await db.execute(sql`insert into subscriptions (workspace_id, account_id, id, product, mrr_minor, currency, start_date, end_date, status)
        values (${ws.id}, ${a.id}, gen_random_uuid(), 'Platform', 100000, 'USD', ${addDays(start, -200)},
                ${churns ? addDays(start, 30) : null}, ${churns ? "churned" : "active"})`);
    }
    const report = await send<PlaybookReport>(
      "GET",
      `/api/v1/playbooks/${champion.id}/report`,
      undefined,
      200,
      viewer,
    );
    const heldCount = held.size;
    expect(report.rules).toEqual([{ id: rule.id, name: "Champion sweep", holdOutPercent: 40 }]);
    expect(report.treated).toMatchObject({
      followed: accounts.length - heldCount,
      following: 0,
      healthChange: 5,
      healthMeasured: accounts.length - heldCount,
      churned: 0,
      churnRate: 0,
    });
    expect(report.heldOut).toMatchObject({
      followed: heldCount,
      healthChange: -10,
      churned: Math.ceil(heldCount / 2),
    });
    expect(report.difference.healthChange).toBe(15);
    expect(report.caution).toContain("Too few accounts to tell yet");
    expect(report.summary).toContain(`of ${heldCount} held out`);
  });
});
