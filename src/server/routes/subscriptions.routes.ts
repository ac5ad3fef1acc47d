import type { FastifyInstance } from "fastify";
import { routes } from "../../contract/index.ts";
import { findSubscriptions, getSubscription } from "../../domain/subscriptions/index.ts";
import {
  createSubscription,
  deleteSubscription,
  updateSubscription,
  upsertSubscription,
} from "../../domain/workflows/index.ts";
import { handle } from "../http.ts";
import type { ServerState } from "../state.ts";

export function registerSubscriptionRoutes(app: FastifyInstance, state: ServerState): void {
  handle(app, state, routes.listSubscriptions, (ctx, { query }) => findSubscriptions(ctx, query));
  handle(app, state, routes.createSubscription, (ctx, { body }) => createSubscription(ctx, body));
  handle(app, state, routes.getSubscription, (ctx, { params }) => getSubscription(ctx, params.id));
  handle(app, state, routes.updateSubscription, (ctx, { params, body }) =>
    updateSubscription(ctx, params.id, body),
  );
  handle(app, state, routes.deleteSubscription, (ctx, { params }) => deleteSubscription(ctx, params.id));
  handle(app, state, routes.upsertSubscription, async (ctx, { params, body, reply }) => {
    const { subscription, created } = await upsertSubscription(ctx, params.externalId, body);
    if (created) reply.header("x-steward-created", "true");
    return subscription;
  });
}
