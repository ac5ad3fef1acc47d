// Subscription writes record their domain events; health rescoring (a consumer, see rescore.ts) follows.
export {
  createSubscription,
  deleteSubscription,
  updateSubscription,
  upsertSubscription,
} from "../subscriptions/index.ts";
