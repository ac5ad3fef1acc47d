export { detectNonUsage } from "./detect-non-usage.ts";
export { findQuiet } from "./find-quiet.ts";
export { getAccountUsage } from "./get-account-usage.ts";
export { getUsageOverview } from "./get-usage-overview.ts";
export { getUsageSettings } from "./get-usage-settings.ts";
export { listUsageFeatures } from "./list-usage-features.ts";
export { updateUsageFeature } from "./update-usage-feature.ts";
export { updateUsageSettings } from "./update-usage-settings.ts";
