import { describe, expect, it } from "vitest";
import type { LifecycleSettings } from "../../../contract/index.ts";
import {
  blankStage,
  bodyOf,
  duplicateIssues,
  firstValueText,
  isEntryIssue,
  keyOf,
  lifecycleLabels,
  stageEntryIssues,
  stagesOf,
  valuesOf,
  withLabel,
} from "./lifecycleDraft.ts";

const stage = (key: string, label: string, more: Partial<LifecycleSettings["stages"][number]> = {}) => ({
  key,
  label,
  description: null,
  hidden: false,
  entry: null,
  automatic: false,
  builtIn: true,
  accounts: 3,
  ...more,
});

const fintech = {
  match: "all" as const,
  conditions: [{ field: "industry", op: "eq" as const, value: "Fintech" }],
};

const settings: LifecycleSettings = {
  stages: [
    stage("onboarding", "Onboarding", { description: "Set up, trained, first use" }),
    stage("pilot", "Paid pilot", { builtIn: false, accounts: 0, entry: fintech, automatic: true }),
    stage("transformation", "Transformation", { hidden: true }),
  ],
  firstValueMilestone: { event: "Report Created", count: 10 },
  updatedAt: null,
  updatedBy: null,
};

describe("lifecycle drafts", () => {
  it("round-trips the saved settings: stages in order, criteria, descriptions left out as null, the milestone", () => {
    const v = valuesOf(settings);
    expect(v.stages.map((s) => [s.key, s.hasEntry, s.added])).toEqual([
      ["onboarding", false, false],
      ["pilot", true, false],
      ["transformation", false, false],
    ]);
    expect(bodyOf(v)).toEqual({
      stages: settings.stages.map(({ builtIn: _b, accounts: _a, ...s }) => s),
      firstValueMilestone: { event: "Report Created", count: 10 },
    });
  });

  it("trims names, sends no criteria when they are switched off, and an emptied event as no milestone", () => {
    const v = valuesOf(settings);
    const pilot = v.stages[1];
    if (!pilot) throw new Error("no pilot");
    v.stages[1] = { ...pilot, label: "  Pilot ", description: "  ", hasEntry: false };
    v.firstValueMilestone = { event: "  ", count: 4 };
    const body = bodyOf(v);
    expect(body.stages[1]).toMatchObject({ label: "Pilot", description: null, entry: null });
    expect(body.firstValueMilestone).toBeNull();
  });

  it("leaves an emptied count out, for the contract to call required", () => {
    const v = valuesOf(settings);
    v.firstValueMilestone = { event: "Login", count: "" };
    expect(bodyOf(v).firstValueMilestone).toEqual({ event: "Login", count: undefined });
  });

  it("gives a new stage a key from its name until the key is edited", () => {
    expect(keyOf("Paid pilot")).toBe("paid_pilot");
    expect(keyOf("  Café – Go-live! ")).toBe("cafe_go_live");
    expect(keyOf("2nd year")).toBe("stage_2nd_year");
    expect(keyOf("!!")).toBe("");
    expect(keyOf("a".repeat(50))).toHaveLength(40);
    const named = withLabel(blankStage(), "Paid pilot");
    expect(named.key).toBe("paid_pilot");
    expect(withLabel({ ...named, key: "pilot", keyEdited: true }, "Pilot with a team").key).toBe("pilot");
    // A saved stage keeps its key whatever it is called.
    const saved = valuesOf(settings).stages[0];
    if (!saved) throw new Error("no stage");
    expect(withLabel(saved, "Kick-off").key).toBe("onboarding");
  });

  it("starts a new stage as the workspace's own, visible, without criteria, and with its own id", () => {
    const a = blankStage();
    expect(a).toMatchObject({
      builtIn: false,
      hidden: false,
      hasEntry: false,
      automatic: false,
      added: true,
    });
    expect(stagesOf([a])[0]).toMatchObject({ entry: null, automatic: false });
    const ids = valuesOf(settings).stages.map((s) => s.id);
    expect(new Set([...ids, a.id, blankStage().id]).size).toBe(5);
  });

  it("words first value with the milestone, or outcomes alone", () => {
    expect(firstValueText({ event: "Report Created", count: 10 })).toBe(
      "First value: the first key-player outcome achieved, or Report Created used 10 times, whichever comes first.",
    );
    expect(firstValueText(null)).toBe("First value: the first key-player outcome achieved.");
  });
});

describe("issues at their fields", () => {
  it("labels each stage's fields and the milestone with the words on screen", () => {
    const labels = lifecycleLabels(2);
    expect(labels["stages.1.label"]).toBe("Name");
    expect(labels["stages.0.automatic"]).toBe("Moving accounts in automatically");
    expect(labels["firstValueMilestone.count"]).toBe("Times");
    expect(labels["stages.2.label"]).toBeUndefined();
  });

  it("finds a name or key used twice before the server does", () => {
    const stages = stagesOf(valuesOf(settings).stages);
    const twice = [...stages, { ...stages[0], key: "pilot", label: "ONBOARDING" }] as typeof stages;
    expect(duplicateIssues(twice).map((i) => [i.path, i.message])).toEqual([
      ["stages.3.label", "is the name of another stage"],
      ["stages.3.key", "is the key of another stage"],
    ]);
  });

  it("hands each stage's builder only its own criteria's issues, as a segment's", () => {
    const issues = [
      { path: "stages.1.entry.conditions.0.value", code: "custom", message: "needs a number" },
      { path: "stages.0.entry", code: "custom", message: "is not valid" },
      { path: "stages.1.label", code: "too_small", message: "is required" },
      { path: "stages.10.entry.conditions.2.op", code: "custom", message: "z" },
    ];
    expect(issues.map(isEntryIssue)).toEqual([true, true, false, true]);
    expect(stageEntryIssues(issues, 1)).toEqual([
      { path: "filter.conditions.0.value", code: "custom", message: "needs a number" },
    ]);
    expect(stageEntryIssues(issues, 0).map((i) => i.path)).toEqual(["filter"]);
  });
});
