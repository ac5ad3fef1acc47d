import type { FastifyInstance } from "fastify";
import { routes } from "../../contract/index.ts";
import {
  applyTiering,
  getBook,
  getCoverageSettings,
  moveAccounts,
  previewTiering,
  updateCoverageSettings,
} from "../../domain/coverage/index.ts";
import {
  applyTransitions,
  getAccountLifecycle,
  getLifecycleSettings,
  previewTransitions,
  updateLifecycleSettings,
} from "../../domain/lifecycle/index.ts";
import { handle } from "../http.ts";
import type { ServerState } from "../state.ts";

/** Tiers, coverage, the book of business, and accounts' lifecycle. */
export function registerCoverageRoutes(app: FastifyInstance, state: ServerState): void {
  handle(app, state, routes.getCoverageSettings, (ctx) => getCoverageSettings(ctx));
  handle(app, state, routes.updateCoverageSettings, (ctx, { body }) => updateCoverageSettings(ctx, body));
  handle(app, state, routes.previewTiering, (ctx, { body }) => previewTiering(ctx, body.rules));
  handle(app, state, routes.applyTiering, (ctx) => applyTiering(ctx));
  handle(app, state, routes.getBook, (ctx, { query }) => getBook(ctx, query.team));
  handle(app, state, routes.moveAccounts, (ctx, { body }) => moveAccounts(ctx, body.moves));
  handle(app, state, routes.getAccountLifecycle, (ctx, { params }) =>
    getAccountLifecycle(ctx, params.accountId),
  );
  handle(app, state, routes.getLifecycleSettings, (ctx) => getLifecycleSettings(ctx));
  handle(app, state, routes.updateLifecycleSettings, (ctx, { body }) => updateLifecycleSettings(ctx, body));
  handle(app, state, routes.previewTransitions, (ctx, { body }) => previewTransitions(ctx, body.stages));
  handle(app, state, routes.applyTransitions, (ctx) => applyTransitions(ctx));
}
