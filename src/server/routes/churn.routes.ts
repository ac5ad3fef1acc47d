import type { FastifyInstance } from "fastify";
import { routes } from "../../contract/index.ts";
import {
  findChurnPredictions,
  getAccountChurn,
  getChurnModel,
  trainAndStore,
} from "../../domain/churn/index.ts";
import { handle } from "../http.ts";
import type { ServerState } from "../state.ts";

/** Churn and expansion models: training on demand, the latest evaluation, predictions. */
export function registerChurnRoutes(app: FastifyInstance, state: ServerState): void {
  handle(app, state, routes.trainChurnModel, (ctx, { body }) => trainAndStore(ctx, body));
  handle(app, state, routes.getChurnModel, (ctx, { query }) => getChurnModel(ctx, query.kind));
  handle(app, state, routes.listChurnPredictions, (ctx, { query }) => findChurnPredictions(ctx, query));
  handle(app, state, routes.getAccountChurn, (ctx, { params }) => getAccountChurn(ctx, params.accountId));
}
