import { describe, expect, it } from "vitest";
import { calendarDaysFrom, daysUntil, formatRate, relativeDays } from "./format.ts";

const at = (iso: string) => Date.parse(iso);

describe("renewal countdown counts calendar days in UTC", () => {
  it("is 17 days all day long for a renewal 17 days away", () => {
    for (const now of ["2026-03-01T00:00:00Z", "2026-03-01T00:01:00Z", "2026-03-01T23:59:59Z"]) {
      expect(daysUntil("2026-03-18", at(now))).toBe(17);
      expect(relativeDays("2026-03-18", at(now))).toBe("in 17 days");
    }
  });

  it("says today for a renewal due today, at any hour", () => {
    for (const now of ["2026-03-18T00:00:00Z", "2026-03-18T12:00:00Z", "2026-03-18T23:59:59Z"]) {
      expect(daysUntil("2026-03-18", at(now))).toBe(0);
      expect(relativeDays("2026-03-18", at(now))).toBe("today");
    }
  });

  it("moves by one day across UTC midnight, not before", () => {
    expect(daysUntil("2026-03-19", at("2026-03-18T23:59:59.999Z"))).toBe(1);
    expect(relativeDays("2026-03-19", at("2026-03-18T23:59:59.999Z"))).toBe("tomorrow");
    expect(daysUntil("2026-03-19", at("2026-03-19T00:00:00Z"))).toBe(0);
    expect(daysUntil("2026-03-18", at("2026-03-19T00:00:00Z"))).toBe(-1);
    expect(relativeDays("2026-03-18", at("2026-03-19T00:00:00Z"))).toBe("yesterday");
  });

  it("counts timestamps by their UTC day", () => {
    expect(calendarDaysFrom("2026-03-17T23:30:00Z", at("2026-03-18T00:10:00Z"))).toBe(-1);
    expect(calendarDaysFrom("2026-03-18T00:05:00Z", at("2026-03-18T23:10:00Z"))).toBe(0);
  });

  it("has nothing to count without a date", () => {
    expect(daysUntil(null)).toBeNull();
    expect(daysUntil("not a date")).toBeNull();
    expect(relativeDays(undefined)).toBe("");
  });
});

describe("rates for people", () => {
  it("writes rates as percentages with one decimal", () => {
    expect(formatRate(1.0123)).toBe("101.2%");
    expect(formatRate(0.85)).toBe("85.0%");
    expect(formatRate(-0.021)).toBe("-2.1%");
    expect(formatRate(null)).toBe("—");
  });
});
