import type { FastifyInstance } from "fastify";
import { routes } from "../../contract/index.ts";
import {
  createSource,
  deleteSource,
  findEvents,
  findParkedGroups,
  findSourceRejections,
  findSources,
  getSource,
  resolveParkedGroup,
  rotateSourceKey,
  updateSource,
} from "../../domain/usage/index.ts";
import { handle } from "../http.ts";
import type { ServerState } from "../state.ts";

/** Event sources, the raw events they sent, and parked groups: the API side of usage ingestion. */
export function registerSourceRoutes(app: FastifyInstance, state: ServerState): void {
  handle(app, state, routes.listSources, (ctx, { query }) => findSources(ctx, query));
  handle(app, state, routes.createSource, (ctx, { body }) => createSource(ctx, body));
  handle(app, state, routes.getSource, (ctx, { params }) => getSource(ctx, params.id));
  handle(app, state, routes.updateSource, (ctx, { params, body }) => updateSource(ctx, params.id, body));
  handle(app, state, routes.rotateSourceKey, (ctx, { params }) => rotateSourceKey(ctx, params.id));
  handle(app, state, routes.deleteSource, (ctx, { params }) => deleteSource(ctx, params.id));
  handle(app, state, routes.listSourceRejections, (ctx, { params, query }) =>
    findSourceRejections(ctx, params.id, query),
  );
  handle(app, state, routes.listEvents, (ctx, { query }) => findEvents(ctx, query));
  handle(app, state, routes.listParkedGroups, (ctx, { query }) => findParkedGroups(ctx, query));
  handle(app, state, routes.resolveParkedGroup, (ctx, { params, body }) =>
    resolveParkedGroup(ctx, params.groupId, body),
  );
}
