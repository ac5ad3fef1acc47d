import { notFound } from "../../common/errors.ts";
import type { Subscription } from "../../contract/subscriptions.ts";
import type { Ctx } from "../context.ts";
import { findSubscription } from "./subscription.queries.ts";
import { toSubscription } from "./subscription.rules.ts";

export async function getSubscription(ctx: Ctx, id: string): Promise<Subscription> {
  const row = await findSubscription(ctx.db, ctx.workspaceId, id);
  if (!row) throw notFound("Subscription");
  return toSubscription(row);
}
