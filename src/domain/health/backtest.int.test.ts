import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { makeWorkspace } from "../../../tests/factories/index.ts";
import { createTestDb } from "../../../tests/helpers/test-db.ts";
import { addDays, utcToday } from "../../common/dates.ts";
import { type Database, queryRows } from "../../db/index.ts";
import { createAccount } from "../accounts/index.ts";
import type { Ctx } from "../context.ts";
import { createSubscription } from "../subscriptions/index.ts";

import { getBacktest, listHealthModels, startBacktest, updateHealthModel } from "./index.ts";

let database: Database;
let ctx: Ctx;
let digital: string;
const today = utcToday();

/** 8 users a day in the account from `fromAgo` to `toAgo` days ago, straight into the rollups. */
async function activity(accountId: string, fromAgo: number, toAgo: number) {
  await database.db.execute(sql`
    insert into usage_user_days (workspace_id, account_id, day, user_key, events)
    select ${ctx.workspaceId}, ${accountId}, d::date, 'u' || u, 3
    from generate_series(${addDays(today, -fromAgo)}::date, ${addDays(today, -toAgo)}::date, interval '1 day') d,
         generate_series(1, 8) u`);
  await database.db.execute(sql`
    insert into usage_account_event_days (workspace_id, account_id, day, event, events, users)
    select ${ctx.workspaceId}, ${accountId}, d::date, 'Report', 24, 8
    from generate_series(${addDays(today, -fromAgo)}::date, ${addDays(today, -toAgo)}::date, interval '1 day') d`);
}

async function customer(name: string, endAgo: number | null) {
  const a = await createAccount(ctx, { name });
  await createSubscription(ctx, {
    accountId: a.id,
    product: "Core",
    mrrMinor: 100_000,
    seats: 10,
    startDate: addDays(today, -400),
    ...(endAgo === null ? { status: "active" } : { status: "canceled", endDate: addDays(today, -endAgo) }),
  });
  return a.id;
}

async function finished(id: string) {
  await vi.waitFor(
    async () => {
      expect((await getBacktest(ctx, id)).status).toMatch(/done|failed/);
    },
    { timeout: 20_000, interval: 100 },
  );
  return getBacktest(ctx, id);
}

beforeAll(async () => {
  database = await createTestDb();
  ctx = (await makeWorkspace(database.db, { slug: "backtest", name: "Backtest", withOwner: false })).system;
  // Three healthy customers, and three whose use stops 170 days ago before they leave 60 days ago.
  for (const n of [1, 2, 3]) await activity(await customer(`Healthy ${n}`, null), 250, 0);
  for (const n of [1, 2, 3]) await activity(await customer(`Leaving ${n}`, 60), 250, 170);
  digital = (await listHealthModels(ctx)).find((m) => m.name === "Digital")?.id as string;
}, 60_000);

afterAll(async () => {
  await database?.close();
});

describe("backtests", () => {
  it("scores past dates and shows the usage decline predicting the churn", async () => {
    const queued = await startBacktest(ctx, digital, {
      horizonDays: 90,
      everyDays: 14,
      from: addDays(today, -180),
    });
    expect(queued).toMatchObject({ status: "queued", versionStatus: "published", modelVersion: 1 });
    expect(queued.params).toEqual({
      horizonDays: 90,
      everyDays: 14,
      from: addDays(today, -180),
      to: addDays(today, -90),
      onboardingDays: 30,
    });
    const done = await finished(queued.id);
    expect(done.status).toBe("done");
    const r = done.result;
    if (!r) throw new Error("no result");
    // Dates every 14 days back from −90 down to −180: −174, −160 … −90 (7), six customers each.
    expect(r.dates).toBe(7);
    expect(r.observations).toBe(42);
    // A leaver is positive on dates whose next 90 days include its end (−60): −146 … −90, five dates.
    expect(r.churned).toBe(15);
    expect(r.contracted).toBe(0);
    expect(r.accounts).toBe(6);
    expect(r.notEnoughData).toBe(0);
    expect(r.auc).toBeGreaterThan(0.8);
    const poor = r.bands.find((b) => b.band === "poor");
    const good = r.bands.find((b) => b.band === "good");
    // Leavers turn poor once their silence shows (the last four dates), and every one of those
    // is followed by churn; the healthy customers, all good, never leave.
    expect(poor).toMatchObject({ observations: 12, positives: 12, rate: 1 });
    expect(good).toMatchObject({ positives: 0, rate: 0, lift: 0 });
    expect((poor?.lift ?? 0) > (good?.lift ?? 0)).toBe(true);
    const recency = r.measures.find((m) => m.key === "days_since_last_activity");
    expect(recency?.coverage).toBe(1);
    expect(recency?.auc).toBeGreaterThan(0.8);
    expect(r.roc.at(0)).toEqual({ fpr: 0, tpr: 0 });
    expect(r.live).toBeNull();
  });

  it("tests a draft against the published version over the same dates", async () => {
    const model = (await listHealthModels(ctx)).find((m) => m.id === digital);
    const definition = model?.published?.definition;
    if (!definition) throw new Error("no definition");
    // A draft with the adoption group alone, tested against the published version.
    await updateHealthModel(ctx, digital, {
      definition: {
        ...definition,
        groups: definition.groups.slice(0, 1),
      },
    });
    const queued = await startBacktest(ctx, digital, { from: addDays(today, -180) });
    expect(queued).toMatchObject({ versionStatus: "draft", modelVersion: 2 });
    const done = await finished(queued.id);
    expect(done.result?.live).toMatchObject({ version: 1, observations: 42 });
    expect(done.result?.live?.auc).toBeGreaterThan(0.8);
  });

  it("refuses dates whose outcome is not known yet, and a version that does not exist", async () => {
    await expect(startBacktest(ctx, digital, { to: addDays(today, -10) })).rejects.toMatchObject({
      code: "VALIDATION_FAILED",
    });
    await expect(startBacktest(ctx, digital, { horizonDays: 5 })).rejects.toThrow();
    // Nothing was queued for them.
    const rows = await queryRows<{ n: number }>(
      database.db,
      sql`select count(*)::int as n from health_backtests`,
    );
    expect(rows[0]?.n).toBe(2);
  });

  it("by default scores from where the usage history has a full 30-day window, not a year back", async () => {
    // Usage starts 250 days ago: a year before today − 90 would score 110 days of nobody using anything.
    const queued = await startBacktest(ctx, digital, { version: "published" });
    expect(queued.params).toMatchObject({ from: addDays(today, -220), to: addDays(today, -90) });
    await finished(queued.id);
  });

  it("says in plain words what differs from another run, and flags a measure pointing the wrong way", async () => {
    const model = (await listHealthModels(ctx)).find((m) => m.id === digital);
    const definition = model?.published?.definition;
    if (!definition) throw new Error("no definition");
    // Recency turned upside down: long silences score well.
    const groups = definition.groups.map((g) => ({
      ...g,
      measures: g.measures.map((m) =>
        m.key === "days_since_last_activity"
          ? { ...m, rule: { kind: "thresholds" as const, good: 14, poor: 3 } }
          : m,
      ),
    }));
    await updateHealthModel(ctx, digital, { definition: { ...definition, groups } });
    const first = await finished(
      (await startBacktest(ctx, digital, { version: "published", from: addDays(today, -180) })).id,
    );
    const second = await finished(
      (
        await startBacktest(ctx, digital, {
          horizonDays: 60,
          everyDays: 7,
          from: addDays(today, -150),
          to: addDays(today, -94),
        })
      ).id,
    );
    const recency = second.result?.measures.find((m) => m.key === "days_since_last_activity");
    expect(recency?.auc).toBeLessThan(0.5);
    expect(recency?.inverted).toBe(true);
    expect(second.result?.measures.filter((m) => m.inverted).map((m) => m.key)).toEqual([
      "days_since_last_activity",
    ]);
    // Compared with the latest run before it unless told which.
    expect(second.comparison?.backtestId).toBe(first.id);
    const differences = second.comparison?.differences ?? [];
    expect(differences[0]).toMatch(/^This run tests version 2; the other tested version 1\.$/);
    expect(differences).toContain(
      `This run scored 9 dates every 7 days from ${addDays(today, -150)} to ${addDays(today, -94)}; the other 7 dates every 14 days from ${addDays(today, -180)} to ${addDays(today, -90)}.`,
    );
    expect(differences).toContain(
      "This run counts churn or contraction within 60 days of each date; the other within 90.",
    );
    expect(differences.some((d) => d.startsWith("This run observed 6 accounts, 54 observations"))).toBe(true);
    const back = await getBacktest(ctx, first.id, second.id);
    expect(back.comparison?.backtestId).toBe(second.id);
    await expect(getBacktest(ctx, first.id, first.id)).rejects.toMatchObject({ code: "VALIDATION_FAILED" });
  });
});
