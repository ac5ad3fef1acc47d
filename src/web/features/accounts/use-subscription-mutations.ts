import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type RouteBodyIn, routes, type Subscription } from "../../../contract/index.ts";
import { api } from "../../api.ts";
import { invalidateAccount } from "../../lib/query.ts";

export type SubscriptionBody = RouteBodyIn<typeof routes.createSubscription>;

/**
 * Adds a subscription, or saves `subscription`. Subscriptions drive the account's MRR, ARR, next
 * renewal and the revenue part of its health, so the whole account page is read again.
 */
export function useSaveSubscription(subscription: Subscription | undefined) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: SubscriptionBody) =>
      subscription
        ? api(routes.updateSubscription, { params: { id: subscription.id }, body })
        : api(routes.createSubscription, { body }),
    onSuccess: (saved) => invalidateAccount(qc, saved.accountId),
  });
}
