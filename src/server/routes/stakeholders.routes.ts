import type { FastifyInstance } from "fastify";
import { routes } from "../../contract/index.ts";
import { getStakeholderMap } from "../../domain/stakeholders/index.ts";
import { handle } from "../http.ts";
import type { ServerState } from "../state.ts";

export function registerStakeholderRoutes(app: FastifyInstance, state: ServerState): void {
  handle(app, state, routes.getStakeholderMap, (ctx, { params }) => getStakeholderMap(ctx, params.accountId));
}
