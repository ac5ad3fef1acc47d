export { outcomeOf } from "./backtest.rules.ts";
export { DEFAULT_MODELS } from "./default-models.ts";
export { getAccountHealth } from "./get-account-health.ts";
export {
  createHealthModel,
  discardHealthModelDraft,
  getHealthModel,
  installDefaultModels,
  installMissingDefaultModels,
  listHealthModels,
  listHealthModelVersions,
  publishHealthModel,
  updateHealthModel,
} from "./manage-models.ts";
export { measureValues, mrrOn } from "./measure-values.queries.ts";
export { previewHealthModel } from "./preview-model.ts";
export {
  type RecomputeResult,
  recomputeAllHealth,
  recomputeHealth,
  recomputeHealthHistory,
} from "./recompute-health.ts";
export {
  getBacktest,
  listBacktests,
  queueBacktest,
  runBacktest,
  runPendingBacktests,
  startBacktest,
} from "./run-backtest.ts";
export { applies, bandOf, explainChange, pointsFor, scoreAccount } from "./score.rules.ts";
export { createSentiment, getHealthSettings, listSentiment, updateHealthSettings } from "./sentiment.ts";
