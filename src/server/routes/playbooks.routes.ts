import type { FastifyInstance } from "fastify";
import { routes } from "../../contract/index.ts";
import {
  addDefaultPlaybooks,
  cancelPlaybookRun,
  createPlaybook,
  deletePlaybook,
  getPlaybook,
  getPlaybookRun,
  listPlaybookRuns,
  listPlaybooks,
  playbookReport,
  startPlaybook,
  updatePlaybook,
} from "../../domain/playbooks/index.ts";
import { handle } from "../http.ts";
import type { ServerState } from "../state.ts";

export function registerPlaybookRoutes(app: FastifyInstance, state: ServerState): void {
  handle(app, state, routes.listPlaybooks, (ctx, { query }) => listPlaybooks(ctx, query.archived));
  handle(app, state, routes.createPlaybook, (ctx, { body }) => createPlaybook(ctx, body));
  handle(app, state, routes.restoreDefaultPlaybooks, async (ctx) => ({
    data: await addDefaultPlaybooks(ctx),
  }));
  handle(app, state, routes.getPlaybook, (ctx, { params }) => getPlaybook(ctx, params.playbookId));
  handle(app, state, routes.updatePlaybook, (ctx, { params, body }) =>
    updatePlaybook(ctx, params.playbookId, body),
  );
  handle(app, state, routes.deletePlaybook, (ctx, { params }) => deletePlaybook(ctx, params.playbookId));
  handle(app, state, routes.startPlaybook, (ctx, { params, body }) =>
    startPlaybook(ctx, params.playbookId, body.accountId),
  );
  handle(app, state, routes.playbookReport, (ctx, { params }) => playbookReport(ctx, params.playbookId));
  handle(app, state, routes.listPlaybookRuns, (ctx, { query }) => listPlaybookRuns(ctx, query));
  handle(app, state, routes.getPlaybookRun, (ctx, { params }) => getPlaybookRun(ctx, params.runId));
  handle(app, state, routes.cancelPlaybookRun, (ctx, { params }) => cancelPlaybookRun(ctx, params.runId));
}
