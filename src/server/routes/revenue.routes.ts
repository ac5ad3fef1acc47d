import type { FastifyInstance } from "fastify";
import { routes } from "../../contract/index.ts";
import {
  getAccountRevenue,
  getCohorts,
  getMrrMonth,
  getRevenueMetrics,
  getRevenueSettings,
  updateRevenueSettings,
} from "../../domain/revenue/index.ts";
import { handle } from "../http.ts";
import type { ServerState } from "../state.ts";

/** Revenue: its settings, the period figures, a month's MRR, cohorts, an account's movements. */
export function registerRevenueRoutes(app: FastifyInstance, state: ServerState): void {
  handle(app, state, routes.getRevenueSettings, (ctx) => getRevenueSettings(ctx));
  handle(app, state, routes.updateRevenueSettings, (ctx, { body }) => updateRevenueSettings(ctx, body));
  handle(app, state, routes.getRevenueMetrics, (ctx, { query }) => getRevenueMetrics(ctx, query));
  handle(app, state, routes.getMrrMonth, (ctx, { query }) => getMrrMonth(ctx, query));
  handle(app, state, routes.getCohorts, (ctx, { query }) => getCohorts(ctx, query));
  handle(app, state, routes.getAccountRevenue, (ctx, { params }) => getAccountRevenue(ctx, params.accountId));
}
