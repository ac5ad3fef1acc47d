import { describe, expect, it } from "vitest";
import type { CharterVersion } from "../../../contract/index.ts";
import { charterBody, draftOf, groupedObjectives, insertionIndex, whoToAsk } from "./charterDraft.ts";

const version = (n: number, status: "draft" | "approved"): CharterVersion => ({
  id: `0190a5f0-0000-7000-8000-00000000000${n}`,
  version: n,
  status,
  vision: `Vision ${n}`,
  mission: `Mission ${n}`,
  objectives: [
    { stage: "roi", text: "GRR 92%" },
    { stage: "adoption", text: "Seats active" },
  ],
  changeNote: status === "draft" ? "Tighter targets" : "First",
  createdBy: null,
  createdAt: "2026-01-01T00:00:00.000Z",
  updatedAt: "2026-01-01T00:00:00.000Z",
  approvedBy: null,
  approvedAt: status === "approved" ? "2026-01-02T00:00:00.000Z" : null,
});

describe("the editor's values", () => {
  it("start from the draft, else from the current charter without its change note, else blank", () => {
    expect(draftOf(version(2, "draft"), version(1, "approved"))).toMatchObject({
      vision: "Vision 2",
      changeNote: "Tighter targets",
      objectives: [
        { stage: "adoption", text: "Seats active" },
        { stage: "roi", text: "GRR 92%" },
      ],
    });
    expect(draftOf(null, version(1, "approved"))).toMatchObject({ vision: "Vision 1", changeNote: "" });
    expect(draftOf(null, null)).toMatchObject({
      vision: "",
      mission: "",
      objectives: [{ stage: "adoption", text: "" }],
    });
  });

  it("become the API's body: trimmed, a blank change note null", () => {
    expect(
      charterBody({
        vision: " V ",
        mission: "M",
        changeNote: "  ",
        objectives: [{ key: "k", stage: "roi", text: " Payback " }],
      }),
    ).toEqual({
      vision: "V",
      mission: "M",
      changeNote: null,
      objectives: [{ stage: "roi", text: "Payback" }],
    });
  });

  it("put a new objective after the last of its stage, keeping the chain's order", () => {
    const list = [{ stage: "adoption" }, { stage: "adoption" }, { stage: "roi" }] as const;
    expect(insertionIndex([...list], "adoption")).toBe(2);
    expect(insertionIndex([...list], "outcomes")).toBe(2);
    expect(insertionIndex([...list], "advocacy")).toBe(3);
    expect(insertionIndex([], "roi")).toBe(0);
  });
});

describe("showing a charter", () => {
  it("groups objectives by stage in the chain's order, leaving out stages without any", () => {
    expect(
      groupedObjectives([
        { stage: "advocacy", text: "A" },
        { stage: "adoption", text: "B" },
        { stage: "adoption", text: "C" },
      ]),
    ).toEqual([
      { stage: "adoption", texts: ["B", "C"] },
      { stage: "advocacy", texts: ["A"] },
    ]);
  });

  it("names the people to ask", () => {
    expect(whoToAsk(["Ana"])).toBe("Ana");
    expect(whoToAsk(["Ana", "Ben"])).toBe("Ana or Ben");
    expect(whoToAsk(["Ana", "Ben", "Cy"])).toBe("Ana, Ben or Cy");
  });
});
