import { describe, expect, it } from "vitest";
import {
  type AccountPeriod,
  addMonths,
  lifetimeValue,
  monthEnd,
  monthsBetween,
  periodBounds,
  periodFigures,
  rateOn,
} from "./revenue.rules.ts";

const policies = { reactivation: "reactivation", joinAndLeave: "count" } as const;

/** An account's period with only what is named; the rest zero, its end the sum of its movements. */
function account(id: string, p: Partial<AccountPeriod>): AccountPeriod {
  const a = {
    accountId: id,
    start: 0,
    new: 0,
    expansion: 0,
    contraction: 0,
    churn: 0,
    reactivation: 0,
    ...p,
  };
  return { ...a, end: p.end ?? a.start + a.new + a.expansion + a.reactivation - a.contraction - a.churn };
}

describe("period figures against outside worked examples", () => {
  it("start 10.0M, contraction 0.6M, churn 0.9M, expansion 1.8M: GRR 85%, NRR 103%", () => {
    const f = periodFigures(
      [
        account("a", { start: 4_000_000, expansion: 1_800_000 }),
        account("b", { start: 3_000_000, contraction: 600_000 }),
        account("c", { start: 900_000, churn: 900_000 }),
        account("d", { start: 2_100_000 }),
      ],
      policies,
    );
    expect(f.startMrrMinor).toBe(10_000_000);
    expect(f.grr).toBeCloseTo(0.85, 10);
    expect(f.nrr).toBeCloseTo(1.03, 10);
  });

  it("start 100k, +15k, −5k, −8k: NRR 102%", () => {
    const f = periodFigures(
      [
        account("a", { start: 60_000, expansion: 15_000 }),
        account("b", { start: 25_000, contraction: 5_000 }),
        account("c", { start: 8_000, churn: 8_000 }),
        account("d", { start: 7_000 }),
      ],
      policies,
    );
    expect(f.nrr).toBeCloseTo(1.02, 10);
  });

  it("start 100, churn 10, contraction 10, expansion 10: gross MRR churn 20%, net 10%", () => {
    const f = periodFigures(
      [
        account("a", { start: 10, churn: 10 }),
        account("b", { start: 40, contraction: 10 }),
        account("c", { start: 50, expansion: 10 }),
      ],
      policies,
    );
    expect(f.grossMrrChurn).toBeCloseTo(0.2, 10);
    expect(f.netMrrChurn).toBeCloseTo(0.1, 10);
    expect(f.expansionRate).toBeCloseTo(0.1, 10);
  });

  it("500 customers falling to 450: logo churn 10%", () => {
    const rows = Array.from({ length: 500 }, (_, i) =>
      account(`a${i}`, i < 50 ? { start: 100, churn: 100 } : { start: 100 }),
    );
    const f = periodFigures(rows, policies);
    expect(f.logos).toMatchObject({ start: 500, end: 450, churned: 50 });
    expect(f.logoChurn).toBeCloseTo(0.1, 10);
  });
});

describe("period figures", () => {
  it("never puts GRR above 100%, nor counts more lost than a customer had at the start", () => {
    // Expanded, then shrank below its start: it lost 50 of its 100, not the 150 it shed.
    const f = periodFigures([account("a", { start: 100, expansion: 100, contraction: 150 })], policies);
    expect(f.grr).toBeCloseTo(0.5, 10);
    expect(f.nrr).toBeCloseTo(0.5, 10);
    const growing = periodFigures([account("b", { start: 100, expansion: 50 })], policies);
    expect(growing.grr).toBe(1);
  });

  it("reconciles start to end through every movement, new customers included", () => {
    const f = periodFigures(
      [
        account("a", { start: 100, expansion: 20 }),
        account("b", { new: 70 }),
        account("c", { reactivation: 30 }),
        account("d", { start: 50, churn: 50 }),
      ],
      policies,
    );
    const moved = f.newMinor + f.expansionMinor + f.reactivationMinor - f.contractionMinor - f.churnMinor;
    expect(f.startMrrMinor + moved).toBe(f.endMrrMinor);
    // New customers are outside NRR's base.
    expect(f.retention.startMrrMinor).toBe(150);
    expect(f.nrr).toBeCloseTo(120 / 150, 10);
    expect(f.logos).toMatchObject({ start: 2, end: 3, new: 1, reactivated: 1, churned: 1 });
  });

  it("counts a reactivation as new when the workspace says so", () => {
    const f = periodFigures([account("c", { reactivation: 30 })], { ...policies, reactivation: "new" });
    expect(f).toMatchObject({ newMinor: 30, reactivationMinor: 0 });
    expect(f.logos).toMatchObject({ new: 1, reactivated: 0 });
  });

  it("counts a customer who joined and left within the period, or leaves it out, as the policy says", () => {
    const rows = [
      account("a", { start: 100 }),
      account("b", { start: 100, churn: 100 }),
      account("c", { new: 40, churn: 40 }),
    ];
    const counted = periodFigures(rows, policies);
    expect(counted).toMatchObject({ newMinor: 40, churnMinor: 140 });
    expect(counted.logoChurn).toBeCloseTo(2 / 2, 10);
    const excluded = periodFigures(rows, { ...policies, joinAndLeave: "exclude" });
    expect(excluded).toMatchObject({ newMinor: 0, churnMinor: 100 });
    expect(excluded.logoChurn).toBeCloseTo(1 / 2, 10);
    // Either way the start cohort's retention is the same.
    expect(excluded.nrr).toBe(counted.nrr);
  });

  it("has no rates without customers at the start", () => {
    const f = periodFigures([account("b", { new: 70 })], policies);
    expect(f).toMatchObject({ nrr: null, grr: null, logoChurn: null, grossMrrChurn: null });
    expect(f.arpaMinor).toBe(70);
  });
});

describe("customer lifetime value", () => {
  it("is ARPA × gross margin ÷ monthly churn, shown with its inputs", () => {
    // 12 months at 10% logo churn: monthly churn 1 − 0.9^(1/12).
    const ltv = lifetimeValue({ arpaMinor: 100_000, logoChurn: 0.1 }, 12, 0.8);
    const monthly = 1 - 0.9 ** (1 / 12);
    expect(ltv.monthlyChurn).toBeCloseTo(monthly, 12);
    expect(ltv.valueMinor).toBe(Math.round((100_000 * 0.8) / monthly));
    expect(ltv).toMatchObject({ arpaMinor: 100_000, grossMargin: 0.8, missing: null });
    // One month at 5%: ARPA 1,000 × 75% ÷ 5% = 15,000.
    expect(lifetimeValue({ arpaMinor: 1_000, logoChurn: 0.05 }, 1, 0.75).valueMinor).toBe(15_000);
  });

  it("has no value when nobody churned or no margin is set, and says why", () => {
    expect(lifetimeValue({ arpaMinor: 100, logoChurn: 0 }, 12, 0.8)).toMatchObject({
      valueMinor: null,
      missing: expect.stringContaining("No customer churned"),
    });
    expect(lifetimeValue({ arpaMinor: 100, logoChurn: 0.1 }, 12, null)).toMatchObject({
      valueMinor: null,
      missing: expect.stringContaining("gross margin"),
    });
  });
});

describe("months and rates", () => {
  it("walks calendar months across years and ends them on their last day", () => {
    expect(addMonths("2024-11-01", 3)).toBe("2025-02-01");
    expect(addMonths("2024-01-01", -1)).toBe("2023-12-01");
    expect(monthEnd("2024-02-01")).toBe("2024-02-29");
    expect(monthsBetween("2024-11-15", "2025-02-03")).toEqual([
      "2024-11-01",
      "2024-12-01",
      "2025-01-01",
      "2025-02-01",
    ]);
  });

  it("takes the latest rate valid on the day, and none before the first", () => {
    const rates = [
      { currency: "EUR", validFrom: "2024-01-01", rate: 1.1 },
      { currency: "EUR", validFrom: "2024-07-01", rate: 1.05 },
    ];
    expect(rateOn(rates, "USD", "EUR", "2024-06-30")).toBe(1.1);
    expect(rateOn(rates, "USD", "EUR", "2024-07-01")).toBe(1.05);
    expect(rateOn(rates, "USD", "EUR", "2023-12-31")).toBeNull();
    expect(rateOn(rates, "USD", "USD", "2000-01-01")).toBe(1);
    expect(rateOn(rates, "USD", "GBP", "2024-08-01")).toBeNull();
  });
});

describe("period bounds", () => {
  it("reads every currency at the month before the period and at its last month when nothing is converted", () => {
    expect(periodBounds("2025-01-01", "2025-12-01", null)).toEqual([
      { currency: null, i: 0, month: "2024-12-01", rate: null },
      { currency: null, i: 1, month: "2025-12-01", rate: null },
    ]);
  });

  it("ends a run of months wherever a currency's rate changes, and keeps months without a rate apart", () => {
    const rateOf = (c: string, m: string) =>
      c === "USD" ? 1 : m < "2025-03-01" ? null : m < "2025-05-01" ? 1.1 : 1.2;
    expect(periodBounds("2025-01-01", "2025-06-01", { currencies: ["EUR", "USD"], rateOf })).toEqual([
      { currency: "EUR", i: 0, month: "2024-12-01", rate: null },
      { currency: "EUR", i: 1, month: "2025-02-01", rate: null },
      { currency: "EUR", i: 2, month: "2025-04-01", rate: 1.1 },
      { currency: "EUR", i: 3, month: "2025-06-01", rate: 1.2 },
      { currency: "USD", i: 0, month: "2024-12-01", rate: null },
      { currency: "USD", i: 1, month: "2025-06-01", rate: 1 },
    ]);
  });

  it("gives a one-month period one run", () => {
    expect(periodBounds("2025-03-01", "2025-03-01", { currencies: ["EUR"], rateOf: () => 0.9 })).toEqual([
      { currency: "EUR", i: 0, month: "2025-02-01", rate: null },
      { currency: "EUR", i: 1, month: "2025-03-01", rate: 0.9 },
    ]);
  });
});
