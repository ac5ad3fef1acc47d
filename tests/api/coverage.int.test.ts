import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays, utcToday } from "../../src/common/dates.ts";
import type {
  Account,
  Book,
  CoverageSettings,
  Rule,
  RuleRun,
  TieringResult,
} from "../../src/contract/index.ts";
import {
  apiSender,
  type Caller,
  createTestApp,
  errorOf,
  type TestApp,
  type TestWorkspace,
} from "../helpers/test-app.ts";

/** Tiers, coverage and the book of business through the API. */
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
const account = (name: string) => send<Account>("GET", `/api/v1/accounts/${acc[name]?.id}`);

const arrAtLeast = (dollars: number) => ({
  match: "all" as const,
  conditions: [{ field: "arr", op: "gte", value: dollars }],
});
const TIERING = [
  { tier: "Enterprise", coverage: "one_to_one", filter: arrAtLeast(100_000) },
  { tier: "Mid-Market", coverage: "one_to_few", filter: arrAtLeast(20_000) },
  { tier: "SMB", coverage: "one_to_many", filter: { match: "all", conditions: [] } },
];

beforeAll(async () => {
  t = await createTestApp();
  ws = await t.workspace("coverage");
  admin = await t.signIn(ws.users.admin.email);
  member = await t.signIn(ws.users.member.email);
  viewer = await t.signIn(ws.users.viewer.email);
  // ARR: Acme $240k, Globex $36k, Initech $6k, Umbrella $120k, Hooli $24k.
  for (const [name, mrr] of [
    ["Acme", 20_000_00],
    ["Globex", 3_000_00],
    ["Initech", 500_00],
    ["Umbrella", 10_000_00],
    ["Hooli", 2_000_00],
  ] as const) {
    acc[name] = await send<Account>("POST", "/api/v1/accounts", { name }, 201);
    await send(
      "POST",
      "/api/v1/subscriptions",
      { accountId: acc[name]?.id, product: "Platform", mrrMinor: mrr, startDate: addDays(utcToday(), -30) },
      201,
    );
  }
});

afterAll(async () => {
  await t.close();
});

describe("tiering", () => {
  it("starts from the default capacity and no rules; refuses rules that cannot run, at their fields", async () => {
    const settings = await send<CoverageSettings>("GET", "/api/v1/coverage/settings", undefined, 200, viewer);
    expect(settings).toMatchObject({
      capacity: { one_to_one: 15, one_to_few: 60, one_to_many: 400 },
      tiering: { enabled: false, rules: [] },
      updatedBy: null,
    });
    const bad = await t.request(admin, "PUT", "/api/v1/coverage/settings", {
      capacity: { one_to_one: 0, one_to_few: 40, one_to_many: 200 },
    });
    expect(errorOf(bad).details?.issues?.map((i) => i.path)).toEqual(["capacity.one_to_one"]);
    const unknownField = await t.request(admin, "PUT", "/api/v1/coverage/settings", {
      tiering: {
        enabled: true,
        rules: [
          { tier: "Big", coverage: "one_to_one", filter: arrAtLeast(1) },
          {
            tier: "X",
            coverage: null,
            filter: { match: "all", conditions: [{ field: "nope", op: "eq", value: 1 }] },
          },
        ],
      },
    });
    expect(unknownField.statusCode).toBe(400);
    expect(errorOf(unknownField).details?.issues?.[0]?.path).toMatch(
      /^tiering\.rules\.1\.filter\.conditions\.0/,
    );
    const none = await t.request(admin, "PUT", "/api/v1/coverage/settings", {
      tiering: { enabled: true, rules: [] },
    });
    expect(errorOf(none).details?.issues?.map((i) => i.path)).toEqual(["tiering.rules"]);
    expect(
      (await t.request(member, "PUT", "/api/v1/coverage/settings", { capacity: settings.capacity }))
        .statusCode,
    ).toBe(403);
  });

  it("checks a preview's draft rules as a save does, each problem at the draft's path", async () => {
    const draft = (condition: object) => ({
      rules: [
        { tier: "Big", coverage: "one_to_one", filter: arrAtLeast(1) },
        { tier: "X", coverage: null, filter: { match: "all", conditions: [condition] } },
      ],
    });
    for (const condition of [
      { field: "nope", op: "eq", value: 1 },
      { field: "arr", op: "gte", value: "a lot" },
      { field: "health.score", op: "between", value: [80, 20] },
    ]) {
      const res = await t.request(viewer, "POST", "/api/v1/coverage/tiering/preview", draft(condition));
      expect(res.statusCode).toBe(400);
      expect(errorOf(res).details?.issues?.[0]?.path).toMatch(/^rules\.1\.filter\.conditions\.0/);
    }
  });

  it("previews and applies tiering by ARR; a coverage set by hand stays and is named", async () => {
    await send("PATCH", `/api/v1/accounts/${acc.Umbrella?.id}`, { coverage: "one_to_few" }, 200, member);
    expect((await account("Umbrella")).coverageSource).toBe("hand");
    const saved = await send<CoverageSettings>("PUT", "/api/v1/coverage/settings", {
      capacity: { one_to_one: 2, one_to_few: 10, one_to_many: 100 },
      tiering: { enabled: true, rules: TIERING },
    });
    expect(saved.updatedBy?.userId).toBe(ws.users.admin.id);

    const preview = await send<TieringResult>("POST", "/api/v1/coverage/tiering/preview", {}, 200, viewer);
    expect(preview).toMatchObject({ applied: false, changed: 5, keptByHand: 1, unmatched: 0 });
    const umbrella = preview.changes.find((c) => c.account.name === "Umbrella");
    expect(umbrella).toMatchObject({ rule: 0, tier: { from: null, to: "Enterprise" }, coverage: null });
    expect(umbrella?.kept).toEqual(["coverage one-to-few was set by hand (the rules say one-to-one)"]);
    expect((await account("Acme")).tier).toBeNull();

    const draft = await send<TieringResult>("POST", "/api/v1/coverage/tiering/preview", {
      rules: [{ tier: "Everyone", coverage: null, filter: { match: "all", conditions: [] } }],
    });
    expect(draft.changed).toBe(5);

    const applied = await send<TieringResult>("POST", "/api/v1/coverage/tiering/apply");
    expect(applied).toMatchObject({ applied: true, changed: 5, keptByHand: 1 });
    expect(await account("Acme")).toMatchObject({
      tier: "Enterprise",
      tierSource: "rule",
      coverage: "one_to_one",
      coverageSource: "rule",
    });
    expect(await account("Hooli")).toMatchObject({ tier: "Mid-Market", coverage: "one_to_few" });
    expect(await account("Initech")).toMatchObject({ tier: "SMB", coverage: "one_to_many" });
    expect(await account("Umbrella")).toMatchObject({
      tier: "Enterprise",
      coverage: "one_to_few",
      coverageSource: "hand",
    });
    // Applied again: nothing left to change.
    expect((await send<TieringResult>("POST", "/api/v1/coverage/tiering/apply")).changed).toBe(0);
    // Clearing the hand setting gives it back to the rules.
    await send("PATCH", `/api/v1/accounts/${acc.Umbrella?.id}`, { coverage: null }, 200, member);
    await send("POST", "/api/v1/coverage/tiering/apply");
    expect(await account("Umbrella")).toMatchObject({ coverage: "one_to_one", coverageSource: "rule" });
    expect((await t.request(member, "POST", "/api/v1/coverage/tiering/apply")).statusCode).toBe(403);
  });

  it("a rule's set_coverage leaves a hand setting and its log says so", async () => {
    await send("PATCH", `/api/v1/accounts/${acc.Initech?.id}`, { coverage: "one_to_few" }, 200, member);
    const rule = await send<Rule>(
      "POST",
      "/api/v1/rules",
      {
        name: "Small ones digital",
        trigger: { kind: "schedule", cron: "0 6 * * 1" },
        conditions: { match: "all", conditions: [{ field: "name", op: "in", value: ["Initech", "Hooli"] }] },
        actions: [{ kind: "set_coverage", coverage: "one_to_many" }],
      },
      201,
    );
    const run = await send<
      RuleRun & { matches: { account: { name: string }; actions: { text: string }[] }[] }
    >("POST", `/api/v1/rules/${rule.id}/run`);
    const initech = run.matches.find((m) => m.account.name === "Initech");
    expect(initech?.actions[0]?.text).toBe("kept: coverage one_to_few was set by hand");
    expect(await account("Initech")).toMatchObject({ coverage: "one_to_few", coverageSource: "hand" });
    expect(await account("Hooli")).toMatchObject({ coverage: "one_to_many", coverageSource: "rule" });
    await send("DELETE", `/api/v1/rules/${rule.id}`, undefined, 204);
  });
});

describe("the book of business", () => {
  it("shows each CSM's load against capacity, suggests moves that never touch hand assignments, and makes them", async () => {
    // A rule gives every account to the member: assignments by rule, which rebalancing may move.
    const rule = await send<Rule>(
      "POST",
      "/api/v1/rules",
      {
        name: "All to the member",
        trigger: { kind: "schedule", cron: "0 6 * * 2" },
        actions: [{ kind: "assign_owner", assignee: { kind: "user", userId: ws.users.member.id } }],
      },
      201,
    );
    await send("POST", `/api/v1/rules/${rule.id}/run`);
    // Acme is then given to the member by hand: it stays with them whatever the loads.
    await send("PATCH", `/api/v1/accounts/${acc.Acme?.id}`, { ownerId: ws.users.member.id }, 200, member);
    // The admin takes Hooli by hand: owning a book makes them a CSM here.
    await send("PATCH", `/api/v1/accounts/${acc.Hooli?.id}`, { ownerId: ws.users.admin.id });

    const book = await send<Book>("GET", "/api/v1/coverage/book", undefined, 200, viewer);
    const row = (userId: string) => book.rows.find((r) => r.owner?.userId === userId);
    const mine = row(ws.users.member.id);
    // Capacity 2 one-to-one, 10 one-to-few, 100 one-to-many: Acme and Umbrella (one-to-one),
    // Globex and Initech (one-to-few): 2/2 + 2/10.
    expect(mine).toMatchObject({
      accounts: 4,
      byCoverage: { one_to_one: 2, one_to_few: 2, one_to_many: 0, none: 0 },
      load: 1.2,
      status: "over",
      handAssigned: 1,
      arr: [{ currency: "USD", minor: 402_000_00 }],
    });
    expect(row(ws.users.admin.id)).toMatchObject({
      accounts: 1,
      load: 0.01,
      status: "under",
      handAssigned: 1,
    });
    // Managers and leaders without a book are not CSMs.
    expect(book.rows.map((r) => r.owner?.userId).sort()).toEqual(
      [ws.users.admin.id, ws.users.member.id].sort(),
    );
    expect(book.suggestions.length).toBeGreaterThan(0);
    expect(
      book.suggestions.every((s) => s.account.name !== "Acme" && s.from.userId === ws.users.member.id),
    ).toBe(true);
    expect(book.suggestions[0]?.why).toMatch(/is at 120% of a full book and .+ at 1%/);
    const after = book.after.find((a) => a.userId === ws.users.member.id);
    expect(after?.load).toBeLessThan(1);

    const bad = await t.request(member, "POST", "/api/v1/coverage/book/moves", {
      moves: [{ accountId: "0190a4b0-0000-7000-8000-00000000dead", toUserId: ws.users.viewer.id }],
    });
    expect(errorOf(bad).details?.issues?.map((i) => i.path)).toEqual([
      "moves.0.accountId",
      "moves.0.toUserId",
    ]);
    const moved = await send<Book>(
      "POST",
      "/api/v1/coverage/book/moves",
      { moves: book.suggestions.map((s) => ({ accountId: s.account.id, toUserId: s.to.userId })) },
      200,
      member,
    );
    const first = book.suggestions[0];
    const target = await send<Account>("GET", `/api/v1/accounts/${first?.account.id}`);
    expect(target).toMatchObject({ ownerId: first?.to.userId, ownerSource: "hand" });
    expect(moved.rows.find((r) => r.owner?.userId === ws.users.member.id)?.load).toBe(after?.load);
    // What was moved by hand is not suggested again.
    expect(moved.suggestions.some((s) => s.account.id === first?.account.id)).toBe(false);
  });
});
