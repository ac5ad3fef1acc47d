import type { Subscription, SubscriptionCreate } from "../../contract/subscriptions.ts";
import { withTx } from "../../db/transaction.ts";
import type { Ctx } from "../context.ts";
import { lockKey } from "../kernel/locks.queries.ts";
import { createSubscription } from "./create-subscription.ts";
import { findSubscriptionByExternalId } from "./subscription.queries.ts";
import { updateSubscription } from "./update-subscription.ts";

export async function upsertSubscription(
  ctx: Ctx,
  externalId: string,
  input: Omit<SubscriptionCreate, "externalId">,
): Promise<{ subscription: Subscription; created: boolean }> {
  return withTx(ctx.db, async (db) => {
    const tx = { ...ctx, db };
    await lockKey(db, "subscriptions.external_id", ctx.workspaceId, externalId);
    const existing = await findSubscriptionByExternalId(db, ctx.workspaceId, externalId);
    if (existing) return { subscription: await updateSubscription(tx, existing.id, input), created: false };
    return { subscription: await createSubscription(tx, { ...input, externalId }), created: true };
  });
}
