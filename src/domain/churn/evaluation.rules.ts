import { AppError } from "../../common/errors.ts";
import type { ChurnDriver, ChurnEvaluation } from "../../contract/churn.ts";
import type { CrossValidation } from "./cross-validate.ts";
import { countsText, modelName } from "./outcome.rules.ts";
import type { ChurnPrediction } from "./predict-churn.ts";
import type { TrainingSet } from "./training-set.rules.ts";

/**
 * Accounts of each class a workspace needs before Steward trains a model on it: with fewer, each
 * held-out fold holds one or two positives and the evaluation says nothing.
 */
export const MIN_PER_CLASS_TO_TRAIN = 10;
export const DEFAULT_FOLDS = 5;
/** The fold assignment's seed when none is given: the same data gives the same report. */
export const DEFAULT_SEED = 1;

/** Throws NOT_ENOUGH_HISTORY (422) when the set has too few accounts of either class. */
export function checkHistory(set: TrainingSet, folds = DEFAULT_FOLDS): void {
  const positives = set.rows.filter((r) => r.positive).length;
  const negatives = set.rows.length - positives;
  const need = Math.max(MIN_PER_CLASS_TO_TRAIN, folds);
  if (positives >= need && negatives >= need) return;
  const how =
    set.kind === "churn"
      ? "A customer counts as churned once all its subscriptions have ended."
      : "A customer counts as expanded once a later subscription took its MRR above what its first paid subscriptions brought in.";
  throw new AppError(
    "NOT_ENOUGH_HISTORY",
    `Not enough history to train ${modelName(set.kind)}: it needs at least ${countsText(set.kind, need, need)} ` +
      `accounts, and the workspace has ${countsText(set.kind, positives, negatives)}. ${how} ` +
      `Import more of your customers' history (subscriptions with their start and end dates), then train again.`,
    { kind: set.kind, positives, negatives, required: need },
  );
}

const finite = (x: number): number => (Number.isFinite(x) ? x : 0);

/** The stored, published evaluation: cross-validation figures plus what the set and the final model hold. */
export function toEvaluation(set: TrainingSet, cv: CrossValidation, features: number): ChurnEvaluation {
  return {
    asOf: set.asOf,
    accounts: cv.accounts,
    positives: cv.positives,
    negatives: cv.accounts - cv.positives,
    columns: set.columns.length,
    features,
    auc: finite(cv.auc),
    meanFoldAuc: finite(cv.meanFoldAuc),
    brier: finite(cv.brier),
    seed: cv.seed,
    folds: cv.folds.map((f) => ({ ...f, auc: finite(f.auc) })),
    calibration: cv.calibration,
    // The curve's first point has an infinite threshold, which JSON cannot hold; people read the rates.
    roc: cv.roc.map(({ fpr, tpr }) => ({ fpr, tpr })),
    excluded: set.excluded,
    warnings: set.warnings,
  };
}

/** Drivers as stored and answered: readable label, raw value, signed contribution (rounded for JSON). */
export const toDrivers = (p: ChurnPrediction): ChurnDriver[] =>
  p.drivers.map((d) => ({
    column: d.column,
    label: d.label,
    value: typeof d.value === "number" && !Number.isFinite(d.value) ? null : d.value,
    contribution: Math.round(d.contribution * 1e4) / 1e4,
  }));
