import type { FastifyInstance } from "fastify";
import { routes } from "../../contract/index.ts";
import { listChanges } from "../../domain/events/index.ts";
import { handle } from "../http.ts";
import type { ServerState } from "../state.ts";

export function registerEventRoutes(app: FastifyInstance, state: ServerState): void {
  handle(app, state, routes.listChanges, (ctx, { query }) => listChanges(ctx, query));
}
