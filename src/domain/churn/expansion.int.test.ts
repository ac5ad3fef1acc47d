import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeAccount, makeSubscription, makeWorkspace } from "../../../tests/factories/index.ts";
import { recordUses } from "../../../tests/factories/usage-rollups.ts";
import { createTestDb } from "../../../tests/helpers/test-db.ts";
import type { Database } from "../../db/index.ts";
import type { Ctx } from "../context.ts";
import { buildScoringSet, buildTrainingSet, type TrainingSet } from "./index.ts";

/**
 * Expansion labels from subscriptions, worked out by hand, on a set taken on 2026-06-30: an
 * account expanded when a later paid subscription took its live MRR above what its first paid
 * subscriptions brought in; it is described on the day before.
 */
const AS_OF = "2026-06-30";

let database: Database;
let ctx: Ctx;
const id: Record<string, string> = {};

type Sub = Parameters<typeof makeSubscription>[2];
const paid = (startDate: string, mrrMinor: number, more: Sub = {}): Sub => ({
  startDate,
  mrrMinor,
  endDate: null,
  status: "active",
  seats: 10,
  ...more,
});
const ended = (startDate: string, endDate: string, mrrMinor: number): Sub =>
  paid(startDate, mrrMinor, { endDate, status: "canceled" });

const row = (set: TrainingSet, name: string) => set.rows.find((r) => r.accountId === id[name]);
const value = (set: TrainingSet, name: string, key: string) =>
  row(set, name)?.values[set.columns.findIndex((c) => c.key === key)];

beforeAll(async () => {
  database = await createTestDb();
  ctx = (await makeWorkspace(database.db, "expansion-labels")).ctx;
  const account = async (name: string, ...subs: Sub[]) => {
    id[name] = (await makeAccount(ctx, { name })).id;
    for (const s of subs) await makeSubscription(ctx, id[name] as string, s);
  };
  await account("Upgraded", ended("2025-01-01", "2025-09-01", 10_000), paid("2025-09-01", 15_000));
  await account("AddOn", paid("2025-01-01", 10_000), paid("2025-06-01", 2_000, { seats: null }));
  await account("Contracted", ended("2025-01-01", "2026-01-01", 10_000), paid("2026-01-01", 6_000));
  await account("SameAgain", ended("2025-01-01", "2025-09-01", 10_000), paid("2025-09-01", 10_000));
  await account(
    "TrialThenPaid",
    { ...ended("2025-01-01", "2025-01-31", 0), status: "expired" },
    paid("2025-02-01", 5_000),
  );
  await account("TrialOnly", { ...paid("2026-06-01", 0), endDate: "2026-07-01", status: "trial" });
  await account("Churned", ended("2025-01-01", "2026-03-31", 5_000));
  await account(
    "GrewThenLeft",
    ended("2025-01-01", "2026-02-28", 10_000),
    ended("2025-06-01", "2026-02-28", 2_000),
  );
  await account("GrowsLater", paid("2025-01-01", 10_000), paid("2026-08-01", 5_000));
  await recordUses(database.db, ctx.workspaceId, [
    { accountId: id.AddOn as string, day: "2025-05-20", event: "Report Viewed", events: 4, user: "u1" },
    // After it expanded: not read for the expansion set.
    { accountId: id.AddOn as string, day: "2025-06-10", event: "Report Viewed", events: 40, user: "u2" },
  ]);
});

afterAll(async () => {
  await database?.close();
});

describe("buildTrainingSet with kind expansion", () => {
  it("labels accounts whose MRR rose above their first paid MRR, on the day it did", async () => {
    const set = await buildTrainingSet(database.db, ctx.workspaceId, { asOf: AS_OF, kind: "expansion" });
    expect(set.kind).toBe("expansion");
    const labels = Object.fromEntries(set.rows.map((r) => [r.name, [r.positive, r.outcomeOn, r.observedOn]]));
    expect(labels).toEqual({
      Upgraded: [true, "2025-09-01", "2025-08-31"],
      AddOn: [true, "2025-06-01", "2025-05-31"],
      GrewThenLeft: [true, "2025-06-01", "2025-05-31"],
      Contracted: [false, null, AS_OF],
      // Replaced at the same price: no growth.
      SameAgain: [false, null, AS_OF],
      // A free trial is not the first paid MRR.
      TrialThenPaid: [false, null, AS_OF],
      // Left without growing: described on its churn day, as for churn.
      Churned: [false, null, "2026-03-31"],
      // Grows after the set's day: not yet.
      GrowsLater: [false, null, AS_OF],
    });
    // Never paid: no expansion label.
    expect(set.excluded).toEqual({ noSubscriptions: 1, churnDateUnknown: 0 });
  });

  it("describes an expanded account as it was before it grew", async () => {
    const set = await buildTrainingSet(database.db, ctx.workspaceId, { asOf: AS_OF, kind: "expansion" });
    expect(value(set, "Upgraded", "subscription.mrr")).toBe(100);
    expect(value(set, "AddOn", "subscription.mrr")).toBe(100);
    expect(value(set, "AddOn", "subscription.count")).toBe(1);
    expect(value(set, "AddOn", "usage.events_30d")).toBe(4);
    // 2025-01-01 → 2025-05-31 is 150 days.
    expect(value(set, "AddOn", "subscription.tenure_months")).toBe(Math.round((150 / 30.4375) * 10) / 10);
    expect(value(set, "Contracted", "subscription.mrr")).toBe(60);
  });

  it("leaves churn labels as they were", async () => {
    const set = await buildTrainingSet(database.db, ctx.workspaceId, { asOf: AS_OF });
    expect(set.kind).toBe("churn");
    expect(
      set.rows
        .filter((r) => r.positive)
        .map((r) => r.name)
        .sort(),
    ).toEqual(["Churned", "GrewThenLeft"]);
    expect(row(set, "TrialOnly")).toMatchObject({ positive: false, observedOn: AS_OF });
  });

  it("scores current paying customers as they are today", async () => {
    const set = await buildScoringSet(database.db, ctx.workspaceId, { asOf: AS_OF, kind: "expansion" });
    expect(set.rows.map((r) => r.name).sort()).toEqual([
      "AddOn",
      "Contracted",
      "GrowsLater",
      "SameAgain",
      "TrialThenPaid",
      "Upgraded",
    ]);
    expect(set.rows.every((r) => r.observedOn === AS_OF && !r.positive)).toBe(true);
    expect(value(set, "AddOn", "subscription.mrr")).toBe(120);
    // The churn model also scores customers on a trial.
    const churn = await buildScoringSet(database.db, ctx.workspaceId, { asOf: AS_OF });
    expect(churn.rows.map((r) => r.name)).toContain("TrialOnly");
  });
});
