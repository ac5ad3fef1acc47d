import { describe, expect, it } from "vitest";
import type { CoverageSettings } from "../../../contract/index.ts";
import {
  blankTieringRule,
  bodyOf,
  coverageLabels,
  isFilterIssue,
  ruleFilterIssues,
  settingsIssues,
  valuesOf,
} from "./coverageDraft.ts";

const settings: CoverageSettings = {
  capacity: { one_to_one: 10, one_to_few: 40, one_to_many: 200 },
  tiering: {
    enabled: true,
    rules: [
      {
        tier: "Enterprise",
        coverage: "one_to_one",
        filter: { match: "all", conditions: [{ field: "arr", op: "gte", value: 200_000 }] },
      },
      { tier: "Long tail", coverage: null, filter: { match: "all", conditions: [] } },
    ],
  },
  updatedAt: null,
  updatedBy: null,
};

describe("coverage drafts", () => {
  it("round-trips the saved settings: capacity, rules in order, coverage left alone as null", () => {
    const v = valuesOf(settings);
    expect(v.tiering.rules[1]?.coverage).toBe("");
    expect(bodyOf(v)).toEqual({ capacity: settings.capacity, tiering: settings.tiering });
  });

  it("trims tiers and leaves an emptied capacity box out, for the contract to call required", () => {
    const v = valuesOf(settings);
    v.capacity.one_to_few = "";
    v.tiering.rules = [{ ...blankTieringRule(), tier: "  SMB " }];
    const body = bodyOf(v);
    expect(body.capacity.one_to_few).toBeUndefined();
    expect(body.tiering.rules).toEqual([
      { tier: "SMB", coverage: null, filter: { match: "all", conditions: [{ field: "", op: "is_set" }] } },
    ]);
  });

  it("gives every rule its own key, so moving one keeps its builder", () => {
    const keys = valuesOf(settings).tiering.rules.map((r) => r.key);
    expect(new Set([...keys, blankTieringRule().key]).size).toBe(3);
  });
});

describe("issues at their fields", () => {
  it("labels the capacity boxes and each rule's fields with the words on screen", () => {
    const labels = coverageLabels(2);
    expect(labels["capacity.one_to_one"]).toBe("One-to-one");
    expect(labels["capacity.one_to_many"]).toBe("One-to-many");
    expect(labels["tiering.rules.1.tier"]).toBe("Tier");
    expect(labels["tiering.rules.2.tier"]).toBeUndefined();
  });

  it("reads a preview's rules.… paths as the settings' tiering.rules.…", () => {
    expect(
      settingsIssues([
        { path: "rules.1.filter.conditions.0.value", code: "custom", message: "x" },
        { path: "capacity.one_to_one", code: "too_small", message: "y" },
      ]).map((i) => i.path),
    ).toEqual(["tiering.rules.1.filter.conditions.0.value", "capacity.one_to_one"]);
  });

  it("hands each rule's builder only its own filter's issues, as a segment's", () => {
    const issues = [
      { path: "tiering.rules.1.filter.conditions.0.value", code: "custom", message: "needs a number" },
      { path: "tiering.rules.0.filter", code: "custom", message: "is not valid" },
      { path: "tiering.rules.1.tier", code: "too_small", message: "is required" },
      { path: "tiering.rules.10.filter.conditions.2.op", code: "custom", message: "z" },
    ];
    expect(issues.map(isFilterIssue)).toEqual([true, true, false, true]);
    expect(ruleFilterIssues(issues, 1)).toEqual([
      { path: "filter.conditions.0.value", code: "custom", message: "needs a number" },
    ]);
    expect(ruleFilterIssues(issues, 0).map((i) => i.path)).toEqual(["filter"]);
  });
});
