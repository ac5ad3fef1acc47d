import type { FastifyInstance } from "fastify";
import { routes } from "../../contract/index.ts";
import {
  createListItem,
  createTouchpoint,
  deleteListItem,
  deleteTouchpoint,
  findTouchpoints,
  getJourney,
  getTouchpoint,
  listEmployeeSummaries,
  listJourneyLists,
  reorderListItems,
  updateListItem,
  updateTouchpoint,
} from "../../domain/journey/index.ts";
import { handle } from "../http.ts";
import type { ServerState } from "../state.ts";

export function registerTouchpointRoutes(app: FastifyInstance, state: ServerState): void {
  handle(app, state, routes.listTouchpoints, (ctx, { query }) => findTouchpoints(ctx, query));
  handle(app, state, routes.createTouchpoint, (ctx, { body }) => createTouchpoint(ctx, body));
  handle(app, state, routes.getTouchpoint, (ctx, { params }) => getTouchpoint(ctx, params.touchpointId));
  handle(app, state, routes.updateTouchpoint, (ctx, { params, body }) =>
    updateTouchpoint(ctx, params.touchpointId, body),
  );
  handle(app, state, routes.deleteTouchpoint, (ctx, { params }) =>
    deleteTouchpoint(ctx, params.touchpointId),
  );
  handle(app, state, routes.getJourney, (ctx, { query }) => getJourney(ctx, query));
  handle(app, state, routes.listEmployeeSummaries, (ctx, { query }) => listEmployeeSummaries(ctx, query));
  handle(app, state, routes.listJourneyLists, (ctx) => listJourneyLists(ctx));
  handle(app, state, routes.createListItem, (ctx, { params, body }) =>
    createListItem(ctx, params.list, body),
  );
  handle(app, state, routes.updateListItem, (ctx, { params, body }) =>
    updateListItem(ctx, params.list, params.key, body),
  );
  handle(app, state, routes.reorderListItems, (ctx, { params, body }) =>
    reorderListItems(ctx, params.list, body.keys),
  );
  handle(app, state, routes.deleteListItem, (ctx, { params }) =>
    deleteListItem(ctx, params.list, params.key),
  );
}
