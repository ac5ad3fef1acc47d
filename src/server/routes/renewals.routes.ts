import type { FastifyInstance } from "fastify";
import { routes } from "../../contract/index.ts";
import {
  backtestForecast,
  createExpansion,
  deleteExpansion,
  getRatesBySegment,
  getRenewalOutcomes,
  getRenewals,
  listExpansions,
  updateExpansion,
  updateRenewal,
} from "../../domain/renewals/index.ts";
import { handle } from "../http.ts";
import type { ServerState } from "../state.ts";

/** Renewals: the pipeline and forecast, a renewal's record, outcomes, backtest, rates by segment, expansion. */
export function registerRenewalRoutes(app: FastifyInstance, state: ServerState): void {
  handle(app, state, routes.getRenewals, (ctx, { query }) => getRenewals(ctx, query));
  handle(app, state, routes.updateRenewal, (ctx, { params, body }) =>
    updateRenewal(ctx, params.subscriptionId, body),
  );
  handle(app, state, routes.getRenewalOutcomes, (ctx, { query }) => getRenewalOutcomes(ctx, query));
  handle(app, state, routes.getForecastBacktest, (ctx, { query }) => backtestForecast(ctx, query));
  handle(app, state, routes.getRatesBySegment, (ctx, { query }) => getRatesBySegment(ctx, query));
  handle(app, state, routes.listExpansions, (ctx, { query }) => listExpansions(ctx, query));
  handle(app, state, routes.createExpansion, (ctx, { body }) => createExpansion(ctx, body));
  handle(app, state, routes.updateExpansion, (ctx, { params, body }) =>
    updateExpansion(ctx, params.id, body),
  );
  handle(app, state, routes.deleteExpansion, (ctx, { params }) => deleteExpansion(ctx, params.id));
}
