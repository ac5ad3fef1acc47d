import { describe, expect, it } from "vitest";
import type { ForecastBacktest, RenewalOutcomes } from "../../../contract/index.ts";
import {
  callRecords,
  outcomeCounts,
  outcomesCsvRows,
  outcomesPeriod,
  reasonSeries,
} from "./renewalHistory.ts";
import { ID } from "./sampleRenewal.ts";

describe("the outcomes' period", () => {
  it("reads whole months to their last day, the last 12 months by default", () => {
    expect(outcomesPeriod("12m", {}, "2026-03-14")).toEqual({
      first: "2025-04",
      last: "2026-03",
      from: "2025-04-01",
      to: "2026-03-31",
    });
    expect(outcomesPeriod("last-year", {}, "2026-03-14")).toMatchObject({
      from: "2025-01-01",
      to: "2025-12-31",
    });
    expect(outcomesPeriod("custom", { from: "2025-02", to: "2025-02" }, "2026-03-14")).toMatchObject({
      from: "2025-02-01",
      to: "2025-02-28",
    });
  });

  it("looks a year ahead for outcomes known before the renewal date", () => {
    expect(outcomesPeriod("next-12m", {}, "2026-03-14")).toEqual({
      first: "2026-03",
      last: "2027-02",
      from: "2026-03-01",
      to: "2027-02-28",
    });
  });
});

describe("outcomes by reason", () => {
  const byReason: RenewalOutcomes["byReason"] = [
    { outcome: "churned", reasonCode: "pricing", count: 2 },
    { outcome: "downgraded", reasonCode: "pricing", count: 1 },
    { outcome: "churned", reasonCode: "competitor", count: 4 },
    { outcome: "renewed", reasonCode: null, count: 9 },
  ];

  it("bars the reasons most used first, stacked by the outcomes that have any", () => {
    const s = reasonSeries(byReason);
    expect(s.reasons).toEqual([null, "competitor", "pricing"]);
    expect(s.series).toEqual([
      { outcome: "renewed", data: [9, 0, 0] },
      { outcome: "downgraded", data: [0, 0, 1] },
      { outcome: "churned", data: [0, 4, 2] },
    ]);
  });

  it("counts every outcome, naming those with none", () => {
    expect(outcomeCounts([{ outcome: "churned", count: 3 }])).toEqual({
      renewed: 0,
      expanded: 0,
      downgraded: 0,
      churned: 3,
    });
  });

  it("writes the outcomes as CSV with amounts in major units", () => {
    const rows = outcomesCsvRows([
      {
        accountId: ID,
        accountName: "Acme",
        subscriptionId: null,
        product: null,
        dueDate: "2026-01-31",
        outcome: "downgraded",
        reasonCode: "budget",
        arrMinor: 1_200_000,
        arrAfterMinor: 900_000,
        currency: "USD",
        source: "recorded",
        note: null,
      },
    ]);
    expect(rows[1]).toEqual([
      "Acme",
      null,
      "2026-01-31",
      "downgraded",
      "budget",
      "USD",
      12_000,
      9_000,
      "recorded",
      null,
    ]);
  });
});

describe("the backtest by category", () => {
  it("sums each category over the quarters into the share that renewed", () => {
    const quarter = (commit: [number, number], atRisk: [number, number]) =>
      ({
        byCall: [
          {
            call: "commit",
            renewals: commit[0],
            renewed: commit[1],
            expectedArrMinor: 100,
            renewedArrMinor: 90,
          },
          { call: "likely", renewals: 0, renewed: 0, expectedArrMinor: 0, renewedArrMinor: 0 },
          {
            call: "at_risk",
            renewals: atRisk[0],
            renewed: atRisk[1],
            expectedArrMinor: 10,
            renewedArrMinor: 0,
          },
        ],
      }) as ForecastBacktest["quarters"][number];
    const records = callRecords([quarter([10, 9], [4, 1]), quarter([10, 10], [0, 0])]);
    expect(records.map((r) => [r.call, r.renewals, r.renewed, r.rate])).toEqual([
      ["commit", 20, 19, 0.95],
      ["likely", 0, 0, null],
      ["at_risk", 4, 1, 0.25],
    ]);
    expect(records[0]?.expectedArrMinor).toBe(200);
  });
});
