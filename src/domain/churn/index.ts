/**
 * Churn (and expansion) prediction: a training set read from the workspace's own data, a
 * regularized logistic regression, its cross-validated evaluation, and per-account probabilities
 * with their drivers, stored per workspace and kind.
 *
 *   await trainAndStore(ctx, { kind: "churn" });             // train, evaluate, store, rescore
 *   await findChurnPredictions(ctx, query);                  // customers by probability
 *
 * The building blocks are plain JSON in, plain JSON out:
 *
 *   const set = await buildTrainingSet(db, workspaceId, { kind: "churn" });
 *   const report = crossValidate(set, { folds: 5, seed: 1 });   // report.auc, .folds, .calibration, .roc
 *   const model = trainChurnModel(set);
 *   const risk = predict(model, { ...set, rows: set.rows.filter((r) => !r.positive) });
 */
export { backfillChurnHistory } from "./backfill-history.ts";
export {
  type BuildTrainingSetOptions,
  buildScoringSet,
  buildTrainingSet,
} from "./build-training-set.ts";
export {
  type CrossValidateOptions,
  type CrossValidation,
  crossValidate,
  type FoldReport,
} from "./cross-validate.ts";
export type { ColumnEncoding, Feature } from "./encoding.rules.ts";
export { type EvaluateInput, evaluateChurnModel } from "./evaluate-churn-model.ts";
export { DEFAULT_FOLDS, DEFAULT_SEED, MIN_PER_CLASS_TO_TRAIN } from "./evaluation.rules.ts";
export { findChurnPredictions } from "./find-churn-predictions.ts";
export { getAccountChurn } from "./get-account-churn.ts";
export { getChurnModel } from "./get-churn-model.ts";
export { modelName, OUTCOME_WORDS } from "./outcome.rules.ts";
export { type ChurnPrediction, type Driver, type PredictOptions, predict } from "./predict-churn.ts";
export { recordProbabilityHistory } from "./record-probability-history.ts";
export {
  type RetrainOptions,
  type RetrainResult,
  retrainAllWorkspaces,
  retrainWorkspace,
} from "./retrain-workspaces.ts";
export { trainAndStore } from "./train-and-store.ts";
export { type ChurnModel, type TrainOptions, trainChurnModel } from "./train-churn-model.ts";
export type { Column, RawValue, TrainingRow, TrainingSet } from "./training-set.rules.ts";
