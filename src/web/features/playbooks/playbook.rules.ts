import type { Playbook, PlaybookRun, TaskReason } from "../../../contract/index.ts";
import { formatDecimal } from "../../lib/format.ts";

/** Which step of which run an inbox item is, read from a playbook reason's data. */
export type StepRef = {
  playbookId: string;
  playbookName: string;
  runId: string;
  step: number;
  steps: number;
};

/** The run and step a playbook step's task belongs to; null for other reasons or incomplete data. */
export function stepOfReason(reason: TaskReason): StepRef | null {
  if (reason.kind !== "playbook") return null;
  const { playbookId, playbookName, runId, step, steps } = reason.data;
  if (typeof playbookId !== "string" || typeof runId !== "string") return null;
  if (typeof step !== "number" || typeof steps !== "number") return null;
  return {
    playbookId,
    runId,
    step,
    steps,
    playbookName: typeof playbookName === "string" ? playbookName : "Playbook",
  };
}

/** "Step 2 of 5 · Risk: health turned poor". */
export const stepRefText = (r: StepRef): string => `Step ${r.step} of ${r.steps} · ${r.playbookName}`;

/** Steps closed as a whole percentage of all; a run without steps (held out) is at 0. */
export const progressPercent = (p: PlaybookRun["progress"]): number =>
  p.total === 0 ? 0 : Math.round((p.closed / p.total) * 100);

/** "3 of 5 steps closed", and how many are overdue. */
export const progressText = (p: PlaybookRun["progress"]): string =>
  p.total === 0
    ? "No steps: held out"
    : `${p.closed} of ${p.total} step${p.total === 1 ? "" : "s"} closed${p.overdue > 0 ? ` · ${p.overdue} overdue` : ""}`;

const sign = (x: number) => (x > 0 ? "+" : x < 0 ? "−" : "±");

/** A change of the health score in points: +3.2, −1.5, ±0; "—" when unknown. */
export const pointsText = (x: number | null): string =>
  x === null ? "—" : `${sign(x)}${formatDecimal(Math.abs(x))}`;

/** A difference of two rates in percentage points: 0.042 → "+4.2 pts"; "—" when unknown. */
export const rateDiffText = (x: number | null): string =>
  x === null ? "—" : `${sign(x)}${formatDecimal(Math.abs(x) * 100)} pts`;

/** What "Restore defaults" did, in a sentence. */
export const restoredText = (added: Pick<Playbook, "name">[]): string =>
  added.length === 0
    ? "Nothing was missing: every default playbook is here."
    : `Added back ${added.length === 1 ? "a default playbook" : `${added.length} default playbooks`}: ${added.map((p) => p.name).join(", ")}.`;

/**
 * What a step's reason says besides which step it is ("started by rule “X”: health turned poor"),
 * for showing after the step's link; the whole text when it does not start the usual way.
 */
export function reasonAfterStep(text: string, r: StepRef): string {
  const prefix = `Step ${r.step} of ${r.steps} of the "${r.playbookName}" playbook, `;
  return text.startsWith(prefix) ? text.slice(prefix.length) : text;
}

/** Where a step's task went, in words: to the role's holder, or to the owner as nobody holds it. */
export const ownerFromText = (from: unknown): string | null =>
  from === "account_team"
    ? "The person in that role on the account team"
    : from === "account_owner"
      ? "The account owner: nobody holds the role on the account team"
      : null;
