import { AppError } from "../../common/errors.ts";
import { newId } from "../../common/ids.ts";
import type { Subscription, SubscriptionCreate } from "../../contract/subscriptions.ts";
import { withTx } from "../../db/transaction.ts";
import type { Ctx } from "../context.ts";
import { lockKey } from "../kernel/locks.queries.ts";
import { recordTimeline } from "../timeline/index.ts";
import { findSubscription, findSubscriptionByExternalId } from "./subscription.queries.ts";
import { describeSubscription, subscriptionChanges, toSubscription } from "./subscription.rules.ts";
import { upsertSubscriptions } from "./upsert-subscriptions.ts";

/** Creates or updates by external id: the bulk upsert with one row, then the row's timeline entry. */
export async function upsertSubscription(
  ctx: Ctx,
  externalId: string,
  input: Omit<SubscriptionCreate, "externalId">,
): Promise<{ subscription: Subscription; created: boolean }> {
  return withTx(ctx.db, async (db) => {
    const tx = { ...ctx, db };
    await lockKey(db, "subscriptions.external_id", ctx.workspaceId, externalId);
    const existing = await findSubscriptionByExternalId(db, ctx.workspaceId, externalId);
    const before = existing ? await findSubscription(db, ctx.workspaceId, existing.id) : null;
    const [done] = await upsertSubscriptions(tx, [{ id: newId(), externalId, input }]);
    const after = done ? await findSubscription(db, ctx.workspaceId, done.id) : null;
    if (!after) throw new AppError("INTERNAL", "subscription vanished after upsert");
    const changes = before ? subscriptionChanges(before, after) : [];
    const title = before
      ? `${after.product}: ${changes.join(", ")}`
      : `Subscription added: ${describeSubscription(after)}`;
    if (!before || changes.length > 0) {
      await recordTimeline(tx, [{ accountId: after.accountId, kind: "subscription", title }]);
    }
    return { subscription: toSubscription(after), created: before === null };
  });
}
