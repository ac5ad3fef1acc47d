import { utcToday } from "../../common/dates.ts";
import { AppError } from "../../common/errors.ts";
import { newId } from "../../common/ids.ts";
import type { Subscription, SubscriptionCreate } from "../../contract/subscriptions.ts";
import { withTx } from "../../db/transaction.ts";
import type { Ctx } from "../context.ts";
import { recordEvents } from "../events/index.ts";
import { recordTimeline } from "../timeline/index.ts";
import { checkSubscriptionReferences } from "./subscription.checks.ts";
import {
  findSubscription,
  findSubscriptionByExternalId,
  insertSubscription,
  refreshAccountRevenue,
} from "./subscription.queries.ts";
import { deriveStatus, describeSubscription, toSubscription } from "./subscription.rules.ts";

export async function createSubscription(ctx: Ctx, input: SubscriptionCreate): Promise<Subscription> {
  return withTx(ctx.db, async (db) => {
    const tx = { ...ctx, db };
    await checkSubscriptionReferences(tx, input);
    if (input.externalId && (await findSubscriptionByExternalId(db, ctx.workspaceId, input.externalId))) {
      throw new AppError("CONFLICT", `A subscription with external id "${input.externalId}" already exists`);
    }
    const id = newId();
    const currency = input.currency ?? "USD";
    await insertSubscription(db, {
      ...input,
      currency,
      status: input.status ?? deriveStatus(input.endDate, utcToday()),
      workspaceId: ctx.workspaceId,
      id,
    });
    await refreshAccountRevenue(db, ctx.workspaceId, [input.accountId]);
    await recordTimeline(tx, [
      {
        accountId: input.accountId,
        kind: "subscription",
        title: `Subscription added: ${describeSubscription({ ...input, currency })}`,
      },
    ]);
    await recordEvents(tx, [
      { type: "subscription.created", data: { accountId: input.accountId, subscriptionId: id } },
    ]);
    const row = await findSubscription(db, ctx.workspaceId, id);
    if (!row) throw new AppError("INTERNAL", "subscription vanished after insert");
    return toSubscription(row);
  });
}
