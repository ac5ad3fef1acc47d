import { describe, expect, it } from "vitest";
import { datesBeforeStart, deriveStatus, describeSubscription, isLiveOn } from "./subscription.rules.ts";

describe("isLiveOn", () => {
  const day = "2026-06-15";
  const sub = (startDate: string, endDate: string | null, status: string) => ({ startDate, endDate, status });
  it("is live from its start date, included, and not before", () => {
    expect(isLiveOn(sub("2026-06-15", null, "active"), day)).toBe(true);
    expect(isLiveOn(sub("2026-06-16", null, "active"), day)).toBe(false);
    expect(isLiveOn(sub("2026-06-16", "2026-12-31", "trial"), day)).toBe(false);
  });
  it("serves up to its end date, included, whatever its status", () => {
    for (const status of ["active", "trial", "canceled", "expired"]) {
      expect(isLiveOn(sub("2026-01-01", "2026-06-15", status), day), status).toBe(true);
      expect(isLiveOn(sub("2026-01-01", "2026-09-30", status), day), status).toBe(true);
      expect(isLiveOn(sub("2026-01-01", "2026-06-14", status), day), status).toBe(false);
    }
  });
  it("runs on without an end date only while active or in trial", () => {
    expect(isLiveOn(sub("2026-01-01", null, "active"), day)).toBe(true);
    expect(isLiveOn(sub("2026-01-01", null, "trial"), day)).toBe(true);
    expect(isLiveOn(sub("2026-01-01", null, "canceled"), day)).toBe(false);
    expect(isLiveOn(sub("2026-01-01", null, "expired"), day)).toBe(false);
  });
});

describe("deriveStatus", () => {
  const today = "2026-06-15";
  it("is expired only when the end date is already past", () => {
    expect(deriveStatus("2026-06-14", today)).toBe("expired");
    expect(deriveStatus("2026-06-15", today)).toBe("active");
    expect(deriveStatus("2027-01-01", today)).toBe("active");
    expect(deriveStatus(null, today)).toBe("active");
    expect(deriveStatus(undefined, today)).toBe("active");
  });
});

describe("describeSubscription", () => {
  it("names the product, the plan when there is one, and the MRR", () => {
    expect(
      describeSubscription({ product: "Platform", plan: "Growth", mrrMinor: 123_45, currency: "USD" }),
    ).toBe("Platform (Growth), $123.45 MRR");
    expect(describeSubscription({ product: "Support", plan: null, mrrMinor: 5_000, currency: "EUR" })).toBe(
      "Support, €50.00 MRR",
    );
  });
});

describe("datesBeforeStart", () => {
  it("flags an end or renewal date before the start, and nothing else", () => {
    expect(datesBeforeStart({ startDate: "2026-01-01", endDate: null, renewalDate: "1900-01-01" })).toEqual([
      { path: "renewalDate", message: "must not be before the start date (2026-01-01)" },
    ]);
    expect(
      datesBeforeStart({ startDate: "2026-01-01", endDate: "2025-12-31", renewalDate: "2026-01-01" }),
    ).toEqual([{ path: "endDate", message: "must not be before the start date (2026-01-01)" }]);
    expect(datesBeforeStart({ startDate: "2026-01-01", endDate: null, renewalDate: null })).toEqual([]);
  });
});
