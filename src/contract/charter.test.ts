import { describe, expect, it } from "vitest";
import { inChainOrder, ZCharterDraftInput } from "./charter.ts";
import { issueMessage, issuesOf } from "./issues.ts";

const draft = (objectives: { stage: string; text: string }[]) => ({
  vision: "Customers succeed",
  mission: "We guide them",
  objectives,
});

const issues = (body: unknown) => {
  const r = ZCharterDraftInput.safeParse(body, { error: issueMessage });
  return r.success ? [] : issuesOf(r.error);
};

describe("a charter draft", () => {
  it("refuses an objective written twice for one stage, case, spacing and a full stop aside, at the later one", () => {
    expect(
      issues(
        draft([
          { stage: "adoption", text: "Every customer live in 30 days" },
          { stage: "roi", text: "Every customer live in 30 days" },
          { stage: "adoption", text: "every customer  live in 30 days." },
        ]),
      ),
    ).toEqual([
      {
        path: "objectives.2.text",
        code: "custom",
        message: "is the same as an earlier objective of this stage",
      },
    ]);
  });

  it("lets the same words stand under different stages", () => {
    expect(
      issues(
        draft([
          { stage: "adoption", text: "Grow usage" },
          { stage: "advocacy", text: "Grow usage" },
        ]),
      ),
    ).toEqual([]);
  });

  it("words the field's problems to follow its name", () => {
    expect(issues({ ...draft([]), vision: " " }).map((i) => [i.path, i.message])).toEqual([
      ["vision", "is required"],
      ["objectives", "needs at least one objective"],
    ]);
  });
});

describe("objectives along the chain", () => {
  it("come in the chain's order of stages, keeping each stage's own order", () => {
    expect(
      inChainOrder([
        { stage: "advocacy", text: "A1" },
        { stage: "adoption", text: "B1" },
        { stage: "roi", text: "C1" },
        { stage: "adoption", text: "B2" },
        { stage: "outcomes", text: "D1" },
        { stage: "transformation", text: "E1" },
      ] as const).map((o) => o.text),
    ).toEqual(["B1", "B2", "D1", "E1", "C1", "A1"]);
  });
});
