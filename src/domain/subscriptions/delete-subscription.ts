import { notFound } from "../../common/errors.ts";
import { withTx } from "../../db/transaction.ts";
import { recordAudit } from "../audit/index.ts";
import type { Ctx } from "../context.ts";
import { recordEvents } from "../events/index.ts";
import { recordTimeline } from "../timeline/index.ts";
import { deleteSubscriptionRow, findSubscription, refreshAccountRevenue } from "./subscription.queries.ts";
import { describeSubscription } from "./subscription.rules.ts";

export async function deleteSubscription(ctx: Ctx, id: string): Promise<void> {
  await withTx(ctx.db, async (db) => {
    const tx = { ...ctx, db };
    const sub = await findSubscription(db, ctx.workspaceId, id);
    if (!sub) throw notFound("Subscription");
    await deleteSubscriptionRow(db, ctx.workspaceId, id);
    await refreshAccountRevenue(db, ctx.workspaceId, [sub.accountId]);
    await recordEvents(tx, [
      { type: "subscription.deleted", data: { accountId: sub.accountId, subscriptionId: id } },
    ]);
    await recordTimeline(tx, [
      {
        accountId: sub.accountId,
        kind: "subscription",
        title: `Subscription removed: ${describeSubscription(sub)}`,
      },
    ]);
    await recordAudit(tx, {
      action: "subscription.delete",
      targetType: "subscription",
      targetId: id,
      details: { accountId: sub.accountId, product: sub.product, mrrMinor: sub.mrrMinor },
    });
  });
}
