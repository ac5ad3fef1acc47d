import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeAccount, makeSubscription, makeWorkspace } from "../../../tests/factories/index.ts";
import { recordUses } from "../../../tests/factories/usage-rollups.ts";
import { createTestDb } from "../../../tests/helpers/test-db.ts";
import { addDays } from "../../common/dates.ts";
import type { Database } from "../../db/index.ts";
import type { Ctx } from "../context.ts";
import { createCustomField } from "../custom-fields/index.ts";
import { updateSubscription } from "../subscriptions/index.ts";
import { buildTrainingSet, type TrainingSet } from "./index.ts";

/**
 * The training set read from a hand-built workspace, every figure worked out by hand. The set is
 * taken on 2026-06-30; "Left" churned on 2026-04-30, so its 30 days are 04-01…04-30 and the 30
 * before 03-02…03-31.
 */
const AS_OF = "2026-06-30";

let database: Database;
let ctx: Ctx;
let other: Ctx;
const id: Record<string, string> = {};
const sub: Record<string, string> = {};

const row = (set: TrainingSet, name: string) => {
  const r = set.rows.find((x) => x.accountId === id[name]);
  if (!r) throw new Error(`${name} is not in the set`);
  return r;
};
const value = (set: TrainingSet, name: string, key: string) =>
  row(set, name).values[set.columns.findIndex((c) => c.key === key)];

beforeAll(async () => {
  database = await createTestDb();
  ctx = (await makeWorkspace(database.db, "churn-set")).ctx;
  other = (await makeWorkspace(database.db, "churn-other")).ctx;
  await createCustomField(ctx, {
    entity: "account",
    key: "segment",
    label: "Segment",
    type: "select",
    options: ["Gold", "Silver"],
  });
  await createCustomField(ctx, { entity: "subscription", key: "channel", label: "Channel", type: "text" });
  await createCustomField(other, { entity: "account", key: "secret", label: "Secret", type: "number" });

  const account = async (name: string, segment: string | null = "Gold") => {
    id[name] = (await makeAccount(ctx, { name, externalId: name, customFields: { segment } })).id;
    return id[name] as string;
  };
  const subscription = async (key: string, accountId: string, o: Parameters<typeof makeSubscription>[2]) => {
    sub[key] = (
      await makeSubscription(ctx, accountId, { seats: 10, customFields: { channel: "direct" }, ...o })
    ).id;
  };
  await subscription("stays", await account("Stays"), {
    startDate: "2025-01-01",
    mrrMinor: 10_000,
    plan: "Pro",
  });
  await subscription("left", await account("Left", "Silver"), {
    startDate: "2025-03-01",
    endDate: "2026-04-30",
    status: "canceled",
    mrrMinor: 5_000,
    plan: "Basic",
    customFields: { channel: "partner" },
  });
  const two = await account("TwoSubs");
  await subscription("twoA", two, { startDate: "2025-06-01", mrrMinor: 20_000, plan: "Pro" });
  await subscription("twoB", two, {
    startDate: "2025-06-01",
    endDate: "2026-02-01",
    status: "canceled",
    mrrMinor: 7_000,
  });
  await account("NoSubscription");
  await subscription("unknown", await account("ChurnDayUnknown"), {
    startDate: "2025-01-01",
    status: "canceled",
    mrrMinor: 1_000,
  });
  await subscription("future", await account("StartsLater"), { startDate: "2026-07-15", mrrMinor: 1_000 });
  await subscription("notice", await account("NoticeGiven"), {
    startDate: "2025-01-01",
    endDate: "2026-09-30",
    status: "canceled",
    mrrMinor: 3_000,
  });
  // The other workspace: an account that must never show up.
  const stranger = await makeAccount(other, { name: "Stranger", customFields: { secret: 1 } });
  await makeSubscription(other, stranger.id, { startDate: "2025-01-01", status: "canceled", mrrMinor: 1 });

  await recordUses(database.db, ctx.workspaceId, [
    { accountId: id.Stays as string, day: "2026-06-20", event: "Report Viewed", events: 5, user: "u1" },
    { accountId: id.Stays as string, day: "2026-05-15", event: "Report Viewed", events: 3, user: "u2" },
    { accountId: id.Left as string, day: "2026-04-20", event: "Report Viewed", events: 4, user: "u3" },
    { accountId: id.Left as string, day: "2026-04-20", event: "Export", events: 1, user: "u3" },
    { accountId: id.Left as string, day: "2026-03-15", event: "Report Viewed", events: 2, user: "u3" },
    // After it left: must not count.
    { accountId: id.Left as string, day: "2026-05-10", event: "Report Viewed", events: 50, user: "u4" },
  ]);
});

afterAll(async () => {
  await database?.close();
});

describe("buildTrainingSet", () => {
  it("labels accounts by their subscriptions and leaves out those it cannot label fairly", async () => {
    const set = await buildTrainingSet(database.db, ctx.workspaceId, { asOf: AS_OF });
    const labels = Object.fromEntries(set.rows.map((r) => [r.name, [r.positive, r.outcomeOn, r.observedOn]]));
    expect(labels).toEqual({
      Stays: [false, null, AS_OF],
      Left: [true, "2026-04-30", "2026-04-30"],
      TwoSubs: [false, null, AS_OF],
      // Canceled, but paid up to September: still a customer on the day the set is taken.
      NoticeGiven: [false, null, AS_OF],
    });
    // No subscription (or only one starting later): no label. Churned on an unknown day, in a
    // workspace with usage: its usage cannot be taken from before it left.
    expect(set.excluded).toEqual({ noSubscriptions: 2, churnDateUnknown: 1 });
    expect(set.workspaceId).toBe(ctx.workspaceId);
  });

  it("takes subscription facts on the reference day: a churned account's MRR is what it paid", async () => {
    const set = await buildTrainingSet(database.db, ctx.workspaceId, { asOf: AS_OF });
    expect(value(set, "Left", "subscription.mrr")).toBe(50);
    expect(value(set, "Left", "subscription.plan")).toBe("Basic");
    expect(value(set, "Left", "subscription_field.channel")).toBe("partner");
    expect(value(set, "Left", "account_field.segment")).toBe("Silver");
    // 2025-03-01 → 2026-04-30 is 425 days.
    expect(value(set, "Left", "subscription.tenure_months")).toBe(Math.round((425 / 30.4375) * 10) / 10);
    // The ended add-on no longer counts for an account that stays.
    expect(value(set, "TwoSubs", "subscription.mrr")).toBe(200);
    expect(value(set, "TwoSubs", "subscription.count")).toBe(1);
    expect(value(set, "Stays", "subscription.seats")).toBe(10);
  });

  it("takes usage from the 30 and 60 days up to the churn day, nothing after it", async () => {
    const set = await buildTrainingSet(database.db, ctx.workspaceId, { asOf: AS_OF });
    const usage = (name: string) =>
      Object.fromEntries(
        set.columns
          .map((c, j) => [c.key, row(set, name).values[j]] as const)
          .filter(([k]) => k.startsWith("usage.") && !k.endsWith("_trend")),
      );
    expect(usage("Left")).toEqual({
      "usage.active_users_30d": 1,
      "usage.active_users_prev_30d": 1,
      "usage.events_30d": 5,
      "usage.events_prev_30d": 2,
      "usage.features_30d": 2,
      "usage.days_since_active": 10,
    });
    expect(usage("Stays")).toEqual({
      "usage.active_users_30d": 1,
      "usage.active_users_prev_30d": 1,
      "usage.events_30d": 5,
      "usage.events_prev_30d": 3,
      "usage.features_30d": 1,
      "usage.days_since_active": 10,
    });
    expect(value(set, "TwoSubs", "usage.events_30d")).toBe(0);
    expect(value(set, "TwoSubs", "usage.days_since_active")).toBeNull();
  });

  it("never reads the outcome: canceling an account's subscription changes its label, not its features", async () => {
    const before = await buildTrainingSet(database.db, ctx.workspaceId, { asOf: AS_OF });
    expect(before.columns.map((c) => c.key).join(" ")).not.toMatch(
      /status|end_date|renewal|lifecycle|auto_renew/,
    );
    await updateSubscription(ctx, sub.stays as string, {
      status: "canceled",
      endDate: AS_OF,
      autoRenew: false,
    });
    // AS_OF is its last day of service: the set taken the day after has it churned on AS_OF,
    // described as of AS_OF like the set before the cancellation.
    const after = await buildTrainingSet(database.db, ctx.workspaceId, { asOf: addDays(AS_OF, 1) });
    expect(row(after, "Stays")).toMatchObject({ positive: true, outcomeOn: AS_OF, observedOn: AS_OF });
    expect(after.columns).toEqual(before.columns);
    expect(row(after, "Stays").values).toEqual(row(before, "Stays").values);
    await updateSubscription(ctx, sub.stays as string, { status: "active", endDate: null, autoRenew: true });
  });

  it("reads one workspace only", async () => {
    const set = await buildTrainingSet(database.db, ctx.workspaceId, { asOf: AS_OF });
    expect(set.rows.some((r) => r.name === "Stranger")).toBe(false);
    expect(set.columns.some((c) => c.key.includes("secret"))).toBe(false);
    const theirs = await buildTrainingSet(database.db, other.workspaceId, { asOf: AS_OF });
    expect(theirs.rows.map((r) => r.name)).toEqual(["Stranger"]);
    expect(theirs.columns.some((c) => c.source === "usage")).toBe(false);
  });

  it("counts the end date as the last day of service: on it the account is still a customer", async () => {
    // Left's subscription ends on 2026-04-30: it pays that day (MRR and health count it), so a set
    // taken that day has it retained with its MRR, and one taken the day after has it churned.
    const onLastDay = await buildTrainingSet(database.db, ctx.workspaceId, { asOf: "2026-04-30" });
    expect(row(onLastDay, "Left")).toMatchObject({
      positive: false,
      outcomeOn: null,
      observedOn: "2026-04-30",
    });
    expect(value(onLastDay, "Left", "subscription.mrr")).toBe(50);
    const dayAfter = await buildTrainingSet(database.db, ctx.workspaceId, { asOf: "2026-05-01" });
    expect(row(dayAfter, "Left")).toMatchObject({
      positive: true,
      outcomeOn: "2026-04-30",
      observedOn: "2026-04-30",
    });
    // TwoSubs' add-on ends on 2026-02-01: still counted on that day, no longer the day after.
    const addOnLastDay = await buildTrainingSet(database.db, ctx.workspaceId, { asOf: "2026-02-01" });
    expect(value(addOnLastDay, "TwoSubs", "subscription.mrr")).toBe(270);
    const addOnGone = await buildTrainingSet(database.db, ctx.workspaceId, { asOf: "2026-02-02" });
    expect(value(addOnGone, "TwoSubs", "subscription.mrr")).toBe(200);
  });

  it("goes back in time with asOf: later subscriptions do not exist yet, later ends have not happened", async () => {
    const set = await buildTrainingSet(database.db, ctx.workspaceId, { asOf: "2026-03-31" });
    expect(row(set, "Left")).toMatchObject({ positive: false, observedOn: "2026-03-31" });
    expect(value(set, "TwoSubs", "subscription.mrr")).toBe(200);
    await expect(buildTrainingSet(database.db, ctx.workspaceId, { asOf: "31/03/2026" })).rejects.toThrow(
      /YYYY-MM-DD/,
    );
  });
});
