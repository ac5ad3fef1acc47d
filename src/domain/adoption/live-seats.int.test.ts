import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeAccount, makeSubscription, makeWorkspace } from "../../../tests/factories/index.ts";
import { createTestDb } from "../../../tests/helpers/test-db.ts";
import type { Database } from "../../db/index.ts";
import type { Ctx } from "../context.ts";
import { getAccountUsage, getUsageOverview } from "./index.ts";

/**
 * Seats count the subscriptions live on the day, as MRR and health do: a subscription canceled at
 * the end of its term still licenses its seats until its end date, included.
 */
const TODAY = "2026-03-31";

let database: Database;
let ctx: Ctx;
let accountId: string;

beforeAll(async () => {
  database = await createTestDb();
  ctx = (await makeWorkspace(database.db, "live-seats")).ctx;
  accountId = (await makeAccount(ctx, { name: "Notice Co" })).id;
  const sub = (seats: number, status: "active" | "canceled", endDate: string | null) =>
    makeSubscription(ctx, accountId, { seats, status, startDate: "2025-01-01", endDate, renewalDate: null });
  await sub(10, "active", null);
  await sub(4, "canceled", "2026-04-30"); // notice given, paid to the end of April
  await sub(2, "active", TODAY); // its last day
  await sub(100, "canceled", "2026-03-30"); // over yesterday
  await sub(1_000, "canceled", null); // canceled without a date: over now
});

afterAll(async () => {
  await database?.close();
});

describe("seats of live subscriptions", () => {
  it("on the account's usage page", async () => {
    expect((await getAccountUsage(ctx, accountId, "30d", TODAY)).seats).toBe(16);
  });

  it("in the workspace overview", async () => {
    const o = await getUsageOverview(ctx, "30d", TODAY);
    expect([...o.mostEngaged, ...o.leastEngaged].find((a) => a.accountId === accountId)?.seats).toBe(16);
  });
});
