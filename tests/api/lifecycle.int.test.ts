import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays, utcToday } from "../../src/common/dates.ts";
import type {
  Account,
  AccountLifecycle,
  ImportReport,
  LifecycleSettings,
  Replay,
  Rule,
  SegmentField,
  TransitionsResult,
} from "../../src/contract/index.ts";
import { systemDb } from "../../src/db/system.ts";
import { applyTransitionsEverywhere } from "../../src/domain/lifecycle/index.ts";
import {
  apiSender,
  type Caller,
  createTestApp,
  errorOf,
  type TestApp,
  type TestWorkspace,
} from "../helpers/test-app.ts";

/** An account's lifecycle through the API: stage history from every write path, time in stage, time to first value. */
let t: TestApp;
let ws: TestWorkspace;
let admin: Caller;
let member: Caller;
let viewer: Caller;

const send = apiSender(
  () => t,
  () => member,
);

beforeAll(async () => {
  t = await createTestApp();
  ws = await t.workspace("lifecycle");
  admin = await t.signIn(ws.users.admin.email);
  member = await t.signIn(ws.users.member.email);
  viewer = await t.signIn(ws.users.viewer.email);
});

afterAll(async () => {
  await t.close();
});

describe("lifecycle", () => {
  it("records each stage entered by a person or a rule, with time in stage and time to first value", async () => {
    const acme = await send<Account>("POST", "/api/v1/accounts", { name: "Acme" }, 201);
    const start = addDays(utcToday(), -40);
    await send(
      "POST",
      "/api/v1/subscriptions",
      { accountId: acme.id, product: "Platform", mrrMinor: 1_000_00, startDate: start },
      201,
    );
    const fresh = await send<AccountLifecycle>(
      "GET",
      `/api/v1/accounts/${acme.id}/lifecycle`,
      undefined,
      200,
      viewer,
    );
    expect(fresh).toMatchObject({
      stage: "onboarding",
      daysInStage: 0,
      timeToFirstValue: null,
      daysWithoutValue: 40,
    });
    expect(fresh.history).toMatchObject([
      { from: null, to: "onboarding", source: "hand", by: { userId: ws.users.member.id } },
    ]);

    await send("PATCH", `/api/v1/accounts/${acme.id}`, { lifecycleStage: "adoption" });
    // The same stage again is no change.
    await send("PATCH", `/api/v1/accounts/${acme.id}`, { lifecycleStage: "adoption" });
    const rule = await send<Rule>(
      "POST",
      "/api/v1/rules",
      {
        name: "Adopted: to value",
        trigger: { kind: "schedule", cron: "0 5 * * 1" },
        actions: [{ kind: "set_stage", stage: "value" }],
      },
      201,
      admin,
    );
    // The rule acts through the bulk write path imports use too.
    await send("POST", `/api/v1/rules/${rule.id}/run`, undefined, 200, admin);

    const contact = await send<{ id: string }>(
      "POST",
      "/api/v1/contacts",
      { accountId: acme.id, firstName: "Ada", lastName: "Lovelace", email: "ada@acme.example" },
      201,
    );
    await send(
      "POST",
      "/api/v1/outcomes",
      {
        contactId: contact.id,
        kind: "business_outcome",
        title: "Close the books in 3 days",
        status: "achieved",
      },
      201,
    );
    const after = await send<AccountLifecycle>("GET", `/api/v1/accounts/${acme.id}/lifecycle`);
    expect(after.history.map((h) => [h.from, h.to, h.source])).toEqual([
      [null, "onboarding", "hand"],
      ["onboarding", "adoption", "hand"],
      ["adoption", "value", "rule"],
    ]);
    expect(after.stage).toBe("value");
    expect(after.since).toBe(after.history[2]?.at);
    expect(after.timeToFirstValue).toMatchObject({
      contractStart: start,
      outcome: { title: "Close the books in 3 days" },
      days: 40,
    });
    expect(after.daysWithoutValue).toBeNull();
    expect(
      (await t.request(viewer, "GET", "/api/v1/accounts/0190a4b0-0000-7000-8000-00000000dead/lifecycle"))
        .statusCode,
    ).toBe(404);
  });

  it("lets an admin rename, hide and add stages; accounts take only the visible ones", async () => {
    const defaults = await send<LifecycleSettings>(
      "GET",
      "/api/v1/lifecycle/settings",
      undefined,
      200,
      viewer,
    );
    expect(defaults.stages.map((s) => s.key)).toEqual([
      "onboarding",
      "adoption",
      "value",
      "transformation",
      "roi",
      "advocacy",
      "renewal",
      "churned",
    ]);
    expect(defaults.stages[2]).toMatchObject({ label: "Performance and value outcomes", builtIn: true });
    const stages = defaults.stages.map(({ builtIn: _b, accounts: _a, ...s }) => s);
    const edited = [
      stages[0],
      {
        key: "pilot",
        label: "Pilot",
        description: "A paid pilot with one team",
        hidden: false,
        entry: null,
        automatic: false,
      },
      { ...stages[1], label: "Getting going" },
      ...stages.slice(2, 3),
      { ...stages[3], hidden: true },
      ...stages.slice(4),
    ];
    const forbidden = await t.request(member, "PUT", "/api/v1/lifecycle/settings", { stages: edited });
    expect(forbidden.statusCode).toBe(403);
    const saved = await send<LifecycleSettings>(
      "PUT",
      "/api/v1/lifecycle/settings",
      { stages: edited },
      200,
      admin,
    );
    expect(saved.stages.map((s) => [s.key, s.label, s.hidden, s.builtIn])).toEqual([
      ["onboarding", "Onboarding", false, true],
      ["pilot", "Pilot", false, false],
      ["adoption", "Getting going", false, true],
      ["value", "Performance and value outcomes", false, true],
      ["transformation", "Transformation", true, true],
      ["roi", "ROI", false, true],
      ["advocacy", "Advocacy", false, true],
      ["renewal", "Renewal", false, true],
      ["churned", "Churned", false, true],
    ]);
    expect(saved.updatedBy).toMatchObject({ userId: ws.users.admin.id });

    // A built-in stage cannot be dropped, nor a name used twice; nothing is saved.
    const dropped = await t.request(admin, "PUT", "/api/v1/lifecycle/settings", {
      stages: edited.filter((s) => s?.key !== "roi").concat([{ ...stages[0], key: "roi2", label: "Pilot" }]),
    });
    expect(dropped.statusCode).toBe(400);
    expect(errorOf(dropped).details?.issues).toEqual(
      expect.arrayContaining([
        { path: "stages", message: 'must keep the built-in stage "ROI" (hide it instead)' },
        { path: "stages.8.label", message: "is the name of another stage" },
      ]),
    );
    const badKey = await t.request(admin, "PUT", "/api/v1/lifecycle/settings", {
      stages: [...edited, { key: "Not A Key", label: "Odd" }],
    });
    expect(badKey.statusCode).toBe(400);
    expect(errorOf(badKey).code).toBe("VALIDATION_FAILED");

    const globex = await send<Account>(
      "POST",
      "/api/v1/accounts",
      { name: "Globex", lifecycleStage: "pilot" },
      201,
    );
    expect(globex.lifecycleStage).toBe("pilot");
    const hidden = await t.request(member, "PATCH", `/api/v1/accounts/${globex.id}`, {
      lifecycleStage: "transformation",
    });
    expect(hidden.statusCode).toBe(400);
    expect(errorOf(hidden).details?.issues).toEqual([
      { path: "lifecycleStage", message: "is a stage this workspace hides (Transformation)" },
    ]);
    const unknown = await t.request(member, "PATCH", `/api/v1/accounts/${globex.id}`, {
      lifecycleStage: "nowhere",
    });
    expect(errorOf(unknown).details?.issues).toEqual([
      { path: "lifecycleStage", message: "is not a lifecycle stage of this workspace" },
    ]);
    expect((await send<Account>("GET", `/api/v1/accounts/${globex.id}`)).lifecycleStage).toBe("pilot");

    // An import reads the workspace's stages by key or by name; a hidden one is refused at its row.
    const imported = await t.request(admin, "POST", "/api/v1/imports/accounts", {
      csv: "Name,External id,Stage\nPiloting Co,PIL-1,Pilot\nKeyed Co,PIL-2,pilot\nHidden Co,PIL-3,Transformation\n",
      dryRun: true,
      mapping: { columns: { Name: "name", "External id": "externalId", Stage: "lifecycleStage" } },
    });
    expect(imported.statusCode).toBe(200);
    expect(imported.json<ImportReport>().errors).toEqual([
      expect.objectContaining({
        row: 3,
        field: "lifecycleStage",
        message: expect.stringContaining("hides (Transformation)"),
      }),
    ]);

    // A stage of the workspace's own cannot go while accounts are in it.
    const inUse = await t.request(admin, "PUT", "/api/v1/lifecycle/settings", {
      stages: edited.filter((s) => s?.key !== "pilot"),
    });
    expect(inUse.statusCode).toBe(400);
    expect(JSON.stringify(errorOf(inUse).details?.issues)).toContain(
      '\\"Pilot\\" cannot be removed while 1 account is in it',
    );

    // Segments and rules offer the workspace's stages.
    const fields = (await send<{ data: SegmentField[] }>("GET", "/api/v1/segments/fields?entity=account"))
      .data;
    expect(fields.find((f) => f.key === "lifecycleStage")?.options).toEqual(
      expect.arrayContaining([
        { value: "pilot", label: "Pilot" },
        { value: "transformation", label: "Transformation (hidden)" },
      ]),
    );
    const toHidden = await t.request(admin, "POST", "/api/v1/rules", {
      name: "To a hidden stage",
      trigger: { kind: "schedule", cron: "0 5 * * 1" },
      actions: [{ kind: "set_stage", stage: "transformation" }],
    });
    expect(errorOf(toHidden).details?.issues).toEqual([
      { path: "actions.0.stage", message: "is a stage this workspace hides (Transformation)" },
    ]);
  });

  it("moves accounts meeting an automatic stage's entry criteria forward, never back and never out of churned", async () => {
    const made = async (name: string, industry: string, lifecycleStage: string) =>
      send<Account>("POST", "/api/v1/accounts", { name, industry, lifecycleStage }, 201);
    const ready = await made("Initech", "Fintech", "onboarding");
    const ahead = await made("Umbrella", "Fintech", "advocacy");
    const gone = await made("Hooli", "Fintech", "churned");
    const other = await made("Stark", "Retail", "onboarding");
    const current = (await send<LifecycleSettings>("GET", "/api/v1/lifecycle/settings")).stages.map(
      ({ builtIn: _b, accounts: _a, ...s }) => s,
    );
    const fintech = { match: "all", conditions: [{ field: "industry", op: "eq", value: "Fintech" }] };
    const draft = current.map((s) => (s.key === "adoption" ? { ...s, entry: fintech, automatic: true } : s));

    // Nothing automatic is saved yet: applying says so; a preview of the draft lists the moves.
    const nothing = await t.request(admin, "POST", "/api/v1/lifecycle/transitions/apply");
    expect(nothing.statusCode).toBe(409);
    const preview = await send<TransitionsResult>("POST", "/api/v1/lifecycle/transitions/preview", {
      stages: draft,
    });
    expect(preview.applied).toBe(false);
    expect(preview.transitions).toEqual([
      { account: { id: ready.id, name: "Initech" }, from: "onboarding", to: "adoption" },
    ]);
    const noCriteria = await t.request(admin, "PUT", "/api/v1/lifecycle/settings", {
      stages: current.map((s) => (s.key === "roi" ? { ...s, automatic: true } : s)),
    });
    expect(errorOf(noCriteria).details?.issues).toEqual([
      { path: "stages.5.automatic", message: "needs entry criteria to move accounts on its own" },
    ]);

    await send("PUT", "/api/v1/lifecycle/settings", { stages: draft }, 200, admin);
    const lifecycle = await send<AccountLifecycle>("GET", `/api/v1/accounts/${ready.id}/lifecycle`);
    expect(lifecycle.next).toEqual({
      stage: "adoption",
      label: "Getting going",
      meetsEntry: true,
      automatic: true,
    });
    expect(
      (await send<AccountLifecycle>("GET", `/api/v1/accounts/${other.id}/lifecycle`)).next,
    ).toMatchObject({
      stage: "adoption",
      meetsEntry: false,
    });

    // The nightly pass (the job's handler) moves them as a rule would, into the stage history.
    expect(await applyTransitionsEverywhere(systemDb(t.database.db))).toBe(1);
    const moved = await send<AccountLifecycle>("GET", `/api/v1/accounts/${ready.id}/lifecycle`);
    expect(moved.stage).toBe("adoption");
    expect(moved.history.at(-1)).toMatchObject({ from: "onboarding", to: "adoption", source: "rule" });
    expect((await send<Account>("GET", `/api/v1/accounts/${ahead.id}`)).lifecycleStage).toBe("advocacy");
    expect((await send<Account>("GET", `/api/v1/accounts/${gone.id}`)).lifecycleStage).toBe("churned");
    expect((await send<Account>("GET", `/api/v1/accounts/${other.id}`)).lifecycleStage).toBe("onboarding");
    const again = await send<TransitionsResult>(
      "POST",
      "/api/v1/lifecycle/transitions/apply",
      undefined,
      200,
      admin,
    );
    expect(again).toMatchObject({ applied: true, moved: 0 });

    // A rule triggered by entering the stage replays from the stage history.
    const rule = await send<Rule>(
      "POST",
      "/api/v1/rules",
      {
        name: "Welcome to adoption",
        enabled: false,
        trigger: { kind: "stage_change", to: "adoption" },
        actions: [
          {
            kind: "create_task",
            taskKind: "task",
            type: "lifecycle",
            title: "Plan the adoption review",
            priority: "medium",
          },
        ],
      },
      201,
      admin,
    );
    // The replay covers the days up to yesterday: the move is back-dated into it.
    await systemDb(t.database.db).execute(
      sql`update account_stage_changes set changed_at = changed_at - interval '2 days'
           where workspace_id = ${ws.id} and account_id = ${ready.id} and to_stage = 'adoption'`,
    );
    const replay = await send<Replay>("POST", `/api/v1/rules/${rule.id}/replay`, { days: 30 }, 200, admin);
    expect(replay.caught.map((c) => c.account.name)).toEqual(["Initech"]);
    expect(replay.flags.join(" ")).not.toContain("cannot be replayed");
  });

  it("counts a named usage milestone as first value when it comes before any outcome", async () => {
    const wayne = await send<Account>("POST", "/api/v1/accounts", { name: "Wayne" }, 201);
    const start = addDays(utcToday(), -30);
    await send(
      "POST",
      "/api/v1/subscriptions",
      { accountId: wayne.id, product: "Platform", mrrMinor: 500_00, startDate: start },
      201,
    );
    const bad = await t.request(admin, "PUT", "/api/v1/lifecycle/settings", {
      firstValueMilestone: { event: "Report Created", count: 0 },
    });
    expect(errorOf(bad).details?.issues).toEqual([
      expect.objectContaining({ path: "firstValueMilestone.count", message: "must be at least 1" }),
    ]);
    const saved = await send<LifecycleSettings>(
      "PUT",
      "/api/v1/lifecycle/settings",
      { firstValueMilestone: { event: "Report Created", count: 10 } },
      200,
      admin,
    );
    expect(saved.firstValueMilestone).toEqual({ event: "Report Created", count: 10 });
    // The stages were left as they were.
    expect(saved.stages.find((s) => s.key === "pilot")).toBeDefined();
    // 4 + 4 uses leave it short; the third day's 3 reach 11 (18 days after the start).
    await systemDb(t.database.db).execute(sql`insert into usage_account_event_days
        (workspace_id, account_id, day, event, events, users) values
        (${ws.id}, ${wayne.id}, ${addDays(start, 5)}, 'Report Created', 4, 1),
        (${ws.id}, ${wayne.id}, ${addDays(start, 9)}, 'Report Created', 4, 1),
        (${ws.id}, ${wayne.id}, ${addDays(start, 9)}, 'Other', 40, 1),
        (${ws.id}, ${wayne.id}, ${addDays(start, 18)}, 'Report Created', 3, 1)`);
    const lifecycle = await send<AccountLifecycle>("GET", `/api/v1/accounts/${wayne.id}/lifecycle`);
    expect(lifecycle.timeToFirstValue).toEqual({
      contractStart: start,
      firstValueAt: `${addDays(start, 18)}T00:00:00.000Z`,
      by: "milestone",
      outcome: null,
      milestone: "Report Created used 10 times",
      days: 18,
    });
    expect(lifecycle.daysWithoutValue).toBeNull();
  });
});
