import { describe, expect, it } from "vitest";
import { type RevenueSettings, ZRevenueSettingsUpdate } from "../../../contract/index.ts";
import { schemaFormErrors } from "../../lib/issues.ts";
import { blankRate, bodyOf, percentErrors, revenueLabels, valuesOf } from "./revenueSettingsDraft.ts";

const settings: RevenueSettings = {
  reactivation: "reactivation",
  joinAndLeave: "count",
  baseCurrency: "USD",
  grossMargin: 0.78,
  forecast: { commitAtLeast: 0.85, likelyAtLeast: 0.6 },
  noticeDays: 60,
  doNotAskDays: 90,
  rates: [
    { currency: "EUR", validFrom: "2026-01-01", rate: 1.12 },
    { currency: "GBP", validFrom: "2026-01-01", rate: 1.3 },
  ],
};

describe("revenue settings drafts", () => {
  it("shows fractions as percentages and sends them back as fractions, unchanged", () => {
    const v = valuesOf(settings);
    expect(v.grossMargin).toBe(78);
    expect(v.forecast).toEqual({ commitAtLeast: 85, likelyAtLeast: 60 });
    const { rates, ...rest } = bodyOf(v);
    expect(rest).toEqual({
      reactivation: "reactivation",
      joinAndLeave: "count",
      baseCurrency: "USD",
      grossMargin: 0.78,
      forecast: { commitAtLeast: 0.85, likelyAtLeast: 0.6 },
      noticeDays: 60,
      doNotAskDays: 90,
    });
    expect(rates).toEqual(settings.rates);
  });

  it("sends no margin and no base currency as null", () => {
    const v = { ...valuesOf(settings), grossMargin: "", baseCurrency: " " };
    expect(bodyOf(v)).toMatchObject({ grossMargin: null, baseCurrency: null });
  });

  it("gives every rate row a key of its own, a new one starting from today", () => {
    const v = valuesOf(settings);
    const added = blankRate("2026-12-07");
    expect(new Set([...v.rates.map((r) => r.key), added.key]).size).toBe(3);
    expect(added).toMatchObject({ currency: "", validFrom: "2026-12-07", rate: "" });
  });

  it("says a percentage out of range in percent, at its field", () => {
    const v = valuesOf(settings);
    expect(percentErrors({ ...v, grossMargin: 150 })).toEqual({
      grossMargin: "Gross margin must be between 0% and 100%",
    });
    expect(percentErrors({ ...v, grossMargin: "" })).toEqual({});
    expect(percentErrors({ ...v, forecast: { commitAtLeast: "", likelyAtLeast: -1 } })).toEqual({
      "forecast.commitAtLeast": "Commit threshold is required",
      "forecast.likelyAtLeast": "Likely threshold must be between 0% and 100%",
    });
  });

  it("says an empty day count at its field, and the contract's range in days", () => {
    const v = valuesOf(settings);
    expect(percentErrors({ ...v, noticeDays: "", doNotAskDays: " " })).toEqual({
      noticeDays: "Notice period is required",
      doNotAskDays: "Do-not-ask window is required",
    });
    const errors = schemaFormErrors(
      ZRevenueSettingsUpdate,
      bodyOf({ ...v, noticeDays: 400, doNotAskDays: 1.5 }),
      revenueLabels(v.rates.length),
    );
    expect(errors).toEqual({
      noticeDays: "Notice period must be between 0 and 365 days",
      doNotAskDays: "Do-not-ask window must be a whole number of days",
    });
  });

  it("puts the contract's issues at the rate row and threshold they name", () => {
    const v = valuesOf(settings);
    const draft = {
      ...v,
      forecast: { commitAtLeast: 50, likelyAtLeast: 70 },
      rates: [...v.rates, { ...blankRate("2026-01-01"), currency: "EUR", rate: 0 }],
    };
    const errors = schemaFormErrors(ZRevenueSettingsUpdate, bodyOf(draft), revenueLabels(draft.rates.length));
    expect(errors).toEqual({
      "forecast.likelyAtLeast": "Likely threshold must not be above the commit threshold",
      "rates.2.rate": "Rate must be more than 0",
      "rates.2.validFrom": "Repeats a EUR rate of that day",
    });
  });
});
