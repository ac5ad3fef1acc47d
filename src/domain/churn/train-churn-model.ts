import { AppError } from "../../common/errors.ts";
import type { ChurnKind } from "../../contract/churn.ts";
import {
  type ColumnEncoding,
  type EncodingOptions,
  encodeRow,
  type Feature,
  featuresOf,
  fitEncoding,
} from "./encoding.rules.ts";
import { fitLogistic, linearPredictor } from "./logistic.rules.ts";
import { countsText } from "./outcome.rules.ts";
import type { RawValue, TrainingSet } from "./training-set.rules.ts";

/**
 * A trained model (of churn, or expansion: `outcome`) as plain JSON, so it can be stored in a table and scored later without the
 * data it was trained on: how to encode each column, the features, coefficients and the averages
 * that explanations are measured from.
 */
export type ChurnModel = {
  format: "steward.churn-model/1";
  kind: "logistic";
  /** What it predicts. */
  outcome: ChurnKind;
  /** The `asOf` of the set it was trained on. */
  asOf: string;
  trainedOn: { accounts: number; positives: number };
  options: { l2: number };
  columns: ColumnEncoding[];
  features: Feature[];
  intercept: number;
  coefficients: number[];
  /** Each feature's mean over the training rows. */
  featureMeans: number[];
  /** Log-odds of an account whose every feature is the training average: where drivers start from. */
  baseLogOdds: number;
  converged: boolean;
};

export type TrainOptions = EncodingOptions & {
  /**
   * L2 penalty λ on the sum of the log-loss (sklearn's C = 1/λ). The default 1 is sklearn's
   * default; with standardized inputs and thousands of rows the result barely depends on it.
   */
  l2?: number;
};

/** Minimum accounts of each class to fit at all: fewer gives coefficients that mean nothing. */
export const MIN_PER_CLASS = 5;

const columnValues = (set: TrainingSet, rows: number[]): RawValue[][] =>
  set.columns.map((_, j) => rows.map((i) => set.rows[i]?.values[j] ?? null));

/** A function from a row of `set` to its raw value by column key. */
export const rowReader = (set: TrainingSet) => {
  const index = new Map(set.columns.map((c, j) => [c.key, j]));
  return (i: number) => (key: string) => {
    const j = index.get(key);
    return j === undefined ? undefined : (set.rows[i]?.values[j] ?? null);
  };
};

/** Trains on the given rows of the set (all of them by default); cross-validation passes its training folds. */
export function trainOnRows(set: TrainingSet, rows: number[], options: TrainOptions = {}): ChurnModel {
  const l2 = options.l2 ?? 1;
  const labels = rows.map((i) => (set.rows[i]?.positive ? 1 : 0));
  const positives = labels.reduce((s: number, l) => s + l, 0);
  const negatives = rows.length - positives;
  if (positives < MIN_PER_CLASS || negatives < MIN_PER_CLASS)
    throw new AppError(
      "NOT_ENOUGH_HISTORY",
      `A model of ${set.kind} needs at least ${countsText(set.kind, MIN_PER_CLASS, MIN_PER_CLASS)} accounts; ` +
        `there are ${countsText(set.kind, positives, negatives)}.`,
      { positives, negatives },
    );
  const columns = fitEncoding(set.columns, columnValues(set, rows), options);
  const features = featuresOf(columns);
  const read = rowReader(set);
  const x = rows.map((i) => encodeRow(columns, features.length, read(i)).x);
  const fit = fitLogistic(x, labels, { l2 });
  const featureMeans = features.map(
    (_, j) => x.reduce((s, r) => s + (r[j] as number), 0) / Math.max(x.length, 1),
  );
  return {
    format: "steward.churn-model/1",
    kind: "logistic",
    outcome: set.kind,
    asOf: set.asOf,
    trainedOn: { accounts: rows.length, positives },
    options: { l2 },
    columns,
    features,
    intercept: fit.intercept,
    coefficients: fit.coefficients,
    featureMeans,
    baseLogOdds: linearPredictor(fit.intercept, fit.coefficients, featureMeans),
    converged: fit.converged,
  };
}

/**
 * Trains a model of the set's kind on every row of the set: a regularized logistic regression over the
 * encoded columns. Deterministic: the same set and options give the same model.
 */
export const trainChurnModel = (set: TrainingSet, options: TrainOptions = {}): ChurnModel =>
  trainOnRows(
    set,
    set.rows.map((_, i) => i),
    options,
  );
