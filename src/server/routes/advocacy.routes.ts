import type { FastifyInstance } from "fastify";
import { routes } from "../../contract/index.ts";
import {
  changeAdvocacyAskState,
  createAdvocacyAsk,
  deleteAdvocacyAsk,
  getAdvocacyAsk,
  getAdvocacySummary,
  listAdvocacyAsks,
  listAdvocacyCandidates,
  updateAdvocacyAsk,
} from "../../domain/advocacy/index.ts";
import { handle } from "../http.ts";
import type { ServerState } from "../state.ts";

/** Advocacy: asks and their states, who could be asked next, and the loyalty summary. */
export function registerAdvocacyRoutes(app: FastifyInstance, state: ServerState): void {
  handle(app, state, routes.listAdvocacyAsks, (ctx, { query }) => listAdvocacyAsks(ctx, query));
  handle(app, state, routes.createAdvocacyAsk, (ctx, { body }) => createAdvocacyAsk(ctx, body));
  handle(app, state, routes.getAdvocacyAsk, (ctx, { params }) => getAdvocacyAsk(ctx, params.askId));
  handle(app, state, routes.updateAdvocacyAsk, (ctx, { params, body }) =>
    updateAdvocacyAsk(ctx, params.askId, body),
  );
  handle(app, state, routes.changeAdvocacyAskState, (ctx, { params, body }) =>
    changeAdvocacyAskState(ctx, params.askId, body),
  );
  handle(app, state, routes.deleteAdvocacyAsk, (ctx, { params }) => deleteAdvocacyAsk(ctx, params.askId));
  handle(app, state, routes.listAdvocacyCandidates, (ctx, { query }) => listAdvocacyCandidates(ctx, query));
  handle(app, state, routes.getAdvocacySummary, (ctx, { query }) => getAdvocacySummary(ctx, query));
}
