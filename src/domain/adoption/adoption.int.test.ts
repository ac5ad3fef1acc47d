import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeAccount, makeContact, makeSubscription, makeWorkspace } from "../../../tests/factories/index.ts";
import { recordUses, type Use } from "../../../tests/factories/usage-rollups.ts";
import { createTestDb } from "../../../tests/helpers/test-db.ts";
import { newId } from "../../common/ids.ts";
import { ZTimelineEntry } from "../../contract/timeline.ts";
import { ZAccountUsage, ZQuietAccount, ZUsageOverview } from "../../contract/usage.ts";
import { type Database, queryRows } from "../../db/index.ts";
import type { Ctx } from "../context.ts";
import { listTimeline } from "../timeline/index.ts";
import {
  detectNonUsage,
  findQuiet,
  getAccountUsage,
  getUsageOverview,
  getUsageSettings,
  listUsageFeatures,
  updateUsageFeature,
  updateUsageSettings,
} from "./index.ts";

/**
 * Adoption metrics on hand-built rollups, every figure computed by hand. Today is 2026-03-31: the
 * 30-day period is 03-02…03-31, the previous one 01-31…03-01; the 7-day period 03-25…03-31.
 */
const TODAY = "2026-03-31";

let database: Database;
let ctx: Ctx;
let ownerId: string;
const id: Record<string, string> = {};

const setCreated = (accountId: string, day: string) =>
  database.db.execute(
    sql`update accounts set created_at = ${`${day}T09:00:00Z`}::timestamptz where id = ${accountId}`,
  );

beforeAll(async () => {
  database = await createTestDb();
  const ws = await makeWorkspace(database.db, "adoption");
  ctx = ws.ctx;
  ownerId = ws.owner.member.userId;
  const acme = await makeAccount(ctx, { name: "Acme", ownerId });
  const quietco = await makeAccount(ctx, { name: "Quietco", ownerId });
  const churned = await makeAccount(ctx, { name: "Gone", lifecycleStage: "churned" });
  const newbie = await makeAccount(ctx, { name: "Newbie" });
  const fresh = await makeAccount(ctx, { name: "Fresh" });
  Object.assign(id, {
    acme: acme.id,
    quietco: quietco.id,
    churned: churned.id,
    newbie: newbie.id,
    fresh: fresh.id,
  });
  for (const [a, day] of [
    [acme.id, "2025-06-01"],
    [quietco.id, "2025-06-01"],
    [churned.id, "2025-06-01"],
    [newbie.id, "2026-03-01"],
    [fresh.id, "2026-03-25"],
  ] as const) {
    await setCreated(a, day);
  }

  const person = (accountId: string, firstName: string, lastName: string, more: object) =>
    makeContact(ctx, accountId, { firstName, lastName, influence: 2, decisionRole: "user", ...more });
  id.dana = (await person(acme.id, "Dana", "Lee", { decisionRole: "champion" })).id;
  id.bob = (await person(acme.id, "Bob", "Quiet", { decisionRole: "economic_buyer" })).id;
  id.never = (await person(acme.id, "Nina", "Never", { decisionRole: "decision_maker" })).id;
  id.left = (await person(acme.id, "Lou", "Left", { decisionRole: "champion", leftCompany: true })).id;
  id.plain = (await person(acme.id, "Pat", "Plain", {})).id;
  id.vip = (await person(acme.id, "Val", "Vip", { influence: 5 })).id;
  id.goneChampion = (await person(churned.id, "Gil", "Gone", { decisionRole: "champion" })).id;

  // Seats live on 03-31: 10 (active) + 5 (trial) = 15; the others are canceled, ended, not started
  // yet, or without seats.
  const sub = (
    seats: number | null,
    status: "active" | "trial" | "canceled",
    startDate: string,
    endDate: string | null,
  ) => makeSubscription(ctx, acme.id, { seats, status, startDate, endDate, renewalDate: null });
  await sub(10, "active", "2025-01-01", null);
  await sub(5, "trial", "2026-03-01", "2026-04-30");
  await sub(100, "canceled", "2025-01-01", null);
  await sub(7, "active", "2025-01-01", "2026-03-15");
  await sub(3, "active", "2026-04-10", null);
  await sub(null, "active", "2025-01-01", null);

  const A = acme.id;
  const uses: Use[] = [
    { accountId: A, day: "2026-03-31", event: "login", events: 2, user: "u1", contactId: id.dana },
    { accountId: A, day: "2026-03-31", event: "report", events: 3, user: "u1", contactId: id.dana },
    { accountId: A, day: "2026-03-31", event: "login", events: 1, user: "u2" },
    { accountId: A, day: "2026-03-28", event: "report", events: 5, user: "u3" },
    { accountId: A, day: "2026-03-20", event: "api_call", events: 100 },
    { accountId: A, day: "2026-03-10", event: "export", events: 4, user: "u4" },
    { accountId: A, day: "2026-03-01", event: "login", events: 1, user: "u1", contactId: id.dana },
    { accountId: A, day: "2026-03-01", event: "login", events: 2, user: "u5", contactId: id.bob },
    { accountId: A, day: "2026-02-15", event: "export", events: 6, user: "u1", contactId: id.dana },
    // Quietco, last active 03-10: two users also in Acme (the same product users in two accounts),
    // u4 active in both accounts that day.
    { accountId: quietco.id, day: "2026-03-10", event: "login", events: 2, user: "u1" },
    { accountId: quietco.id, day: "2026-03-10", event: "login", events: 1, user: "u4" },
    {
      accountId: churned.id,
      day: "2026-02-20",
      event: "login",
      events: 1,
      user: "u7",
      contactId: id.goneChampion,
    },
    // A deleted account's rollups: never counted.
    { accountId: newId(), day: "2026-03-15", event: "login", events: 1000, user: "ghost" },
  ];
  await recordUses(database.db, ctx.workspaceId, uses);
  await updateUsageFeature(ctx, "report", { name: "Reports", key: true });
  await updateUsageFeature(ctx, "export", { key: true });
  await updateUsageFeature(ctx, "invite", { name: "Invite a colleague", key: true });
}, 120_000);

afterAll(async () => {
  await database?.close();
});

describe("account usage", () => {
  it("30d: active users, uses, trends, seats, breadth, depth, top features, series", async () => {
    const u = ZAccountUsage.parse(await getAccountUsage(ctx, id.acme as string, "30d", TODAY));
    expect(u).toMatchObject({
      period: "30d",
      from: "2026-03-02",
      to: TODAY,
      dau: 2,
      wau: 3,
      mau: 4,
      activeUsers: { current: 4, previous: 2, change: 1 },
      events: { current: 115, previous: 9 },
      seats: 15,
      breadth: { used: 2, defined: 3 },
      depth: { current: 3, previous: 3, change: 0 },
      lastActiveOn: TODAY,
      daysSinceActive: 0,
      quiet: false,
      quietDays: 14,
    });
    expect(u.events.change).toBeCloseTo(115 / 9 - 1);
    expect(u.utilization).toBeCloseTo(4 / 15);
    expect(u.breadth.ratio).toBeCloseTo(2 / 3);
    expect(u.breadth.previousRatio).toBeCloseTo(1 / 3);
    expect(u.topFeatures).toEqual([
      { event: "api_call", name: "api_call", key: false, events: 100, users: 0 },
      { event: "report", name: "Reports", key: true, events: 8, users: 2 },
      { event: "export", name: "export", key: true, events: 4, users: 1 },
      { event: "login", name: "login", key: false, events: 3, users: 2 },
    ]);
    expect(u.series).toHaveLength(30);
    expect(u.series[0]).toEqual({ day: "2026-03-02", activeUsers: 0, events: 0 });
    const on = (day: string) => u.series.find((p) => p.day === day);
    expect(on("2026-03-31")).toEqual({ day: "2026-03-31", activeUsers: 2, events: 6 });
    expect(on("2026-03-28")).toEqual({ day: "2026-03-28", activeUsers: 1, events: 5 });
    expect(on("2026-03-20")).toEqual({ day: "2026-03-20", activeUsers: 0, events: 100 });
    expect(on("2026-03-10")).toEqual({ day: "2026-03-10", activeUsers: 1, events: 4 });
    expect(u.series.reduce((s, p) => s + p.events, 0)).toBe(115);
  });

  it("key players: last activity, uses in the period, quiet after the threshold, never-users not quiet", async () => {
    const u = await getAccountUsage(ctx, id.acme as string, "30d", TODAY);
    expect(
      u.keyPlayers.map((k) => [k.name, k.lastActiveOn, k.daysSinceActive, k.eventsInPeriod, k.quiet]),
    ).toEqual([
      ["Bob Quiet", "2026-03-01", 30, 0, true],
      ["Dana Lee", TODAY, 0, 5, false],
      ["Nina Never", null, null, 0, false],
      ["Val Vip", null, null, 0, false],
    ]);
    expect(u.keyPlayers.find((k) => k.name === "Dana Lee")).toMatchObject({ decisionRole: "champion" });
  });

  it("7d and 90d periods compare with the period just before", async () => {
    const week = await getAccountUsage(ctx, id.acme as string, "7d", TODAY);
    expect(week).toMatchObject({
      from: "2026-03-25",
      activeUsers: { current: 3, previous: 0, change: null },
      events: { current: 11, previous: 100 },
      mau: 4,
      breadth: { used: 1, defined: 3 },
    });
    expect(week.events.change).toBeCloseTo(-0.89);
    expect(week.series).toHaveLength(7);
    expect(week.keyPlayers.find((k) => k.name === "Dana Lee")?.eventsInPeriod).toBe(5);
    const quarter = await getAccountUsage(ctx, id.acme as string, "90d", TODAY);
    expect(quarter).toMatchObject({
      from: "2026-01-01",
      activeUsers: { current: 5, previous: 0, change: null },
      events: { current: 124, previous: 0, change: null },
    });
    expect(quarter.series).toHaveLength(90);
  });

  it("quiet: silent for the threshold, never active once old enough, never when churned", async () => {
    const q = async (key: string) => getAccountUsage(ctx, id[key] as string, "30d", TODAY);
    expect(await q("quietco")).toMatchObject({
      lastActiveOn: "2026-03-10",
      daysSinceActive: 21,
      quiet: true,
    });
    expect(await q("newbie")).toMatchObject({ lastActiveOn: null, daysSinceActive: null, quiet: true });
    expect(await q("fresh")).toMatchObject({ lastActiveOn: null, quiet: false });
    const churned = await q("churned");
    expect(churned).toMatchObject({ lastActiveOn: "2026-02-20", daysSinceActive: 39, quiet: false });
    // Nor are the key players of a churned account.
    expect(churned.keyPlayers).toMatchObject([{ name: "Gil Gone", daysSinceActive: 39, quiet: false }]);
    const none = await q("newbie");
    expect(none).toMatchObject({ dau: 0, mau: 0, seats: null, utilization: null, depth: { current: null } });
  });

  it("is not found for another workspace's account or an unknown one", async () => {
    const other = await makeWorkspace(database.db, "adoption-other");
    await expect(getAccountUsage(other.ctx, id.acme as string, "30d", TODAY)).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(getAccountUsage(ctx, newId(), "30d", TODAY)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("without key features, breadth is undefined and depth counts every use", async () => {
    const ws = await makeWorkspace(database.db, "adoption-nokeys");
    const x = await makeAccount(ws.ctx, { name: "X" });
    await recordUses(database.db, ws.ctx.workspaceId, [
      { accountId: x.id, day: "2026-03-30", event: "login", events: 4, user: "a" },
      { accountId: x.id, day: "2026-03-30", event: "search", events: 2, user: "b" },
      { accountId: x.id, day: "2026-03-01", event: "login", events: 1, user: "a" },
    ]);
    const u = await getAccountUsage(ws.ctx, x.id, "30d", TODAY);
    expect(u.breadth).toEqual({ used: 0, defined: 0, ratio: null, previousRatio: null });
    expect(u.depth).toEqual({ current: 3, previous: 1, change: 2 });
    // Churned from here on, so the detection below has nothing to say about this workspace.
    await database.db.execute(sql`update accounts set lifecycle_stage = 'churned' where id = ${x.id}`);
  });
});

describe("overview", () => {
  it("workspace trends, engagement rankings, feature adoption and series", async () => {
    const o = ZUsageOverview.parse(await getUsageOverview(ctx, "30d", TODAY));
    expect(o).toMatchObject({
      from: "2026-03-02",
      to: TODAY,
      activeAccounts: { current: 2, previous: 2, change: 0 },
      activeUsers: { current: 4, previous: 3 },
      events: { current: 118, previous: 10 },
      accountsWithUsage: 2,
      accountsTotal: 4,
    });
    expect(o.activeUsers.change).toBeCloseTo(4 / 3 - 1);
    expect(o.events.change).toBeCloseTo(118 / 10 - 1);
    expect(o.mostEngaged.map((a) => a.name)).toEqual(["Acme", "Quietco", "Fresh", "Newbie"]);
    expect(o.leastEngaged.map((a) => a.name)).toEqual(["Fresh", "Newbie", "Quietco", "Acme"]);
    expect(o.mostEngaged[0]).toMatchObject({
      accountId: id.acme,
      activeUsers: 4,
      previousActiveUsers: 2,
      events: 115,
      seats: 15,
      lastActiveOn: TODAY,
    });
    expect(o.mostEngaged[0]?.utilization).toBeCloseTo(4 / 15);
    expect(o.mostEngaged[1]).toMatchObject({
      activeUsers: 2,
      previousActiveUsers: 0,
      events: 3,
      seats: null,
    });
    expect(o.features).toEqual([
      feature("api_call", { accounts: 1, accountShare: 0.5, events: 100, lastUsedOn: "2026-03-20" }),
      feature("report", {
        name: "Reports",
        key: true,
        accounts: 1,
        accountShare: 0.5,
        users: 2,
        events: 8,
        lastUsedOn: TODAY,
      }),
      feature("login", {
        accounts: 2,
        accountShare: 1,
        users: 3,
        events: 6,
        previousEvents: 4,
        lastUsedOn: TODAY,
      }),
      feature("export", {
        key: true,
        accounts: 1,
        accountShare: 0.5,
        users: 1,
        events: 4,
        previousEvents: 6,
        lastUsedOn: "2026-03-10",
      }),
      feature("invite", { name: "Invite a colleague", key: true }),
    ]);
    const on = (day: string) => o.series.find((p) => p.day === day);
    expect(o.series).toHaveLength(30);
    expect(on(TODAY)).toEqual({ day: TODAY, activeUsers: 2, events: 6 });
    // u4 in two accounts on 03-10 is one user that day.
    expect(on("2026-03-10")).toEqual({ day: "2026-03-10", activeUsers: 2, events: 7 });
    expect(on("2026-03-15")).toEqual({ day: "2026-03-15", activeUsers: 0, events: 0 });
  });
});

const feature = (event: string, over: Partial<Record<string, unknown>>) => ({
  event,
  name: event,
  key: false,
  accounts: 0,
  accountShare: 0,
  users: 0,
  events: 0,
  previousEvents: 0,
  lastUsedOn: null,
  ...over,
});

describe("quiet list", () => {
  const walk = async (query: { kind?: "account" | "key_player"; days?: number }, limit = 50) => {
    const rows = [];
    let cursor: string | undefined;
    do {
      const page = await findQuiet(ctx, { limit, cursor, ...query }, TODAY);
      rows.push(...page.data.map((r) => ZQuietAccount.parse(r)));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return rows;
  };

  it("lists quiet accounts and key players, longest silence first, never-active first", async () => {
    const rows = await walk({});
    expect(rows.map((r) => [r.kind, r.accountName, r.contactName, r.daysSinceActive])).toEqual([
      ["account", "Newbie", null, null],
      ["key_player", "Acme", "Bob Quiet", 30],
      ["account", "Quietco", null, 21],
    ]);
    expect(rows[1]).toMatchObject({ contactId: id.bob, ownerName: "Owner", lastActiveOn: "2026-03-01" });
    expect(rows[2]).toMatchObject({ accountId: id.quietco, contactId: null, ownerName: "Owner" });
    expect(rows[0]?.ownerName).toBeNull();
  });

  it("pages through the same rows one at a time", async () => {
    expect((await walk({}, 1)).map((r) => r.accountName)).toEqual(["Newbie", "Acme", "Quietco"]);
  });

  it("filters by kind, and `days` overrides both thresholds", async () => {
    expect((await walk({ kind: "account" })).map((r) => r.accountName)).toEqual(["Newbie", "Quietco"]);
    expect((await walk({ kind: "key_player" })).map((r) => r.contactName)).toEqual(["Bob Quiet"]);
    expect((await walk({ days: 30 })).map((r) => r.contactName ?? r.accountName)).toEqual([
      "Newbie",
      "Bob Quiet",
    ]);
    expect((await walk({ days: 31 })).map((r) => r.accountName)).toEqual([]);
    // Fresh is 6 days old; the two never-active accounts tie, so only their place is certain.
    const six = (await walk({ days: 6 })).map((r) => r.contactName ?? r.accountName);
    expect([...six.slice(0, 2)].sort()).toEqual(["Fresh", "Newbie"]);
    expect(six.slice(2)).toEqual(["Bob Quiet", "Quietco"]);
  });

  it("follows the workspace's settings", async () => {
    await updateUsageSettings(ctx, { quietDays: 22, keyPlayerQuietDays: 31 });
    expect((await walk({})).map((r) => r.accountName)).toEqual(["Newbie"]);
    await updateUsageSettings(ctx, { quietDays: 14, keyPlayerQuietDays: 21 });
  });

  it("never lists a never-active account of a workspace without any usage data", async () => {
    const ws = await makeWorkspace(database.db, "adoption-nousage");
    const old = await makeAccount(ws.ctx, { name: "Old" });
    await setCreated(old.id, "2025-01-01");
    expect((await findQuiet(ws.ctx, { limit: 50 }, TODAY)).data).toEqual([]);
  });
});

describe("settings and features", () => {
  it("answers the defaults until changed, then only the fields given; an empty patch changes nothing", async () => {
    const ws = await makeWorkspace(database.db, "adoption-settings");
    expect(await getUsageSettings(ws.ctx)).toEqual({ quietDays: 14, keyPlayerQuietDays: 21 });
    expect(await updateUsageSettings(ws.ctx, {})).toEqual({ quietDays: 14, keyPlayerQuietDays: 21 });
    expect(await updateUsageSettings(ws.ctx, { keyPlayerQuietDays: 40 })).toEqual({
      quietDays: 14,
      keyPlayerQuietDays: 40,
    });
    expect(await updateUsageSettings(ws.ctx, { quietDays: 7 })).toEqual({
      quietDays: 7,
      keyPlayerQuietDays: 40,
    });
    const audit = await queryRows<{ action: string }>(
      database.db,
      sql`select action from audit_log where workspace_id = ${ws.ctx.workspaceId} and action like 'usage%'`,
    );
    expect(audit.map((a) => a.action)).toEqual(["usage_settings.update", "usage_settings.update"]);
  });

  it("lists events seen in 90 days and defined features, with uses in the last 30 days", async () => {
    const { data } = await listUsageFeatures(ctx, TODAY);
    expect(data).toEqual([
      { event: "api_call", name: "api_call", key: false, defined: false, eventsLast30d: 100 },
      { event: "report", name: "Reports", key: true, defined: true, eventsLast30d: 8 },
      { event: "login", name: "login", key: false, defined: false, eventsLast30d: 6 },
      { event: "export", name: "export", key: true, defined: true, eventsLast30d: 4 },
      { event: "invite", name: "Invite a colleague", key: true, defined: true, eventsLast30d: 0 },
    ]);
  });

  it("updates a feature's name or key flag alone, and defines events never seen", async () => {
    expect(await updateUsageFeature(ctx, "report", { key: false })).toMatchObject({
      name: "Reports",
      key: false,
      defined: true,
    });
    expect(await updateUsageFeature(ctx, "report", { key: true })).toMatchObject({
      name: "Reports",
      key: true,
    });
    const long = `billing.${"x".repeat(192)}`;
    expect(await updateUsageFeature(ctx, long, {})).toEqual({
      event: long,
      name: long,
      key: false,
      defined: true,
      eventsLast30d: 0,
    });
    await database.db.execute(sql`delete from usage_features where event = ${long}`);
  });
});

describe("detectNonUsage", () => {
  const usageEntries = () =>
    queryRows<{ accountId: string; contactId: string | null; title: string; body: string }>(
      database.db,
      sql`select account_id as "accountId", contact_id as "contactId", title, body from timeline_entries
          where kind = 'usage' order by occurred_at, title`,
    );

  it("records each quiet account and key player once, and nothing on a second run", async () => {
    expect(await detectNonUsage(database.db, TODAY)).toEqual({ accounts: 2, keyPlayers: 1 });
    const entries = await usageEntries();
    expect(entries.map((e) => [e.accountId, e.contactId, e.title, e.body])).toEqual([
      [
        id.acme,
        id.bob,
        "Bob Quiet (economic buyer) has been quiet for 30 days",
        "Last product activity on 2026-03-01.",
      ],
      [id.quietco, null, "No product activity for 21 days", "Last product activity on 2026-03-10."],
      [
        id.newbie,
        null,
        "No product activity yet",
        "No product activity recorded since the account was created on 2026-03-01.",
      ],
    ]);
    expect(await detectNonUsage(database.db, TODAY)).toEqual({ accounts: 0, keyPlayers: 0 });
    const timeline = await listTimeline(ctx, id.quietco as string, { limit: 10, kind: ["usage"] });
    expect(timeline.data).toHaveLength(1);
    const entry = ZTimelineEntry.parse(timeline.data[0]);
    expect(entry.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(entry.occurredAt.slice(0, 10)).toBe(TODAY);
    expect(entry.authorId).toBeNull();
  });

  it("records a new silence after renewed activity, not the old one again", async () => {
    await recordUses(database.db, ctx.workspaceId, [
      { accountId: id.quietco as string, day: "2026-04-02", event: "login", events: 1, user: "b2" },
    ]);
    // 04-10: only Fresh, never active and now 16 days old.
    expect(await detectNonUsage(database.db, "2026-04-10")).toEqual({ accounts: 1, keyPlayers: 0 });
    // 04-16: Quietco silent 14 days since 04-02, Acme 16 days since 03-31; Bob still has his entry.
    expect(await detectNonUsage(database.db, "2026-04-16")).toEqual({ accounts: 2, keyPlayers: 0 });
    const titles = (await usageEntries()).filter((e) => e.accountId === id.quietco).map((e) => e.title);
    expect(titles).toEqual(["No product activity for 21 days", "No product activity for 14 days"]);
    expect(await detectNonUsage(database.db, "2026-04-16")).toEqual({ accounts: 0, keyPlayers: 0 });
    // Dana goes quiet 21 days after 03-31.
    expect(await detectNonUsage(database.db, "2026-04-21")).toEqual({ accounts: 0, keyPlayers: 1 });
  });
});
