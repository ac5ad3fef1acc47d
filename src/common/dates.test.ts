import { describe, expect, it } from "vitest";
import { addDays, daysBetween, isIsoDay, utcDay, utcToday } from "./dates.ts";

describe("calendar days in UTC", () => {
  it("adds days across months, years and leap days", () => {
    expect(addDays("2024-02-28", 1)).toBe("2024-02-29");
    expect(addDays("2024-12-31", 1)).toBe("2025-01-01");
    expect(addDays("2025-03-01", -1)).toBe("2025-02-28");
  });

  it("counts whole calendar days, whatever the time of day", () => {
    expect(daysBetween("2026-12-06", "2026-12-23")).toBe(17);
    expect(daysBetween("2026-12-06", "2026-12-06")).toBe(0);
    expect(daysBetween("2026-12-06", "2026-12-05")).toBe(-1);
  });

  it("takes the UTC day of an instant", () => {
    expect(utcDay("2026-12-06T23:59:59.999Z")).toBe("2026-12-06");
    expect(utcDay(new Date("2026-12-07T00:00:00Z"))).toBe("2026-12-07");
    expect(utcToday(new Date("2026-12-06T23:30:00-05:00"))).toBe("2026-12-07");
  });

  it("knows a real day from a string that merely looks like one", () => {
    expect(isIsoDay("2026-02-28")).toBe(true);
    expect(isIsoDay("2026-02-30")).toBe(false);
    expect(isIsoDay("2026-2-3")).toBe(false);
    expect(isIsoDay("yesterday")).toBe(false);
  });
});
