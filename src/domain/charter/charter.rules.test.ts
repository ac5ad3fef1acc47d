import { describe, expect, it } from "vitest";
import { inChainOrder, toCharterVersion } from "./charter.rules.ts";

describe("objectives", () => {
  it("orders objectives along the chain, keeping each stage's own order", () => {
    expect(
      inChainOrder([
        { stage: "advocacy", text: "A1" },
        { stage: "adoption", text: "B1" },
        { stage: "roi", text: "C1" },
        { stage: "adoption", text: "B2" },
        { stage: "outcomes", text: "D1" },
        { stage: "transformation", text: "E1" },
      ]).map((o) => o.text),
    ).toEqual(["B1", "B2", "D1", "E1", "C1", "A1"]);
  });
});

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
