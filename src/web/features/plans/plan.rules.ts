import type { PlanItem, PlanOutcome, PlanSummary } from "../../../contract/index.ts";
import { formatDate } from "../../lib/format.ts";

/** An objective with its milestones, in the plan's order. */
export type ObjectiveGroup = { objective: PlanItem; milestones: PlanItem[] };

/** The plan's items as objectives, each with its milestones beneath, both in order of position. */
export const objectiveGroups = (items: PlanItem[]): ObjectiveGroup[] => {
  const byPosition = (a: PlanItem, b: PlanItem) => a.position - b.position;
  return items
    .filter((i) => i.kind === "objective")
    .sort(byPosition)
    .map((objective) => ({
      objective,
      milestones: items.filter((i) => i.parentId === objective.id).sort(byPosition),
    }));
};

/** The item's siblings in order: the objectives, or the milestones of the same objective. */
const siblingsOf = (items: PlanItem[], item: PlanItem): PlanItem[] =>
  items
    .filter((i) => i.kind === item.kind && i.parentId === item.parentId)
    .sort((a, b) => a.position - b.position);

/**
 * Where the item goes when moved up (−1) or down (+1): its new place among its siblings, 0 first,
 * as `position` of the API takes it; null at either end.
 */
export const movedPosition = (items: PlanItem[], item: PlanItem, by: -1 | 1): number | null => {
  const siblings = siblingsOf(items, item);
  const at = siblings.findIndex((i) => i.id === item.id);
  const to = at + by;
  return at < 0 || to < 0 || to >= siblings.length ? null : to;
};

/** Whether the item can move that way (it has a sibling there). */
export const canMove = (items: PlanItem[], item: PlanItem, by: -1 | 1): boolean =>
  movedPosition(items, item, by) !== null;

/**
 * How many items the customer's page shows: the shared objectives, and the shared milestones of
 * those (a milestone under an objective kept internal is not shown).
 */
export const sharedCount = (items: PlanItem[]): { shown: number; total: number } => {
  const shownObjectives = new Set(items.filter((i) => i.kind === "objective" && i.shared).map((i) => i.id));
  const shown = items.filter((i) =>
    i.kind === "objective" ? i.shared : i.shared && i.parentId !== null && shownObjectives.has(i.parentId),
  ).length;
  return { shown, total: items.length };
};

/** A 0–1 fraction as a whole percentage for a progress bar, held to 0–100. */
export const percent = (fraction: number): number =>
  Number.isFinite(fraction) ? Math.min(100, Math.max(0, Math.round(fraction * 100))) : 0;

/** The key player's word on an outcome, in a line: "Confirmed achieved by Dana Lee, Dec 3, 2026". */
export const confirmationText = (o: PlanOutcome): string | null => {
  const c = o.customerConfirmation;
  if (!c) return null;
  const when = formatDate(c.at.slice(0, 10));
  if (c.verdict === "achieved") {
    return `Confirmed achieved by ${o.contactName}, ${when}${c.comment ? ` — “${c.comment}”` : ""}`;
  }
  return `Not yet, says ${o.contactName} (${when})${c.comment ? ` — “${c.comment}”` : ""}`;
};

/** The fields of `after` whose values differ from `before` (arrays compared as sets of ids). */
export const changedFields = <T extends Record<string, unknown>>(before: T, after: T): Partial<T> => {
  const same = (a: unknown, b: unknown) =>
    Array.isArray(a) && Array.isArray(b)
      ? a.length === b.length && [...a].sort().join() === [...b].sort().join()
      : a === b;
  return Object.fromEntries(Object.entries(after).filter(([k, v]) => !same(before[k], v))) as Partial<T>;
};

/** Who owns a plan or an item on either side, in a line; null when no one does yet. */
export const ownersText = (p: Pick<PlanSummary, "owner" | "customerOwner">): string | null =>
  [p.owner ? `${p.owner.name} (us)` : null, p.customerOwner ? `${p.customerOwner.name} (customer)` : null]
    .filter(Boolean)
    .join(" · ") || null;
