import type { Subscription, SubscriptionCreate, SubscriptionUpdate } from "../../contract/subscriptions.ts";
import type { Ctx } from "../context.ts";
import * as subscriptions from "../subscriptions/index.ts";
import { rescoreAccounts } from "./rescore.ts";

// Subscriptions feed health (days to renewal, MRR trend): every write rescores the accounts it
// touched, a move both the old and the new one.

export async function createSubscription(ctx: Ctx, input: SubscriptionCreate): Promise<Subscription> {
  const created = await subscriptions.createSubscription(ctx, input);
  await rescoreAccounts(ctx, [created.accountId]);
  return created;
}

export async function updateSubscription(
  ctx: Ctx,
  id: string,
  patch: SubscriptionUpdate,
): Promise<Subscription> {
  const before = await subscriptions.getSubscription(ctx, id);
  const updated = await subscriptions.updateSubscription(ctx, id, patch);
  await rescoreAccounts(ctx, [before.accountId, updated.accountId]);
  return updated;
}

export async function deleteSubscription(ctx: Ctx, id: string) {
  const before = await subscriptions.getSubscription(ctx, id);
  const result = await subscriptions.deleteSubscription(ctx, id);
  await rescoreAccounts(ctx, [before.accountId]);
  return result;
}

export async function upsertSubscription(ctx: Ctx, externalId: string, input: SubscriptionCreate) {
  const result = await subscriptions.upsertSubscription(ctx, externalId, input);
  await rescoreAccounts(ctx, [result.subscription.accountId]);
  return result;
}
