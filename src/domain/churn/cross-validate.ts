import { AppError } from "../../common/errors.ts";
import {
  brierScore,
  type CalibrationBin,
  calibrationByDecile,
  type RocPoint,
  rocAuc,
  rocCurve,
} from "../kernel/statistics.ts";
import { stratifiedFolds } from "./folds.rules.ts";
import { countsText } from "./outcome.rules.ts";
import { scoreRows } from "./predict-churn.ts";
import { type TrainOptions, trainOnRows } from "./train-churn-model.ts";
import type { TrainingSet } from "./training-set.rules.ts";

export type CrossValidateOptions = TrainOptions & {
  /** Number of folds (default 5). */
  folds?: number;
  /** Seed of the fold assignment (default "steward-churn"): the same seed gives the same report. */
  seed?: number | string;
};

/** One held-out fold: its accounts, how many of them have the outcome, and the AUC of its scores. */
export type FoldReport = { fold: number; accounts: number; positives: number; auc: number };

export type CrossValidation = {
  folds: FoldReport[];
  /** ROC AUC of all out-of-fold predictions pooled: the headline figure. */
  auc: number;
  /** Mean of the per-fold AUCs, as most papers report it. */
  meanFoldAuc: number;
  brier: number;
  calibration: CalibrationBin[];
  roc: RocPoint[];
  /** Each row's out-of-fold probability, aligned with `set.rows`. */
  outOfFold: number[];
  accounts: number;
  /** Accounts with the outcome (churned, or expanded). */
  positives: number;
  seed: number | string;
};

/**
 * Stratified k-fold cross-validation: each fold is scored by a model trained on the other folds
 * only (its encoding — levels, means, scales — included), so every figure is out of sample.
 */
export function crossValidate(set: TrainingSet, options: CrossValidateOptions = {}): CrossValidation {
  const k = options.folds ?? 5;
  const seed = options.seed ?? "steward-churn";
  const labels = set.rows.map((r) => (r.positive ? 1 : 0));
  const positives = labels.reduce((s: number, l) => s + l, 0);
  const negatives = set.rows.length - positives;
  if (positives < k || negatives < k)
    throw new AppError(
      "NOT_ENOUGH_HISTORY",
      `${k}-fold cross-validation needs at least ${countsText(set.kind, k, k)} accounts; ` +
        `there are ${countsText(set.kind, positives, negatives)}.`,
      { positives, negatives },
    );
  const fold = stratifiedFolds(labels, k, seed);
  const outOfFold = new Array<number>(set.rows.length).fill(Number.NaN);
  const folds: FoldReport[] = [];
  for (let f = 0; f < k; f++) {
    const train: number[] = [];
    const test: number[] = [];
    fold.forEach((g, i) => {
      (g === f ? test : train).push(i);
    });
    const model = trainOnRows(set, train, options);
    const scores = scoreRows(model, set, test);
    test.forEach((i, t) => {
      outOfFold[i] = scores[t] as number;
    });
    const testLabels = test.map((i) => labels[i] as number);
    folds.push({
      fold: f + 1,
      accounts: test.length,
      positives: testLabels.reduce((s, l) => s + l, 0),
      auc: rocAuc(scores, testLabels),
    });
  }
  return {
    folds,
    auc: rocAuc(outOfFold, labels),
    meanFoldAuc: folds.reduce((s, r) => s + r.auc, 0) / folds.length,
    brier: brierScore(outOfFold, labels),
    calibration: calibrationByDecile(outOfFold, labels),
    roc: rocCurve(outOfFold, labels),
    outOfFold,
    accounts: set.rows.length,
    positives,
    seed,
  };
}
