import { describe, expect, it } from "vitest";
import {
  calibrate,
  fitPlatt,
  forecastCall,
  forecastTotals,
  noticeDateOf,
  pastQuarters,
  quarterOf,
  renewalProbability,
} from "./renewal.rules.ts";

const at = new Date("2026-12-07T00:00:00Z");

describe("renewal rules", () => {
  it("fits Platt scaling that reproduces each score's renewal rate", () => {
    const logit = (p: number) => Math.log(p / (1 - p));
    // Score 0.2: 90 of 100 renewed; score 0.6: 40 of 100 renewed.
    const fit = fitPlatt([
      { x: logit(0.2), y: 1, w: 90 },
      { x: logit(0.2), y: 0, w: 10 },
      { x: logit(0.6), y: 1, w: 40 },
      { x: logit(0.6), y: 0, w: 60 },
    ]);
    const p = (churn: number) => 1 / (1 + Math.exp(-(fit.a + fit.b * logit(churn))));
    expect(p(0.2)).toBeCloseTo(0.9, 3);
    expect(p(0.6)).toBeCloseTo(0.4, 3);
  });

  it("calibrates only on enough scored renewals of both kinds, and says why not otherwise", () => {
    const few = calibrate(
      [
        { renewed: true, churnProbability: 0.1, count: 20 },
        { renewed: false, churnProbability: 0.8, count: 3 },
        { renewed: true, churnProbability: null, count: 7 },
      ],
      at,
    );
    expect(few).toMatchObject({
      method: "uncalibrated",
      renewals: 30,
      churned: 3,
      scored: 23,
      baseRate: 27 / 30,
    });
    expect(few.note).toContain("Only 23 past renewals had a churn score 90 days before (20 renewed, 3 not)");
    expect(renewalProbability(few, 0.3)).toBeCloseTo(0.7);
    expect(renewalProbability(few, null)).toBeCloseTo(0.9);

    const enough = calibrate(
      [
        { renewed: true, churnProbability: 0.1, count: 45 },
        { renewed: false, churnProbability: 0.1, count: 5 },
        { renewed: true, churnProbability: 0.7, count: 10 },
        { renewed: false, churnProbability: 0.7, count: 40 },
      ],
      at,
    );
    expect(enough).toMatchObject({ method: "platt", scored: 100, note: null });
    // The model's 0.7 meant a 20% renewal rate in this history, not 30%.
    expect(renewalProbability(enough, 0.7)).toBeCloseTo(0.2, 3);
    const bin = enough.bins.find((b) => b.from === 0.7);
    expect(bin).toMatchObject({ renewals: 50, actual: 0.2 });
  });

  it("sorts renewals into commit, likely and at risk by the thresholds", () => {
    const t = { commitAtLeast: 0.85, likelyAtLeast: 0.6 };
    expect([0.85, 0.84, 0.6, 0.59, null].map((p) => forecastCall(p, t))).toEqual([
      "commit",
      "likely",
      "likely",
      "at_risk",
      null,
    ]);
  });

  it("adds the forecast up by the model's category and by the CSMs' calls", () => {
    const totals = forecastTotals("USD", [
      { currency: "USD", arrMinor: 1000, probability: 0.9, forecast: "commit", csmCall: "likely" },
      { currency: "USD", arrMinor: 500, probability: 0.5, forecast: "at_risk", csmCall: null },
      { currency: "USD", arrMinor: 200, probability: null, forecast: null, csmCall: "commit" },
    ]);
    expect(totals).toEqual({
      currency: "USD",
      renewals: 3,
      arrMinor: 1700,
      expectedArrMinor: 1150,
      model: { commitMinor: 1000, likelyMinor: 0, atRiskMinor: 500, noneMinor: 200 },
      csm: { commitMinor: 200, likelyMinor: 1000, atRiskMinor: 0, noneMinor: 500 },
    });
  });

  it("dates notices and quarters", () => {
    expect(noticeDateOf("2027-03-01", null, 60)).toBe("2026-12-31");
    expect(noticeDateOf("2027-03-01", "2027-01-15", 60)).toBe("2027-01-15");
    expect(quarterOf("2026-12-07")).toEqual({ quarter: "2026-Q4", first: "2026-10-01", next: "2027-01-01" });
    expect(pastQuarters("2026-12-07", 3).map((q) => q.quarter)).toEqual(["2026-Q1", "2026-Q2", "2026-Q3"]);
  });
});
