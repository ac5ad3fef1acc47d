import { describe, expect, it } from "vitest";
import type { PlanItem, PlanOutcome } from "../../contract/plans.ts";
import { itemProgress, itemsFromTemplate, planProgress, reorder, sharedView } from "./plan.rules.ts";

const item = (over: Partial<PlanItem>): PlanItem => ({
  id: "o1",
  kind: "objective",
  parentId: null,
  title: "Objective",
  description: null,
  internalNotes: "internal",
  status: "not_started",
  dueDate: null,
  owner: null,
  customerOwner: null,
  shared: true,
  position: 0,
  progress: 0,
  overdue: false,
  completedAt: null,
  outcomes: [],
  ...over,
});
const outcome = (over: Partial<PlanOutcome>): PlanOutcome => ({
  id: "x",
  contactId: "bea",
  contactName: "Bea",
  kind: "business_outcome",
  title: "Outcome",
  status: "planned",
  dueDate: null,
  customerConfirmation: null,
  ...over,
});

describe("progress", () => {
  it("is the share of milestones done for an objective with milestones, else done or not", () => {
    const rows = [
      { id: "o1", kind: "objective", status: "in_progress", parentId: null },
      { id: "m1", kind: "milestone", status: "done", parentId: "o1" },
      { id: "m2", kind: "milestone", status: "in_progress", parentId: "o1" },
      { id: "m3", kind: "milestone", status: "done", parentId: "o1" },
      { id: "o2", kind: "objective", status: "done", parentId: null },
    ];
    expect(itemProgress(rows[0] as never, rows)).toBeCloseTo(2 / 3);
    expect(itemProgress(rows[4] as never, rows)).toBe(1);
    expect(planProgress(rows)).toBeCloseTo((2 / 3 + 1) / 2);
    expect(planProgress([])).toBe(0);
  });
});

describe("templates and order", () => {
  it("dates a template's items from the plan's start and keeps milestones under their objective", () => {
    let n = 0;
    const items = itemsFromTemplate(
      {
        objectives: [
          {
            title: "Go live",
            dueInDays: 30,
            milestones: [{ title: "Trained", dueInDays: 10 }, { title: "Undated" }],
          },
        ],
      },
      "2026-12-30",
      () => `id${++n}`,
    );
    expect(items.map((i) => [i.kind, i.title, i.dueDate, i.parentId, i.position])).toEqual([
      ["objective", "Go live", "2027-01-29", null, 0],
      ["milestone", "Trained", "2027-01-09", "id1", 0],
      ["milestone", "Undated", null, "id1", 1],
    ]);
  });

  it("moves an item among its siblings, clamping the position", () => {
    expect(reorder(["a", "b", "c"], "c", 0)).toEqual(["c", "a", "b"]);
    expect(reorder(["a", "b", "c"], "a", 99)).toEqual(["b", "c", "a"]);
  });
});

describe("what a link shows", () => {
  const plan = {
    items: [
      item({
        id: "o1",
        outcomes: [
          outcome({ id: "bea-goal" }),
          outcome({ id: "bea-win", kind: "personal_win" }),
          outcome({ id: "cy-win", kind: "personal_win", contactId: "cy" }),
        ],
      }),
      item({ id: "m1", kind: "milestone", parentId: "o1", status: "done" }),
      item({ id: "m2", kind: "milestone", parentId: "o1", shared: false, title: "Internal step" }),
      item({ id: "o2", shared: false, title: "Upsell" }),
    ],
  };

  it("shows shared items only, never internal notes, and nobody's personal win but the viewer's own", () => {
    const view = sharedView(plan, "bea");
    expect(view.objectives.map((o) => o.id)).toEqual(["o1"]);
    expect(view.objectives[0]?.milestones.map((m) => m.id)).toEqual(["m1"]);
    expect(JSON.stringify(view)).not.toContain("internal");
    expect(view.objectives[0]?.outcomes.map((o) => [o.id, o.canConfirm])).toEqual([
      ["bea-goal", true],
      ["bea-win", true],
    ]);
    // Progress from what is shown: the one shared milestone is done.
    expect(view.progress).toBe(1);
  });

  it("lets nobody confirm through a view-only link and hides every personal win there", () => {
    const view = sharedView(plan, null);
    expect(view.objectives[0]?.outcomes.map((o) => [o.id, o.canConfirm])).toEqual([["bea-goal", false]]);
  });
});
