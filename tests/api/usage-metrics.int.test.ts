import type { LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type {
  Account,
  AccountUsage,
  QuietAccount,
  UsageFeature,
  UsageOverview,
} from "../../src/contract/index.ts";
import { recordUses } from "../factories/usage-rollups.ts";
import { type Caller, createTestApp, type TestApp, type TestWorkspace } from "../helpers/test-app.ts";

/** Adoption routes through the app: access rules, validation, and answers that match the contract. */
let t: TestApp;
let ws: TestWorkspace;
let other: TestWorkspace;
const callers: Record<"admin" | "member" | "viewer" | "otherOwner", Caller> = {} as never;
let accountId: string;

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
const errorOf = (res: LightMyRequestResponse) => res.json<{ error: { code: string } }>().error;

beforeAll(async () => {
  t = await createTestApp();
  ws = await t.workspace("usage-api");
  other = await t.workspace("usage-api-other");
  callers.admin = await t.signIn(ws.users.admin.email);
  callers.member = await t.signIn(ws.users.member.email);
  callers.viewer = await t.signIn(ws.users.viewer.email);
  callers.otherOwner = await t.signIn(other.users.owner.email);
  const res = await t.request(callers.member, "POST", "/api/v1/accounts", { name: "Acme" });
  accountId = res.json<Account>().id;
  await recordUses(t.database.db, ws.id, [
    { accountId, day: day(0), event: "login", events: 3, user: "u1" },
    { accountId, day: day(-1), event: "report.run", events: 2, user: "u2" },
    { accountId, day: day(-40), event: "login", events: 1, user: "u1" },
  ]);
}, 60_000);

afterAll(async () => {
  await t?.close();
});

describe("account usage", () => {
  it("answers the account's metrics to a viewer, 30 days by default", async () => {
    const res = await t.request(callers.viewer, "GET", `/api/v1/accounts/${accountId}/usage`);
    expect(res.statusCode, res.body).toBe(200);
    const u = res.json<AccountUsage>();
    expect(u).toMatchObject({
      period: "30d",
      to: day(0),
      dau: 1,
      mau: 2,
      activeUsers: { current: 2, previous: 1, change: 1 },
      events: { current: 5, previous: 1, change: 4 },
      lastActiveOn: day(0),
      quiet: false,
    });
    expect(u.series).toHaveLength(30);
    const week = await t.request(callers.viewer, "GET", `/api/v1/accounts/${accountId}/usage?period=7d`);
    expect(week.json<AccountUsage>()).toMatchObject({ period: "7d", from: day(-6) });
  });

  it("refuses a period other than 7d, 30d or 90d", async () => {
    for (const period of ["1y", "30", "", "30D"]) {
      const res = await t.request(
        callers.viewer,
        "GET",
        `/api/v1/accounts/${accountId}/usage?period=${period}`,
      );
      expect(res.statusCode, period).toBe(400);
      expect(errorOf(res).code).toBe("VALIDATION_FAILED");
    }
    const extra = await t.request(
      callers.viewer,
      "GET",
      `/api/v1/accounts/${accountId}/usage?from=2026-01-01`,
    );
    expect(extra.statusCode).toBe(400);
    expect((await t.request(callers.viewer, "GET", "/api/v1/usage/overview?period=week")).statusCode).toBe(
      400,
    );
  });

  it("is a 404 for another workspace's account, never its figures", async () => {
    const res = await t.request(callers.otherOwner, "GET", `/api/v1/accounts/${accountId}/usage`);
    expect(res.statusCode).toBe(404);
    expect(errorOf(res).code).toBe("NOT_FOUND");
    expect(res.body).not.toContain("login");
  });
});

describe("overview, quiet list and features", () => {
  it("answers the workspace overview, and nothing of it to another workspace", async () => {
    const mine = (
      await t.request(callers.viewer, "GET", "/api/v1/usage/overview?period=90d")
    ).json<UsageOverview>();
    expect(mine).toMatchObject({ period: "90d", accountsTotal: 1, accountsWithUsage: 1 });
    expect(mine.events.current).toBe(6);
    const theirs = await t.request(callers.otherOwner, "GET", "/api/v1/usage/overview");
    expect(theirs.json<UsageOverview>()).toMatchObject({ accountsTotal: 0, features: [], mostEngaged: [] });
  });

  it("lists quiet accounts with `days`, validating kind and days", async () => {
    const quiet = await t.request(callers.viewer, "GET", "/api/v1/usage/quiet?days=1&limit=10");
    expect(quiet.statusCode).toBe(200);
    expect(quiet.json<{ data: QuietAccount[] }>().data).toEqual([]);
    for (const q of ["kind=contact", "days=0", "days=366", "days=x", "limit=0"]) {
      expect((await t.request(callers.viewer, "GET", `/api/v1/usage/quiet?${q}`)).statusCode, q).toBe(400);
    }
  });

  it("lets an admin name a feature, even one never seen, and refuses members and bad input", async () => {
    const url = `/api/v1/usage/features/${encodeURIComponent("report.run")}`;
    const res = await t.request(callers.admin, "PUT", url, { name: "Run a report", key: true });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<UsageFeature>()).toEqual({
      event: "report.run",
      name: "Run a report",
      key: true,
      defined: true,
      eventsLast30d: 2,
    });
    const unseen = await t.request(
      callers.admin,
      "PUT",
      `/api/v1/usage/features/${encodeURIComponent("Seat Added")}`,
      {},
    );
    expect(unseen.json<UsageFeature>()).toMatchObject({
      event: "Seat Added",
      name: "Seat Added",
      key: false,
    });
    const list = (await t.request(callers.viewer, "GET", "/api/v1/usage/features")).json<{
      data: UsageFeature[];
    }>();
    expect(list.data.map((f) => [f.event, f.defined])).toEqual([
      ["login", false],
      ["report.run", true],
      ["Seat Added", true],
    ]);
    expect((await t.request(callers.member, "PUT", url, { key: false })).statusCode).toBe(403);
    expect((await t.request(callers.admin, "PUT", url, { key: "yes" })).statusCode).toBe(400);
    expect((await t.request(callers.admin, "PUT", url, { owner: "me" })).statusCode).toBe(400);
    const long = await t.request(callers.admin, "PUT", `/api/v1/usage/features/${"e".repeat(201)}`, {});
    expect(long.statusCode).toBe(400);
  });
});

describe("settings", () => {
  it("answers the defaults, lets an admin patch them, and refuses a viewer with 403", async () => {
    const get = () => t.request(callers.viewer, "GET", "/api/v1/usage/settings");
    expect((await get()).json()).toEqual({ quietDays: 14, keyPlayerQuietDays: 21 });
    const patched = await t.request(callers.admin, "PATCH", "/api/v1/usage/settings", { quietDays: 30 });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(patched.json()).toEqual({ quietDays: 30, keyPlayerQuietDays: 21 });
    expect((await t.request(callers.admin, "PATCH", "/api/v1/usage/settings", {})).json()).toEqual({
      quietDays: 30,
      keyPlayerQuietDays: 21,
    });
    const viewer = await t.request(callers.viewer, "PATCH", "/api/v1/usage/settings", { quietDays: 1 });
    expect(viewer.statusCode).toBe(403);
    expect(errorOf(viewer).code).toBe("FORBIDDEN");
    expect(
      (await t.request(callers.member, "PATCH", "/api/v1/usage/settings", { quietDays: 1 })).statusCode,
    ).toBe(403);
    for (const body of [{ quietDays: 0 }, { quietDays: 366 }, { quietDays: 1.5 }, { quiet: 3 }]) {
      const res = await t.request(callers.admin, "PATCH", "/api/v1/usage/settings", body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
    }
    expect((await get()).json()).toEqual({ quietDays: 30, keyPlayerQuietDays: 21 });
    // Another workspace keeps its own defaults.
    const theirs = await t.request(callers.otherOwner, "GET", "/api/v1/usage/settings");
    expect(theirs.json()).toEqual({ quietDays: 14, keyPlayerQuietDays: 21 });
    const audit = await t.request(callers.admin, "GET", "/api/v1/audit-log?action=usage_settings.update");
    expect(audit.json<{ data: unknown[] }>().data).toHaveLength(1);
  });
});
