import type { ChurnKind } from "../../contract/churn.ts";
import { rocAuc } from "../kernel/statistics.ts";
import { OUTCOME_WORDS } from "./outcome.rules.ts";
import type { Column, ColumnKind, RawValue } from "./training-set.rules.ts";

/**
 * A guard against columns that record the outcome (a "churned" flag, a cancellation reason, a
 * field filled in only for customers who left): such a column makes a model that looks perfect in
 * evaluation and predicts nothing. Honest predictors of churn are far from perfect on their own.
 */

/** How far one column alone separates churned from retained accounts (0.5 = not at all, 1 = fully). */
export function separation(kind: ColumnKind, values: RawValue[], labels: number[]): number {
  let scores: number[];
  if (kind === "numeric") scores = values.map((v) => (typeof v === "number" ? v : Number.NEGATIVE_INFINITY));
  else if (kind === "boolean") scores = values.map((v) => (v === true ? 1 : v === false ? 0 : 0.5));
  else {
    // A level's own churn rate; levels of fewer than 5 accounts are pooled, so an id-like text
    // column (every value unique) does not look like a perfect separator.
    const stats = new Map<string, [number, number]>();
    const keyOf = (v: RawValue) => (v === null ? "\u0000missing" : String(v));
    values.forEach((v, i) => {
      const s = stats.get(keyOf(v)) ?? [0, 0];
      s[0] += labels[i] as number;
      s[1] += 1;
      stats.set(keyOf(v), s);
    });
    let rareChurned = 0;
    let rareCount = 0;
    for (const [c, n] of stats.values())
      if (n < 5) {
        rareChurned += c;
        rareCount += n;
      }
    scores = values.map((v) => {
      const [c, n] = stats.get(keyOf(v)) ?? [0, 1];
      return n < 5 ? rareChurned / rareCount : c / n;
    });
  }
  const auc = rocAuc(scores, labels);
  return Number.isNaN(auc) ? 0.5 : Math.max(auc, 1 - auc);
}

/** A column that alone separates the classes this well most likely records the outcome itself. */
export const LEAK_SEPARATION = 0.99;
const LEAK_MIN_PER_CLASS = 20;

/**
 * Columns (by index) that alone separate the accounts with the outcome from those without almost
 * perfectly, each with the warning that says why it is left out. Only judged with enough accounts of
 * both classes.
 */
export function findLeaks(
  columns: Column[],
  values: RawValue[][],
  labels: number[],
  kind: ChurnKind = "churn",
): Map<number, string> {
  const leaks = new Map<number, string>();
  const words = OUTCOME_WORDS[kind];
  const positives = labels.reduce((s, l) => s + l, 0);
  if (positives < LEAK_MIN_PER_CLASS || labels.length - positives < LEAK_MIN_PER_CLASS) return leaks;
  columns.forEach((c, j) => {
    const s = separation(c.kind, values[j] ?? [], labels);
    if (s >= LEAK_SEPARATION)
      leaks.set(
        j,
        `"${c.label}" is not used: on its own it tells ${words.positive} from ${words.negative} accounts ` +
          `(AUC ${s.toFixed(3)}), so it most likely records the outcome.`,
      );
  });
  return leaks;
}
