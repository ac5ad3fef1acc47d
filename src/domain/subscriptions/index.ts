export { createSubscription } from "./create-subscription.ts";
export { deleteSubscription } from "./delete-subscription.ts";
export { findSubscriptions } from "./find-subscriptions.ts";
export { getSubscription } from "./get-subscription.ts";
export { refreshAllAccountRevenue } from "./refresh-all-account-revenue.ts";
export { liveOn, refreshAccountRevenue } from "./subscription.queries.ts";
export { isLiveOn } from "./subscription.rules.ts";
export { updateSubscription } from "./update-subscription.ts";
export { upsertSubscription } from "./upsert-subscription.ts";
export {
  checkSubscriptions,
  type SubscriptionUpserted,
  type SubscriptionUpsertRow,
  upsertSubscriptions,
} from "./upsert-subscriptions.ts";
