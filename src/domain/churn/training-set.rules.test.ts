import { describe, expect, it } from "vitest";
import type { CustomFieldDef } from "../../contract/workspace.ts";
import { separation } from "./leakage.rules.ts";
import {
  type AccountFacts,
  assembleTrainingSet,
  readCustomValue,
  type UsageFacts,
} from "./training-set.rules.ts";

const facts = (i: number, over: Partial<AccountFacts> = {}): AccountFacts => ({
  accountId: `a${i}`,
  name: `Account ${i}`,
  externalId: `A-${i}`,
  tier: i % 3 === 0 ? "Enterprise" : "SMB",
  industry: null,
  region: null,
  country: null,
  accountFields: { seats_planned: i % 7, is_partner: i % 2 === 0, segment: i % 4 === 0 ? "North" : "South" },
  churned: i % 4 === 1,
  churnedOn: null,
  observedOn: "2026-06-30",
  tenureDays: 30 * (i % 24),
  mrr: 100 + (i % 10) * 50,
  seats: null,
  subscriptions: 1,
  plan: i % 2 === 0 ? "Pro" : "Basic",
  product: "Platform",
  billingPeriod: "annual",
  currency: "USD",
  subscriptionFields: { payment: i % 3 === 0 ? "card" : "invoice" },
  ...over,
});

const defs: CustomFieldDef[] = [
  { entity: "account", key: "seats_planned", label: "Seats planned", type: "number", options: null },
  { entity: "account", key: "is_partner", label: "Partner", type: "boolean", options: null },
  { entity: "account", key: "segment", label: "Segment", type: "select", options: ["North", "South"] },
  { entity: "account", key: "renewal_call", label: "Renewal call", type: "date", options: null },
  { entity: "contact", key: "hobby", label: "Hobby", type: "text", options: null },
  { entity: "subscription", key: "payment", label: "Payment", type: "text", options: null },
  { entity: "subscription", key: "plan_name", label: "Plan", type: "text", options: null },
];

const opts = { asOf: "2026-06-30", hasUsage: false };
const many = Array.from({ length: 200 }, (_, i) => facts(i));

describe("assembleTrainingSet", () => {
  it("makes typed columns from facts and custom field definitions, leaving dates and contacts out", () => {
    const set = assembleTrainingSet("w", many, defs, new Map(), opts);
    const byKey = Object.fromEntries(set.columns.map((c) => [c.key, c]));
    expect(byKey["account_field.seats_planned"]).toMatchObject({ kind: "numeric", label: "Seats planned" });
    expect(byKey["account_field.is_partner"]).toMatchObject({ kind: "boolean" });
    expect(byKey["account_field.segment"]).toMatchObject({ kind: "categorical" });
    expect(byKey["subscription_field.payment"]).toMatchObject({
      kind: "categorical",
      source: "subscription_field",
    });
    // "Plan" is already the subscription's plan: the custom field says where it comes from.
    expect(byKey["subscription_field.plan_name"]?.label).toBe("Plan (subscription)");
    expect(byKey["account_field.renewal_call"]).toBeUndefined();
    expect(set.columns.some((c) => c.key.includes("hobby"))).toBe(false);
    expect(set.warnings.join(" ")).toMatch(/Date field "Renewal call"/);
    expect(set.columns.some((c) => c.source === "usage")).toBe(false);
    const row = set.rows[3];
    const v = (key: string) => row?.values[set.columns.findIndex((c) => c.key === key)];
    expect(v("subscription.tenure_months")).toBeCloseTo(90 / 30.4375, 1);
    expect(v("account_field.is_partner")).toBe(false);
    expect(v("subscription_field.payment")).toBe("card");
  });

  it("never reads the outcome: an account's values do not change with its label", () => {
    const retained = assembleTrainingSet("w", many, defs, new Map(), opts);
    const flipped = assembleTrainingSet(
      "w",
      many.map((a) => ({ ...a, churned: !a.churned })),
      defs,
      new Map(),
      opts,
    );
    expect(flipped.columns).toEqual(retained.columns);
    expect(flipped.rows.map((r) => r.values)).toEqual(retained.rows.map((r) => r.values));
    expect(flipped.rows.map((r) => r.positive)).toEqual(retained.rows.map((r) => !r.positive));
  });

  it("drops a field that records the outcome, saying why", () => {
    const leaky = many.map((a) => ({ ...a, accountFields: { ...a.accountFields, churn: a.churned } }));
    const leakDefs: CustomFieldDef[] = [
      ...defs,
      { entity: "account", key: "churn", label: "Churn", type: "boolean", options: null },
    ];
    const set = assembleTrainingSet("w", leaky, leakDefs, new Map(), opts);
    expect(set.columns.some((c) => c.key === "account_field.churn")).toBe(false);
    expect(set.warnings.join(" ")).toMatch(/"Churn" is not used: on its own it tells churned from retained/);
    // A strong but honest column stays.
    expect(set.columns.some((c) => c.key === "subscription.mrr")).toBe(true);
  });

  it("leaves out columns asked for, and accounts without a label", () => {
    const set = assembleTrainingSet(
      "w",
      [...many, facts(999, { churned: null, observedOn: null })],
      defs,
      new Map(),
      { ...opts, exclude: ["account.tier"] },
    );
    expect(set.rows).toHaveLength(200);
    expect(set.excluded).toEqual({ noSubscriptions: 1, churnDateUnknown: 0 });
    expect(set.columns.some((c) => c.key === "account.tier")).toBe(false);
  });

  it("with usage, takes usage and health columns and leaves out churned accounts whose churn day is unknown", () => {
    const dated = many.map((a) =>
      a.churned && a.accountId !== "a1" ? { ...a, churnedOn: "2026-05-01" } : a,
    );
    const usage = new Map<string, UsageFacts>([
      [
        "a0",
        {
          accountId: "a0",
          activeUsers30: 4,
          activeUsersPrev30: 1,
          events30: 99,
          eventsPrev30: 9,
          features30: 3,
          daysSinceActive: 2,
          healthScore: 38.5,
          sentiment: 2,
          tickets90: 4,
          escalations90: 1,
          ratedTickets180: 2,
          satisfiedTickets180: 1,
          npsAnswers365: 3,
          promoters365: 1,
          detractors365: 2,
        },
      ],
    ]);
    const set = assembleTrainingSet("w", dated, defs, usage, {
      ...opts,
      hasUsage: true,
      hasExperience: true,
    });
    expect(set.excluded.churnDateUnknown).toBe(1);
    expect(set.rows.some((r) => r.accountId === "a1")).toBe(false);
    const col = (key: string) => set.columns.findIndex((c) => c.key === key);
    const a0 = set.rows.find((r) => r.accountId === "a0");
    const a2 = set.rows.find((r) => r.accountId === "a2");
    expect(a0?.values[col("usage.active_users_30d")]).toBe(4);
    expect(a0?.values[col("usage.events_trend")]).toBeCloseTo(Math.log(100 / 10), 12);
    // No rollup rows means no usage, and never active means no last active day.
    expect(a2?.values[col("usage.events_30d")]).toBe(0);
    expect(a2?.values[col("usage.days_since_active")]).toBeNull();
    // Health as it stood on the reference day; an account never scored has none.
    expect(a0?.values[col("health.score")]).toBe(38.5);
    expect(a0?.values[col("health.sentiment")]).toBe(2);
    expect(a2?.values[col("health.score")]).toBeNull();
    // Experience as of the reference day: counts are real zeros, scores without answers are missing.
    expect(a0?.values[col("experience.tickets_90d")]).toBe(4);
    expect(a0?.values[col("experience.ticket_csat_180d")]).toBe(0.5);
    expect(a0?.values[col("experience.nps_365d")]).toBe(-33.33);
    expect(a2?.values[col("experience.tickets_90d")]).toBe(0);
    expect(a2?.values[col("experience.nps_365d")]).toBeNull();
  });

  it("makes no experience columns for a workspace without tickets or answers", () => {
    const set = assembleTrainingSet("w", many, defs, new Map(), { ...opts, hasUsage: false });
    expect(set.columns.some((c) => c.source === "experience")).toBe(false);
  });
});

describe("readCustomValue", () => {
  it("reads values by the definition's type; what does not fit is missing", () => {
    expect(readCustomValue({ type: "number" }, 3.5)).toBe(3.5);
    expect(readCustomValue({ type: "number" }, " 12 ")).toBe(12);
    expect(readCustomValue({ type: "number" }, "n/a")).toBeNull();
    expect(readCustomValue({ type: "boolean" }, "TRUE")).toBe(true);
    expect(readCustomValue({ type: "boolean" }, "maybe")).toBeNull();
    expect(readCustomValue({ type: "select" }, " Gold ")).toBe("Gold");
    expect(readCustomValue({ type: "text" }, "  ")).toBeNull();
    expect(readCustomValue({ type: "text" }, undefined)).toBeNull();
  });
});

describe("separation", () => {
  it("is 1 for a column equal to the label and near ½ for an id-like text column", () => {
    const labels = Array.from({ length: 100 }, (_, i) => i % 2);
    expect(
      separation(
        "boolean",
        labels.map((l) => l === 1),
        labels,
      ),
    ).toBe(1);
    expect(
      separation(
        "categorical",
        labels.map((_, i) => `id-${i}`),
        labels,
      ),
    ).toBe(0.5);
    expect(
      separation(
        "numeric",
        labels.map((l, i) => (l === 1 ? null : i)),
        labels,
      ),
    ).toBe(1);
  });
});
