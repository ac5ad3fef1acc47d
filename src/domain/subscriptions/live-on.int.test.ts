import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeAccount, makeSubscription, makeWorkspace } from "../../../tests/factories/index.ts";
import { createTestDb } from "../../../tests/helpers/test-db.ts";
import { addDays, utcToday } from "../../common/dates.ts";
import { SUBSCRIPTION_STATUSES } from "../../contract/subscriptions.ts";
import { type Database, queryRows } from "../../db/index.ts";
import { getAccount } from "../accounts/index.ts";
import type { Ctx } from "../context.ts";
import { liveOn } from "./subscription.queries.ts";
import { isLiveOn } from "./subscription.rules.ts";

/** The SQL fragment and the pure rule are one definition: they must agree on every case. */
let database: Database;
let ctx: Ctx;

beforeAll(async () => {
  database = await createTestDb();
  ctx = (await makeWorkspace(database.db, "live-on")).ctx;
});

afterAll(async () => {
  await database?.close();
});

describe("liveOn", () => {
  it("agrees with isLiveOn for every status, around the start and end dates", async () => {
    const a = await makeAccount(ctx, { name: "Grid Co" });
    const D = "2026-06-15";
    for (const status of SUBSCRIPTION_STATUSES)
      for (const startDate of [addDays(D, -1), D, addDays(D, 1)])
        for (const endDate of [null, addDays(D, -1), D, addDays(D, 1), addDays(D, 30)]) {
          if (endDate && endDate < startDate) continue;
          await makeSubscription(ctx, a.id, { status, startDate, endDate, renewalDate: null });
        }
    const days = [addDays(D, -1), D, addDays(D, 1)];
    const rows = await queryRows<{
      day: string;
      startDate: string;
      endDate: string | null;
      status: string;
      live: boolean;
      fromString: boolean;
    }>(
      database.db,
      sql`select d.day::text as day, s.start_date::text as "startDate", s.end_date::text as "endDate",
            s.status, ${liveOn("s", sql`d.day`)} as live, ${liveOn("s", D)} as "fromString"
          from unnest(${sql.param(days)}::date[]) as d(day)
          join subscriptions s on s.workspace_id = ${ctx.workspaceId} and s.account_id = ${a.id}`,
    );
    expect(rows.length).toBeGreaterThan(100);
    for (const r of rows) {
      const label = `${r.status} ${r.startDate}…${r.endDate ?? "open"} on ${r.day}`;
      // Never null (so `not liveOn(...)` and bool_and over it are safe), and the rule's answer.
      expect(r.live, label).toBe(isLiveOn(r, r.day));
      expect(r.fromString, label).toBe(isLiveOn(r, D));
    }
    // Both answers occur for an open-ended subscription and for one past its end date.
    expect(rows.filter((r) => r.live).length).toBeGreaterThan(0);
    expect(rows.filter((r) => !r.live).length).toBeGreaterThan(0);
  });
});

describe("account MRR", () => {
  it("counts a subscription canceled at the end of its term until its end date, included", async () => {
    const today = utcToday();
    const a = await makeAccount(ctx, { name: "Notice Co" });
    const base = { startDate: addDays(today, -200), renewalDate: null, status: "canceled" as const };
    await makeSubscription(ctx, a.id, { ...base, mrrMinor: 1_000, endDate: addDays(today, 30) });
    await makeSubscription(ctx, a.id, { ...base, mrrMinor: 200, endDate: today });
    await makeSubscription(ctx, a.id, { ...base, mrrMinor: 30, endDate: addDays(today, -1) });
    await makeSubscription(ctx, a.id, { ...base, mrrMinor: 4, endDate: null });
    // Paid up to its end date: counted, as health and the churn model count it.
    expect((await getAccount(ctx, a.id)).mrrMinor).toBe(1_200);
  });
});
