import type { FastifyInstance } from "fastify";
import { routes } from "../../contract/index.ts";
import {
  backtestForecast,
  getRenewalOutcomes,
  getRenewals,
  updateRenewal,
} from "../../domain/renewals/index.ts";
import { handle } from "../http.ts";
import type { ServerState } from "../state.ts";

/** Renewals: the pipeline and forecast, a renewal's record, the outcomes, the backtest. */
export function registerRenewalRoutes(app: FastifyInstance, state: ServerState): void {
  handle(app, state, routes.getRenewals, (ctx, { query }) => getRenewals(ctx, query));
  handle(app, state, routes.updateRenewal, (ctx, { params, body }) =>
    updateRenewal(ctx, params.subscriptionId, body),
  );
  handle(app, state, routes.getRenewalOutcomes, (ctx, { query }) => getRenewalOutcomes(ctx, query));
  handle(app, state, routes.getForecastBacktest, (ctx, { query }) => backtestForecast(ctx, query));
}
