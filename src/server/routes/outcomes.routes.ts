import type { FastifyInstance } from "fastify";
import { routes } from "../../contract/index.ts";
import {
  addEvidence,
  createOutcome,
  createOutcomeTemplate,
  deleteOutcome,
  deleteOutcomeTemplate,
  findOutcomes,
  findOutcomeTemplates,
  getAccountSuccess,
  outcomeHistory,
  readOutcome,
  removeEvidence,
  updateOutcome,
  updateOutcomeTemplate,
} from "../../domain/outcomes/index.ts";
import { handle } from "../http.ts";
import type { ServerState } from "../state.ts";

export function registerOutcomeRoutes(app: FastifyInstance, state: ServerState): void {
  handle(app, state, routes.listOutcomes, (ctx, { query }) => findOutcomes(ctx, query));
  handle(app, state, routes.createOutcome, (ctx, { body }) => createOutcome(ctx, body));
  handle(app, state, routes.getOutcome, (ctx, { params }) => readOutcome(ctx, params.outcomeId));
  handle(app, state, routes.updateOutcome, (ctx, { params, body }) =>
    updateOutcome(ctx, params.outcomeId, body),
  );
  handle(app, state, routes.deleteOutcome, (ctx, { params }) => deleteOutcome(ctx, params.outcomeId));
  handle(app, state, routes.listOutcomeHistory, (ctx, { params }) => outcomeHistory(ctx, params.outcomeId));
  handle(app, state, routes.addOutcomeEvidence, (ctx, { params, body }) =>
    addEvidence(ctx, params.outcomeId, body),
  );
  handle(app, state, routes.deleteOutcomeEvidence, (ctx, { params }) =>
    removeEvidence(ctx, params.outcomeId, params.evidenceId),
  );
  handle(app, state, routes.listOutcomeTemplates, (ctx, { query }) => findOutcomeTemplates(ctx, query.kind));
  handle(app, state, routes.createOutcomeTemplate, (ctx, { body }) => createOutcomeTemplate(ctx, body));
  handle(app, state, routes.updateOutcomeTemplate, (ctx, { params, body }) =>
    updateOutcomeTemplate(ctx, params.templateId, body),
  );
  handle(app, state, routes.deleteOutcomeTemplate, (ctx, { params }) =>
    deleteOutcomeTemplate(ctx, params.templateId),
  );
  handle(app, state, routes.getAccountSuccess, (ctx, { params }) => getAccountSuccess(ctx, params.accountId));
}
