/**
 * Renewals: the pipeline of subscriptions coming up for renewal with the forecast, the record of
 * each renewal's conversation and outcome, the outcomes of a period and the forecast's backtest
 * (docs/renewals.md).
 */
export { backtestForecast } from "./backtest-forecast.ts";
export { currentCalibration, refreshAllCalibrations, refreshCalibration } from "./calibrate-renewals.ts";
export { getRenewals } from "./find-renewals.ts";
export { createExpansion, deleteExpansion, listExpansions, updateExpansion } from "./manage-expansions.ts";
export { getRatesBySegment } from "./rates-by-segment.ts";
export {
  checkRenewalOutcomes,
  type OutcomePlan,
  type OutcomeRecorded,
  type OutcomeRecordRow,
  recordRenewalOutcomes,
} from "./record-outcomes.ts";
export { decisionTitle } from "./renewal.rules.ts";
export { getRenewalOutcomes } from "./renewal-outcomes.ts";
export { updateRenewal } from "./update-renewal.ts";
