import { describe, expect, it } from "vitest";
import { type Playbook, ZPlaybookCreate } from "../../../contract/index.ts";
import { ApiError } from "../../api.ts";
import { apiFormErrors, schemaFormErrors } from "../../lib/issues.ts";
import { blankStep, bodyOf, nameTakenMessage, PLAYBOOK_LABELS, valuesOf } from "./playbookDraft.ts";

const playbook: Playbook = {
  id: "01a24f44-988c-76f7-b506-aeca7f5b8878",
  key: "risk",
  name: "Risk: health turned poor",
  description: "Find why, act, agree a save plan.",
  type: "risk",
  steps: [
    { title: "Review", description: null, dueInDays: 1, ownerRole: "csm", priority: "high" },
    {
      title: "Call",
      description: "Hear it from them",
      dueInDays: 3,
      ownerRole: "account_owner",
      priority: "urgent",
    },
  ],
  archived: false,
  runs: { active: 0, completed: 0, heldOut: 0 },
  createdAt: "2026-01-01T00:00:00.000Z",
  updatedAt: "2026-01-01T00:00:00.000Z",
};

describe("playbook drafts", () => {
  it("round-trip a saved playbook into the body the API takes", () => {
    expect(bodyOf(valuesOf(playbook))).toEqual({
      name: playbook.name,
      description: playbook.description,
      type: "risk",
      steps: playbook.steps,
    });
  });

  it("start a new playbook with one step for the CSM; trim text and send blanks as null", () => {
    const v = valuesOf(undefined);
    expect(v.steps).toHaveLength(1);
    expect(v.steps[0]).toMatchObject({ ownerRole: "csm", priority: "medium", dueInDays: 3 });
    const body = bodyOf({
      ...v,
      name: "  Win back  ",
      description: "  ",
      steps: [{ ...blankStep(), title: " Call ", description: "", dueInDays: 0 }],
    });
    expect(body).toMatchObject({ name: "Win back", description: null });
    expect(body.steps[0]).toMatchObject({ title: "Call", description: null, dueInDays: 0 });
  });

  it("put a new step a week after the last one, at most a year from the start", () => {
    expect(blankStep({ dueInDays: 10 }).dueInDays).toBe(17);
    expect(blankStep({ dueInDays: "" }).dueInDays).toBe(7);
    expect(blankStep({ dueInDays: 362 }).dueInDays).toBe(365);
    expect(blankStep().key).not.toBe(blankStep().key);
  });

  it("say what is wrong at the step's own field, in words, before sending", () => {
    const v = valuesOf(playbook);
    const draft = {
      ...v,
      name: "",
      steps: [
        { ...(v.steps[0] as (typeof v.steps)[number]), dueInDays: 400 as const },
        { ...(v.steps[1] as (typeof v.steps)[number]), title: " ", dueInDays: "" as const },
      ],
    };
    expect(schemaFormErrors(ZPlaybookCreate, bodyOf(draft), PLAYBOOK_LABELS)).toEqual({
      name: "Name is required",
      "steps.0.dueInDays": "Due in is at most a year",
      "steps.1.title": "Title is required",
      "steps.1.dueInDays": "Due in is required",
    });
  });

  it("put the server's issues at the fields their paths name", () => {
    const refused = new ApiError(400, "VALIDATION_FAILED", "Invalid", {
      issues: [
        {
          path: ["body", "steps", "2", "dueInDays"],
          code: "too_small",
          message: "cannot be before the start",
        },
        { path: ["body", "steps"], code: "too_big", message: "has at most 30 steps" },
      ],
    });
    expect(apiFormErrors(refused, PLAYBOOK_LABELS)).toEqual({
      "steps.2.dueInDays": "Due in cannot be before the start",
      steps: "Steps has at most 30 steps",
    });
  });

  it("read a taken name (409 naming the field) for the Name field, and nothing else", () => {
    const taken = new ApiError(409, "CONFLICT", "Another playbook already has this name", {
      issues: [{ path: "name", message: "is already the name of another playbook" }],
    });
    expect(nameTakenMessage(taken)).toBe("Another playbook already has this name");
    expect(nameTakenMessage(new ApiError(409, "CONFLICT", "This playbook has runs"))).toBeNull();
    expect(nameTakenMessage(new Error("boom"))).toBeNull();
    expect(nameTakenMessage(null)).toBeNull();
  });
});
