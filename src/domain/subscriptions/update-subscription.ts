import { AppError, notFound } from "../../common/errors.ts";
import type { Subscription, SubscriptionUpdate } from "../../contract/subscriptions.ts";
import { withTx } from "../../db/transaction.ts";
import type { Ctx } from "../context.ts";
import { recordEvents } from "../events/index.ts";
import { recordTimeline } from "../timeline/index.ts";
import { checkSubscriptionReferences } from "./subscription.checks.ts";
import {
  findSubscription,
  findSubscriptionByExternalId,
  refreshAccountRevenue,
  updateSubscriptionRow,
} from "./subscription.queries.ts";
import { datesBeforeStart, subscriptionChanges, toSubscription } from "./subscription.rules.ts";

export async function updateSubscription(
  ctx: Ctx,
  id: string,
  patch: SubscriptionUpdate,
): Promise<Subscription> {
  return withTx(ctx.db, async (db) => {
    const tx = { ...ctx, db };
    const before = await findSubscription(db, ctx.workspaceId, id);
    if (!before) throw notFound("Subscription");
    await checkSubscriptionReferences(tx, patch, before.customFields);
    const issues = datesBeforeStart({
      startDate: patch.startDate ?? before.startDate,
      endDate: patch.endDate === undefined ? before.endDate : patch.endDate,
      renewalDate: patch.renewalDate === undefined ? before.renewalDate : patch.renewalDate,
    });
    if (issues.length > 0) {
      const summary = issues.map((i) => `${i.path} ${i.message}`).join("; ");
      throw new AppError("VALIDATION_FAILED", summary, { issues });
    }
    if (patch.externalId && patch.externalId !== before.externalId) {
      const other = await findSubscriptionByExternalId(db, ctx.workspaceId, patch.externalId);
      if (other && other.id !== id) {
        throw new AppError("CONFLICT", `Another subscription has external id "${patch.externalId}"`);
      }
    }
    await updateSubscriptionRow(db, ctx.workspaceId, id, patch);
    await refreshAccountRevenue(db, ctx.workspaceId, [
      ...new Set([before.accountId, patch.accountId ?? before.accountId]),
    ]);
    const after = await findSubscription(db, ctx.workspaceId, id);
    if (!after) throw notFound("Subscription");
    await recordEvents(tx, [
      {
        type: "subscription.changed",
        data: {
          accountId: after.accountId,
          subscriptionId: id,
          previousAccountId: before.accountId === after.accountId ? null : before.accountId,
          fields: Object.keys(patch).sort(),
        },
      },
    ]);
    const changes = subscriptionChanges(before, after);
    if (changes.length > 0) {
      await recordTimeline(tx, [
        {
          accountId: after.accountId,
          kind: "subscription",
          title: `${after.product}: ${changes.join(", ")}`,
        },
      ]);
    }
    return toSubscription(after);
  });
}
