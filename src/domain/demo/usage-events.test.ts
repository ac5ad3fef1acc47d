import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { addDays } from "../../common/dates.ts";
import { createRng } from "../kernel/random.ts";
import { DEMO_SEED, generateDemo } from "./generate.ts";
import { planUsage, USAGE_FIRST_OFFSET, type UsagePlan } from "./plan-usage.ts";

import { DEMO_MEMBERS } from "./roster.ts";

import { DEMO_FEATURES } from "./usage-catalog.ts";

import { generateUsageEvents, type ProductUser, type UsageEvents } from "./usage-events.ts";

const memberIds = Object.fromEntries(
  DEMO_MEMBERS.map((m, i) => [m.key, `00000000-0000-7000-8000-${String(i + 1).padStart(12, "0")}`]),
);
const TODAY = "2026-03-15";
const NOW = new Date(`${TODAY}T15:30:00Z`);
const DAY_S = 86_400;
const todayStart = Date.parse(`${TODAY}T00:00:00Z`) / 1000;
const offsetOf = (ts: number) => Math.floor((ts - todayStart) / DAY_S);

function build(now = NOW) {
  const rows = generateDemo({ workspaceId: "00000000-0000-7000-8000-00000000ffff", today: TODAY, memberIds });
  const rng = createRng(DEMO_SEED).fork("usage");
  const plans = planUsage(rng.fork("plan"), rows.usage);
  return { plans, events: generateUsageEvents(rng.fork("events"), plans, TODAY, now) };
}

const digest = (e: UsageEvents) =>
  createHash("sha256")
    .update(JSON.stringify([e.user, e.ts, e.feature, e.variant, e.users.map((u) => u.plan.input.userId)]))
    .digest("hex");

/** Last event offset per account (by plan), and per user index. */
function lastOffsets(plans: UsagePlan[], e: UsageEvents) {
  const byAccount = new Map<UsagePlan, number>();
  const byUser = new Map<number, number>();
  const planOf = new Map(plans.flatMap((p) => p.users.map((u) => [u, p] as const)));
  e.ts.forEach((ts, i) => {
    const user = e.user[i] as number;
    const plan = planOf.get((e.users[user] as ProductUser).plan) as UsagePlan;
    byAccount.set(plan, Math.max(byAccount.get(plan) ?? -Infinity, offsetOf(ts)));
    byUser.set(user, Math.max(byUser.get(user) ?? -Infinity, offsetOf(ts)));
  });
  return { byAccount, byUser };
}

describe("demo usage events", () => {
  const { plans, events } = build();
  const { byAccount, byUser } = lastOffsets(plans, events);

  it("are the same every time for the same moment, in time order and never later than now", () => {
    expect(digest(build().events)).toBe(digest(events));
    expect(events.ts.length).toBeGreaterThanOrEqual(150_000);
    expect(events.ts.length).toBeLessThanOrEqual(400_000);
    const unordered = events.ts.filter((t, i) => i > 0 && t < (events.ts[i - 1] as number)).length;
    expect(unordered).toBe(0);
    expect(events.ts[events.ts.length - 1]).toBeLessThanOrEqual(NOW.getTime() / 1000);
    expect(offsetOf(events.ts[0] as number)).toBe(USAGE_FIRST_OFFSET);
    expect(new Set(events.feature).size).toBe(DEMO_FEATURES.length);
  });

  it("only adds the rest of today when the day goes on", () => {
    const later = build(new Date(`${TODAY}T23:59:59Z`)).events;
    const beforeNow = later.ts.filter((t) => t <= NOW.getTime() / 1000).length;
    expect(beforeNow).toBe(events.ts.length);
    expect(later.ts.length).toBeGreaterThan(events.ts.length);
  });

  it("follows each account's trajectory to its end", () => {
    const count = (t: string) => plans.filter((p) => p.trajectory === t).length;
    expect(count("none")).toBe(5);
    expect(count("quiet")).toBe(5);
    expect(count("churning")).toBeGreaterThanOrEqual(14);
    for (const p of plans) {
      const last = byAccount.get(p);
      if (p.trajectory === "none") expect(last).toBeUndefined();
      if (p.trajectory === "quiet") expect(last).toBeLessThanOrEqual(-22);
      if (p.trajectory === "churning" && last !== undefined) {
        expect(last).toBeLessThan(p.account.endOffset as number);
      }
    }
  });

  it("lets key players go quiet while their account stays active", () => {
    const quiet = events.users
      .map((u, i) => ({ u, i, plan: plans.find((p) => p.users.includes(u.plan)) as UsagePlan }))
      .filter(({ u }) => u.plan.quietKeyPlayer);
    expect(quiet.length).toBe(8);
    for (const { i, plan } of quiet) {
      expect(byUser.get(i)).toBeLessThanOrEqual(-24);
      expect(byAccount.get(plan)).toBeGreaterThanOrEqual(-3);
    }
  });

  it("moves with today: a later day shifts the window", () => {
    const next = addDays(TODAY, 1);
    const rows = generateDemo({
      workspaceId: "00000000-0000-7000-8000-00000000ffff",
      today: next,
      memberIds,
    });
    const rng = createRng(DEMO_SEED).fork("usage");
    const shifted = generateUsageEvents(
      rng.fork("events"),
      planUsage(rng.fork("plan"), rows.usage),
      next,
      new Date(`${next}T15:30:00Z`),
    );
    expect(offsetOf(shifted.ts[0] as number)).toBe(USAGE_FIRST_OFFSET + 1);
  });
});
