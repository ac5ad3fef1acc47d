import type { FastifyInstance } from "fastify";
import { routes } from "../../contract/index.ts";
import {
  createSubscription,
  deleteSubscription,
  findSubscriptions,
  getSubscription,
  updateSubscription,
  upsertSubscription,
} from "../../domain/subscriptions/index.ts";
import { handle } from "../http.ts";
import type { ServerState } from "../state.ts";
import { rescore } from "./rescore.ts";

export function registerSubscriptionRoutes(app: FastifyInstance, state: ServerState): void {
  handle(app, state, routes.listSubscriptions, (ctx, { query }) => findSubscriptions(ctx, query));
  handle(app, state, routes.createSubscription, async (ctx, { body }) => {
    const created = await createSubscription(ctx, body);
    return rescore(ctx, [created.accountId], created);
  });
  handle(app, state, routes.getSubscription, (ctx, { params }) => getSubscription(ctx, params.id));
  handle(app, state, routes.updateSubscription, async (ctx, { params, body }) => {
    const before = await getSubscription(ctx, params.id);
    const updated = await updateSubscription(ctx, params.id, body);
    return rescore(ctx, [before.accountId, updated.accountId], updated);
  });
  handle(app, state, routes.deleteSubscription, async (ctx, { params }) => {
    const before = await getSubscription(ctx, params.id);
    return rescore(ctx, [before.accountId], await deleteSubscription(ctx, params.id));
  });
  handle(app, state, routes.upsertSubscription, async (ctx, { params, body, reply }) => {
    const { subscription, created } = await upsertSubscription(ctx, params.externalId, body);
    if (created) reply.header("x-steward-created", "true");
    return rescore(ctx, [subscription.accountId], subscription);
  });
}
