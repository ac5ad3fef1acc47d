import type { SubscriptionListQuery } from "../../contract/subscriptions.ts";
import type { Ctx } from "../context.ts";
import { pageSubscriptions } from "./subscription.queries.ts";
import { toSubscription } from "./subscription.rules.ts";

export async function findSubscriptions(ctx: Ctx, query: SubscriptionListQuery) {
  const page = await pageSubscriptions(ctx.db, ctx.workspaceId, query);
  return { data: page.data.map(toSubscription), nextCursor: page.nextCursor };
}
