import { describe, expect, it } from "vitest";
import { eventTime, parseSegmentTime } from "./segment-time.rules.ts";

const iso = (v: unknown) => parseSegmentTime(v)?.toISOString() ?? null;

describe("parseSegmentTime", () => {
  it("reads ISO 8601 with and without milliseconds, seconds or zone (no zone = UTC)", () => {
    expect(iso("2026-03-04T05:06:07.891Z")).toBe("2026-03-04T05:06:07.891Z");
    expect(iso("2026-03-04T05:06:07Z")).toBe("2026-03-04T05:06:07.000Z");
    expect(iso("2026-03-04T05:06Z")).toBe("2026-03-04T05:06:00.000Z");
    expect(iso("2026-03-04T05:06:07")).toBe("2026-03-04T05:06:07.000Z");
    expect(iso("2026-03-04")).toBe("2026-03-04T00:00:00.000Z");
    expect(iso("2026-03-04T05:06:07.123456Z")).toBe("2026-03-04T05:06:07.123Z");
    expect(iso("2026-03-04T05:06:07+02:00")).toBe("2026-03-04T03:06:07.000Z");
    expect(iso("2026-03-04T05:06:07-0530")).toBe("2026-03-04T10:36:07.000Z");
  });

  it("adds the leading zeros Segment's own example lacks", () => {
    expect(iso("2015-2-02T00:30:08.276Z")).toBe("2015-02-02T00:30:08.276Z");
    expect(iso("2015-2-2T0:30:8Z")).toBe("2015-02-02T00:30:08.000Z");
  });

  it("reads numbers and digit strings as epoch seconds below 1e11, else milliseconds", () => {
    expect(iso(1_700_000_000)).toBe("2023-11-14T22:13:20.000Z");
    expect(iso(1_700_000_000_123)).toBe("2023-11-14T22:13:20.123Z");
    expect(iso("1700000000")).toBe("2023-11-14T22:13:20.000Z");
    expect(iso(1_700_000_000.5)).toBe("2023-11-14T22:13:20.500Z");
  });

  it("refuses what is not a time, or a time before 1970 or after 9999", () => {
    for (const v of [
      "yesterday",
      "2015-13-01",
      "2015-02-30T00:00:00Z",
      "2015-02-02T25:00:00Z",
      "",
      null,
      {},
      true,
      -5,
      NaN,
    ]) {
      expect(parseSegmentTime(v), String(v)).toBeNull();
    }
    expect(parseSegmentTime("1969-12-31T23:59:59Z")).toBeNull();
  });
});

describe("eventTime", () => {
  const received = new Date("2026-05-01T12:00:00.000Z");

  it("corrects the device clock: receivedAt − (sentAt − timestamp)", () => {
    // The device clock runs 1 h fast: it says sent 13:00, event at 12:59:50.
    const t = eventTime("2026-05-01T12:59:50Z", "2026-05-01T13:00:00Z", received);
    expect(t).toEqual({ ts: new Date("2026-05-01T11:59:50.000Z"), rule: "corrected" });
  });

  it("uses the timestamp as given without sentAt, and receivedAt without a timestamp", () => {
    expect(eventTime("2026-04-01T00:00:00Z", undefined, received)).toEqual({
      ts: new Date("2026-04-01T00:00:00Z"),
      rule: "given",
    });
    expect(eventTime(undefined, "2026-05-01T13:00:00Z", received)).toEqual({
      ts: received,
      rule: "received",
    });
  });

  it("falls back to receivedAt for an unreadable timestamp, and ignores an unreadable sentAt", () => {
    expect(eventTime("soon", "2026-05-01T13:00:00Z", received)).toEqual({
      ts: received,
      rule: "invalid_timestamp",
    });
    expect(eventTime("2026-04-01T00:00:00Z", "garbage", received).rule).toBe("given");
  });
});
