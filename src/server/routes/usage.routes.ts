import type { FastifyInstance } from "fastify";
import { routes } from "../../contract/index.ts";
import {
  findQuiet,
  getAccountUsage,
  getUsageOverview,
  getUsageSettings,
  listUsageFeatures,
  updateUsageFeature,
  updateUsageSettings,
} from "../../domain/adoption/index.ts";
import { handle } from "../http.ts";
import type { ServerState } from "../state.ts";

/** Adoption metrics, quiet accounts and key players, features and usage settings. */
export function registerUsageRoutes(app: FastifyInstance, state: ServerState): void {
  handle(app, state, routes.getAccountUsage, (ctx, { params, query }) =>
    getAccountUsage(ctx, params.accountId, query.period),
  );
  handle(app, state, routes.getUsageOverview, (ctx, { query }) => getUsageOverview(ctx, query.period));
  handle(app, state, routes.listQuiet, (ctx, { query }) => findQuiet(ctx, query));
  handle(app, state, routes.listUsageFeatures, (ctx) => listUsageFeatures(ctx));
  handle(app, state, routes.updateUsageFeature, (ctx, { params, body }) =>
    updateUsageFeature(ctx, params.event, body),
  );
  handle(app, state, routes.getUsageSettings, (ctx) => getUsageSettings(ctx));
  handle(app, state, routes.updateUsageSettings, (ctx, { body }) => updateUsageSettings(ctx, body));
}
