import { describe, expect, it } from "vitest";
import {
  addMonths,
  monthBounds,
  monthsBetween,
  parsePartitionName,
  partitionName,
} from "./partition.rules.ts";

describe("monthly partitions", () => {
  it("names, parses and bounds months across year ends", () => {
    expect(partitionName({ year: 2026, month: 3 })).toBe("usage_events_p202603");
    expect(parsePartitionName("usage_events_p202612")).toEqual({ year: 2026, month: 12 });
    expect(parsePartitionName("usage_events_default")).toBeNull();
    expect(addMonths({ year: 2026, month: 11 }, 3)).toEqual({ year: 2027, month: 2 });
    expect(addMonths({ year: 2026, month: 1 }, -1)).toEqual({ year: 2025, month: 12 });
    expect(monthBounds({ year: 2026, month: 12 })).toEqual([
      "2026-12-01T00:00:00.000Z",
      "2027-01-01T00:00:00.000Z",
    ]);
    expect(monthsBetween({ year: 2025, month: 11 }, { year: 2026, month: 2 }).map(partitionName)).toEqual([
      "usage_events_p202511",
      "usage_events_p202512",
      "usage_events_p202601",
      "usage_events_p202602",
    ]);
  });
});
