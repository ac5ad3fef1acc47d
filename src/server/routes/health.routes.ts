import type { FastifyInstance } from "fastify";
import { routes } from "../../contract/index.ts";
import {
  createHealthModel,
  createSentiment,
  discardHealthModelDraft,
  getAccountHealth,
  getBacktest,
  getHealthModel,
  getHealthSettings,
  listBacktests,
  listHealthModels,
  listHealthModelVersions,
  listSentiment,
  previewHealthModel,
  publishHealthModel,
  queueBacktest,
  recomputeHealth,
  runBacktest,
  updateHealthModel,
  updateHealthSettings,
} from "../../domain/health/index.ts";
import { handle } from "../http.ts";
import type { ServerState } from "../state.ts";

/** Health models, scores with their explanations, CSM sentiment and health settings. */
export function registerHealthRoutes(app: FastifyInstance, state: ServerState): void {
  handle(app, state, routes.listHealthModels, async (ctx, { query }) => ({
    data: await listHealthModels(ctx, query.includeArchived === "true"),
  }));
  handle(app, state, routes.createHealthModel, (ctx, { body }) => createHealthModel(ctx, body));
  handle(app, state, routes.getHealthModel, (ctx, { params }) => getHealthModel(ctx, params.id));
  handle(app, state, routes.listHealthModelVersions, async (ctx, { params }) => ({
    data: await listHealthModelVersions(ctx, params.id),
  }));
  handle(app, state, routes.updateHealthModel, (ctx, { params, body }) =>
    updateHealthModel(ctx, params.id, body),
  );
  handle(app, state, routes.publishHealthModel, (ctx, { params }) => publishHealthModel(ctx, params.id));
  handle(app, state, routes.discardHealthModelDraft, (ctx, { params }) =>
    discardHealthModelDraft(ctx, params.id),
  );
  handle(app, state, routes.previewHealthModel, (ctx, { body }) => previewHealthModel(ctx, body));
  handle(app, state, routes.recomputeHealth, (ctx) => recomputeHealth(ctx.db, ctx.workspaceId));
  handle(app, state, routes.getAccountHealth, (ctx, { params, query }) =>
    getAccountHealth(ctx, params.accountId, query.historyDays),
  );
  handle(app, state, routes.listSentiment, (ctx, { params, query }) =>
    listSentiment(ctx, params.accountId, query),
  );
  handle(app, state, routes.createSentiment, (ctx, { params, body }) =>
    createSentiment(ctx, params.accountId, body),
  );
  // Queued in the request's transaction; the run starts once that committed, as the
  // health.backtests job would start it (system path, every query filtered by the workspace).
  handle(app, state, routes.startBacktest, async (ctx, { params, body, afterCommit }) => {
    const queued = await queueBacktest(ctx, params.id, body);
    afterCommit((db) => runBacktest(db, ctx.workspaceId, queued.id));
    return queued;
  });
  handle(app, state, routes.listBacktests, async (ctx, { params }) => ({
    data: await listBacktests(ctx, params.id),
  }));
  handle(app, state, routes.getBacktest, (ctx, { params, query }) =>
    getBacktest(ctx, params.id, query.compareWith),
  );
  handle(app, state, routes.getHealthSettings, (ctx) => getHealthSettings(ctx));
  handle(app, state, routes.updateHealthSettings, (ctx, { body }) => updateHealthSettings(ctx, body));
}
