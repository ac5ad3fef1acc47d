import type {
  Playbook,
  PlaybookCreateIn,
  PlaybookOwnerRole,
  PlaybookStepIn,
  TaskPriority,
  TaskType,
} from "../../../contract/index.ts";
import type { FieldLabels } from "../../lib/issues.ts";

/** How many steps the API takes in a playbook (contract/playbooks.ts). */
export const MAX_STEPS = 30;

type Days = number | "";

/**
 * A playbook as its form edits it. Field paths are the API's own (`steps.1.dueInDays`), so what
 * the contract's check or the server refuses lands on the field it names.
 */
export type StepDraft = {
  /** Keeps a step's inputs while steps above it move or go. */
  key: string;
  title: string;
  description: string;
  dueInDays: Days;
  ownerRole: PlaybookOwnerRole;
  priority: TaskPriority;
};

export type PlaybookValues = { name: string; description: string; type: TaskType; steps: StepDraft[] };

let seq = 0;
const nextKey = () => `step-${++seq}`;

/** A new step: for the CSM, a week after the one before it (or three days after the start). */
export const blankStep = (after?: Pick<StepDraft, "dueInDays">): StepDraft => ({
  key: nextKey(),
  title: "",
  description: "",
  dueInDays: after ? Math.min(365, (after.dueInDays === "" ? 0 : after.dueInDays) + 7) : 3,
  ownerRole: "csm",
  priority: "medium",
});

/** The form's starting values: the playbook's, or a new one with one empty step. */
export const valuesOf = (p: Playbook | undefined): PlaybookValues =>
  p
    ? {
        name: p.name,
        description: p.description ?? "",
        type: p.type,
        steps: p.steps.map((s) => ({
          key: nextKey(),
          title: s.title,
          description: s.description ?? "",
          dueInDays: s.dueInDays,
          ownerRole: s.ownerRole,
          priority: s.priority,
        })),
      }
    : { name: "", description: "", type: "risk", steps: [blankStep()] };

const text = (s: string): string | null => (s.trim() === "" ? null : s.trim());

/**
 * The body the API takes. An empty due-in box is left out, so the contract's check says "Due in is
 * required" at the box; such a body is never sent (the form checks it before the call).
 */
export type PlaybookBody = Omit<PlaybookCreateIn, "steps"> & {
  steps: (Omit<PlaybookStepIn, "dueInDays"> & { dueInDays?: number })[];
};

export const bodyOf = (v: PlaybookValues): PlaybookBody => ({
  name: v.name.trim(),
  description: text(v.description),
  type: v.type,
  steps: v.steps.map((s) => ({
    title: s.title.trim(),
    description: text(s.description),
    ...(s.dueInDays === "" ? {} : { dueInDays: s.dueInDays }),
    ownerRole: s.ownerRole,
    priority: s.priority,
  })),
});

/** Each step's fields by the labels its inputs show, so an issue reads "Due in is at most a year". */
export const PLAYBOOK_LABELS: FieldLabels = (() => {
  const labels: FieldLabels = { name: "Name", description: "Description", type: "Tasks are", steps: "Steps" };
  for (let i = 0; i < MAX_STEPS; i++) {
    labels[`steps.${i}.title`] = "Title";
    labels[`steps.${i}.description`] = "Description";
    labels[`steps.${i}.dueInDays`] = "Due in";
    labels[`steps.${i}.ownerRole`] = "Owner";
    labels[`steps.${i}.priority`] = "Priority";
  }
  return labels;
})();

/** The server's "another playbook already has this name" (a 409 naming `name`), for the Name field. */
export const nameTakenMessage = (e: unknown): string | null => {
  const err = e as { code?: unknown; message?: unknown; details?: unknown } | null;
  if (!err || typeof err !== "object" || err.code !== "CONFLICT" || typeof err.message !== "string")
    return null;
  const issues = (err.details as { issues?: unknown } | null)?.issues;
  const atName =
    Array.isArray(issues) && issues.some((i) => (i as { path?: unknown } | null)?.path === "name");
  return atName ? err.message : null;
};
