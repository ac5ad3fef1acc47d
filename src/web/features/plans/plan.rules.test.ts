import { describe, expect, it } from "vitest";
import { type PlanItem, type PlanOutcome, ZPlanTemplateCreate } from "../../../contract/index.ts";
import { apiFormErrors, schemaFormErrors } from "../../lib/issues.ts";
import {
  canMove,
  changedFields,
  confirmationText,
  movedPosition,
  objectiveGroups,
  ownersText,
  percent,
  sharedCount,
} from "./plan.rules.ts";
import { blankMilestone, draftOf, TEMPLATE_LABELS, templateBody } from "./templateDraft.ts";

let seq = 0;
const item = (over: Partial<PlanItem>): PlanItem => ({
  id: `0190a1b2-0000-7000-8000-${String(++seq).padStart(12, "0")}`,
  kind: "objective",
  parentId: null,
  title: `Item ${seq}`,
  description: null,
  internalNotes: null,
  status: "not_started",
  dueDate: null,
  owner: null,
  customerOwner: null,
  shared: false,
  position: 0,
  progress: 0,
  overdue: false,
  completedAt: null,
  outcomes: [],
  ...over,
});

const o1 = item({ position: 1, title: "Adopt" });
const o0 = item({ position: 0, title: "Onboard", shared: true });
const m0 = item({ kind: "milestone", parentId: o0.id, position: 0, shared: true });
const m1 = item({ kind: "milestone", parentId: o0.id, position: 1 });
const m2 = item({ kind: "milestone", parentId: o1.id, position: 0 });
// The API's order, but the rules go by position, not by where an item stands in the array.
const items = [o1, m2, o0, m1, m0];

describe("a plan's items", () => {
  it("groups milestones under their objective, both in order of position", () => {
    const groups = objectiveGroups(items);
    expect(groups.map((g) => g.objective.title)).toEqual(["Onboard", "Adopt"]);
    expect(groups[0]?.milestones.map((m) => m.id)).toEqual([m0.id, m1.id]);
    expect(groups[1]?.milestones.map((m) => m.id)).toEqual([m2.id]);
  });

  it("moves an item among its own siblings only: 0 is first, nothing past either end", () => {
    expect(movedPosition(items, o1, -1)).toBe(0);
    expect(movedPosition(items, o1, 1)).toBeNull();
    expect(movedPosition(items, m0, 1)).toBe(1);
    expect(movedPosition(items, m0, -1)).toBeNull();
    // The only milestone of its objective goes nowhere, though other milestones exist.
    expect(canMove(items, m2, -1)).toBe(false);
    expect(canMove(items, m2, 1)).toBe(false);
  });

  it("counts the items on the customer's page: shared ones, milestones only under a shared objective", () => {
    expect(sharedCount(items)).toEqual({ shown: 2, total: 5 });
    const hiddenParent = item({ kind: "milestone", parentId: o1.id, position: 1, shared: true });
    expect(sharedCount([...items, hiddenParent])).toEqual({ shown: 2, total: 6 });
    expect(sharedCount([])).toEqual({ shown: 0, total: 0 });
  });
});

describe("words and figures", () => {
  it("shows a 0–1 fraction as a whole percentage within 0–100", () => {
    expect(percent(0.333)).toBe(33);
    expect(percent(2 / 3)).toBe(67);
    expect(percent(1.2)).toBe(100);
    expect(percent(-0.1)).toBe(0);
    expect(percent(Number.NaN)).toBe(0);
  });

  it("names the owners on both sides", () => {
    expect(ownersText({ owner: { id: o0.id, name: "Sam" }, customerOwner: null })).toBe("Sam (us)");
    expect(
      ownersText({ owner: { id: o0.id, name: "Sam" }, customerOwner: { id: o1.id, name: "Dana" } }),
    ).toBe("Sam (us) · Dana (customer)");
    expect(ownersText({ owner: null, customerOwner: null })).toBeNull();
  });

  const outcome = (c: PlanOutcome["customerConfirmation"]): PlanOutcome => ({
    id: o0.id,
    contactId: o1.id,
    contactName: "Dana Lee",
    kind: "business_outcome",
    title: "Close the books in 3 days",
    status: "achieved",
    dueDate: null,
    customerConfirmation: c,
  });

  it("says what the key player confirmed, with their comment", () => {
    expect(confirmationText(outcome(null))).toBeNull();
    const yes = confirmationText(outcome({ verdict: "achieved", comment: null, at: "2026-12-03T10:00:00Z" }));
    expect(yes).toMatch(/^Confirmed achieved by Dana Lee, .*3.*2026$/);
    const notYet = confirmationText(
      outcome({ verdict: "not_yet", comment: "Still 5 days", at: "2026-12-03T10:00:00Z" }),
    );
    expect(notYet).toMatch(/^Not yet, says Dana Lee \(.+\) — “Still 5 days”$/);
  });

  it("sends only the fields that changed, lists compared whatever their order", () => {
    const before = { title: "A", shared: false, outcomeIds: ["x", "y"], dueDate: null as string | null };
    expect(changedFields(before, { ...before, outcomeIds: ["y", "x"] })).toEqual({});
    expect(changedFields(before, { ...before, shared: true, dueDate: "2026-03-01" })).toEqual({
      shared: true,
      dueDate: "2026-03-01",
    });
    expect(changedFields(before, { ...before, outcomeIds: ["x"] })).toEqual({ outcomeIds: ["x"] });
  });
});

describe("a plan template's draft", () => {
  it("round-trips a template, leaving blank text and days out", () => {
    const draft = draftOf({
      id: o0.id,
      name: "Onboarding",
      description: null,
      objectives: [{ title: "Live", dueInDays: 30, milestones: [{ title: "Kickoff" }] }],
      createdAt: "2026-01-01T00:00:00Z",
    });
    expect(templateBody(draft)).toEqual({
      name: "Onboarding",
      description: null,
      objectives: [
        {
          title: "Live",
          description: undefined,
          dueInDays: 30,
          milestones: [{ title: "Kickoff", dueInDays: undefined }],
        },
      ],
    });
  });

  it("starts a new template with one empty objective, and names every field by its place", () => {
    expect(draftOf(undefined).objectives).toHaveLength(1);
    expect(TEMPLATE_LABELS["objectives.1.milestones.0.title"]).toBe("Milestone 1 of objective 2");
    expect(TEMPLATE_LABELS["objectives.19.milestones.29.dueInDays"]).toBeDefined();
  });

  it("puts a problem at the very field it is about, in words", () => {
    const draft = draftOf(undefined);
    const [first] = draft.objectives;
    if (!first) throw new Error("no objective");
    first.title = "Live";
    first.milestones.push(blankMilestone());
    draft.name = "Onboarding";
    expect(schemaFormErrors(ZPlanTemplateCreate, templateBody(draft), TEMPLATE_LABELS)).toEqual({
      "objectives.0.milestones.0.title": "Milestone 1 of objective 1 is required",
    });
    const answer = {
      code: "VALIDATION_FAILED",
      details: { issues: [{ path: ["body", "objectives", 1, "dueInDays"], message: "must be 0 or more" }] },
    };
    expect(apiFormErrors(answer, TEMPLATE_LABELS)).toEqual({
      "objectives.1.dueInDays": "The due day of objective 2 must be 0 or more",
    });
  });
});
