import { describe, expect, it } from "vitest";
import { toCharterVersion } from "./charter.rules.ts";

describe("a version as the API shows it", () => {
  it("names who wrote and approved it, and drops a person whose user is gone", () => {
    const v = toCharterVersion({
      id: "0190a5f0-0000-7000-8000-000000000001",
      version: 2,
      status: "approved",
      vision: "V",
      mission: "M",
      objectives: [{ stage: "roi", text: "Payback in a year" }],
      changeNote: null,
      createdBy: null,
      createdByName: null,
      createdAt: "2026-01-02 09:00:00+00",
      updatedAt: new Date("2026-01-03T10:00:00Z"),
      approvedBy: "0190a5f0-0000-7000-8000-000000000002",
      approvedByName: "Alex Kim",
      approvedAt: new Date("2026-01-03T10:00:00Z"),
    });
    expect(v).toMatchObject({
      status: "approved",
      createdBy: null,
      createdAt: "2026-01-02T09:00:00.000Z",
      approvedBy: { userId: "0190a5f0-0000-7000-8000-000000000002", name: "Alex Kim" },
      approvedAt: "2026-01-03T10:00:00.000Z",
    });
  });
});
