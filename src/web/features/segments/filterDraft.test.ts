import { describe, expect, it } from "vitest";
import type { FilterGroup, SegmentField } from "../../../contract/index.ts";
import {
  appendTo,
  blankCondition,
  blankGroup,
  type DraftCondition,
  type DraftGroup,
  draftOf,
  filterOf,
  issuesAtNodes,
  removeNode,
  unfinished,
  updateNode,
  withField,
  withOp,
} from "./filterDraft.ts";
import { filterText } from "./filterText.ts";

const field = (f: Partial<SegmentField> & Pick<SegmentField, "key" | "label" | "type">): SegmentField => ({
  group: "Account",
  options: null,
  unit: null,
  historical: false,
  description: "",
  ...f,
});
const FIELDS = new Map(
  [
    field({ key: "tier", label: "Tier", type: "text" }),
    field({
      key: "health.band",
      label: "Health band",
      type: "enum",
      options: [
        { value: "poor", label: "Poor" },
        { value: "average", label: "Average" },
      ],
    }),
    field({ key: "churn.probability", label: "Churn probability", type: "number", unit: "%" }),
    field({ key: "health.score", label: "Health score", type: "number", unit: "0–100" }),
    field({ key: "nextRenewalDate", label: "Next renewal", type: "date" }),
    field({ key: "leftCompany", label: "Left the company", type: "boolean" }),
  ].map((f) => [f.key, f]),
);

const AT_RISK: FilterGroup = {
  match: "all",
  conditions: [
    { field: "tier", op: "eq", value: "Enterprise" },
    {
      match: "any",
      conditions: [
        { field: "health.band", op: "in", value: ["poor", "average"] },
        { field: "churn.probability", op: "gt", value: 30 },
      ],
    },
  ],
};

const conditionAt = (g: DraftGroup, ...path: number[]): DraftCondition => {
  let node: DraftGroup | DraftCondition = g;
  for (const i of path) node = (node as DraftGroup).items[i] as DraftGroup | DraftCondition;
  return node as DraftCondition;
};

describe("the filter draft", () => {
  it("round-trips a saved filter, leaving out values a condition has none of", () => {
    const draft = draftOf(AT_RISK);
    expect(filterOf(draft)).toEqual(AT_RISK);
    const none = appendTo(draft, draft.id, { ...blankCondition(), field: "leftCompany", op: "is_true" });
    expect(filterOf(none).conditions[2]).toEqual({ field: "leftCompany", op: "is_true" });
  });

  it("keeps a value across operators of the same shape, and drops it otherwise", () => {
    const c: DraftCondition = { ...blankCondition(), field: "churn.probability", op: "gt", value: 30 };
    expect(withOp(c, "gte").value).toBe(30);
    expect(withOp(c, "between").value).toBeUndefined();
    expect(withOp(c, "is_set").value).toBeUndefined();
    const renewal = withField(c, FIELDS.get("nextRenewalDate") as SegmentField);
    expect(renewal).toMatchObject({ field: "nextRenewalDate", op: "in_last_days", value: undefined });
  });

  it("adds, changes and removes rows and groups by id, anywhere in the tree", () => {
    const draft = draftOf(AT_RISK);
    const inner = draft.items[1] as DraftGroup;
    const added = appendTo(draft, inner.id, blankGroup("all"));
    expect((added.items[1] as DraftGroup).items).toHaveLength(3);
    const churn = conditionAt(added, 1, 1);
    const changed = updateNode(added, churn.id, (n) => ({ ...n, value: 40 }) as DraftCondition);
    expect(conditionAt(changed, 1, 1).value).toBe(40);
    const removed = removeNode(changed, inner.id);
    expect(filterOf(removed)).toEqual({ match: "all", conditions: [AT_RISK.conditions[0]] });
  });

  it("says which conditions are not ready to be counted, and what they need", () => {
    const draft = draftOf(AT_RISK);
    const blank = blankCondition();
    const range: DraftCondition = {
      ...blankCondition(),
      field: "health.score",
      op: "between",
      value: [20, ""],
    };
    const days: DraftCondition = { ...blankCondition(), field: "nextRenewalDate", op: "in_next_days" };
    const withRows = [blank, range, days].reduce((g, c) => appendTo(g, g.id, c), draft);
    expect(unfinished(withRows, FIELDS)).toEqual({
      [blank.id]: "Choose a field to test",
      [range.id]: "Health score needs both a from and a to value",
      [days.id]: "Next renewal needs a number of days",
    });
    expect(unfinished(draft, FIELDS)).toEqual({});
  });

  it("places the server's issues at the rows their paths point to", () => {
    const draft = draftOf(AT_RISK);
    const issues = [
      {
        path: "filter.conditions.1.conditions.1.value",
        code: "x",
        message: "Churn probability must be a number",
      },
      { path: "filter.conditions.0.op", code: "x", message: "is not an operator for this field" },
      { path: "filter", code: "x", message: "has 120 conditions; 100 at most" },
      { path: "filter.conditions.7.value", code: "x", message: "Gone must be a number" },
      { path: "name", code: "x", message: "is already the name of another segment" },
    ];
    const at = issuesAtNodes(issues, draft, FIELDS);
    expect(at[conditionAt(draft, 1, 1).id]).toEqual(["Churn probability must be a number"]);
    expect(at[conditionAt(draft, 0).id]).toEqual(["Tier is not an operator for this field"]);
    // The top group holds what belongs to the whole filter, and what points past its rows.
    expect(at[draft.id]).toEqual(["The filter has 120 conditions; 100 at most", "Gone must be a number"]);
    expect(Object.keys(at)).toHaveLength(3);
  });

  it("reads as a sentence, groups in brackets", () => {
    expect(filterText(AT_RISK, FIELDS)).toBe(
      "Tier is “Enterprise” and (Health band is any of Poor, Average or Churn probability is more than 30%)",
    );
    expect(
      filterText(
        {
          match: "any",
          conditions: [
            { field: "nextRenewalDate", op: "in_next_days", value: 90 },
            { field: "health.score", op: "between", value: [20, 40] },
            { field: "leftCompany", op: "is_true" },
          ],
        },
        FIELDS,
      ),
    ).toBe(
      "Next renewal is in the next 90 days or Health score is between 20 and 40 or Left the company is yes",
    );
    expect(filterText({ match: "all", conditions: [] }, FIELDS)).toBe("");
  });
});
