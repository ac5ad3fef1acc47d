import { describe, expect, it } from "vitest";
import type { Backtest } from "../../contract/health.ts";
import { compareBacktests } from "./backtest-compare.rules.ts";

type Run = Pick<Backtest, "modelVersion" | "params" | "result">;

const run = (
  over: Partial<Backtest["params"]> = {},
  result: Partial<NonNullable<Run["result"]>> = {},
): Run => ({
  modelVersion: 1,
  params: {
    horizonDays: 90,
    everyDays: 7,
    from: "2026-06-20",
    to: "2026-09-07",
    onboardingDays: 30,
    ...over,
  },
  result: {
    observations: 878,
    positives: 45,
    auc: 0.73,
    roc: [],
    bands: [],
    dates: 12,
    accounts: 76,
    churned: 30,
    contracted: 15,
    notEnoughData: 0,
    measures: [],
    live: null,
    ...result,
  },
});

describe("compareBacktests", () => {
  it("names the dates, horizon and accounts that differ between the demo's run and a year-long one", () => {
    const yearLong = run(
      { from: "2025-09-08", everyDays: 14 },
      { dates: 27, observations: 1636, positives: 84, accounts: 120, auc: 0.58 },
    );
    expect(compareBacktests(yearLong, run())).toEqual([
      "This run scored 27 dates every 14 days from 2025-09-08 to 2026-09-07; the other 12 dates every 7 days from 2026-06-20 to 2026-09-07.",
      "This run observed 120 accounts, 1,636 observations of which 84 followed by churn or contraction; the other 76 accounts, 878 observations of which 45 followed by churn or contraction.",
    ]);
  });

  it("says the data changed when nothing else did, and the onboarding window of older runs", () => {
    expect(compareBacktests(run({}, { auc: 0.71 }), run())).toEqual([
      "Same version, dates, horizon and accounts: the figures differ because the data behind them changed between the runs (usage, subscriptions or ratings added or corrected).",
    ]);
    expect(compareBacktests(run(), run())).toEqual([
      "Same version, dates, horizon and accounts, and the same result.",
    ]);
    expect(compareBacktests(run(), run({ onboardingDays: null }))).toEqual([
      "This run left out new customers without enough data in their first 30 days; the other scored every customer.",
    ]);
  });
});
