export { DEFAULT_FORECAST, getRevenueSettings, updateRevenueSettings } from "./manage-settings.ts";
export {
  backfillRevenueMovements,
  rebuildRevenueMovements,
  recountRevenueTotals,
} from "./rebuild-movements.ts";
export { addMonths, monthEnd, monthOf, monthsBetween, type Rate, rateOn } from "./revenue.rules.ts";
export {
  accountMrrAround,
  getAccountRevenue,
  getCohorts,
  getMrrMonth,
  getRevenueMetrics,
  type RevenueQuery,
} from "./revenue-metrics.ts";
