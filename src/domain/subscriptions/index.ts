export { createSubscription } from "./create-subscription.ts";
export { deleteSubscription } from "./delete-subscription.ts";
export { findSubscriptions } from "./find-subscriptions.ts";
export { getSubscription } from "./get-subscription.ts";
export { refreshAllAccountRevenue } from "./refresh-all-account-revenue.ts";
export { refreshAccountRevenue } from "./subscription.queries.ts";
export { updateSubscription } from "./update-subscription.ts";
export { upsertSubscription } from "./upsert-subscription.ts";
