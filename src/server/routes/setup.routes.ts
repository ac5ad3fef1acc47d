import type { FastifyInstance } from "fastify";
import { routes } from "../../contract/index.ts";
import { getDemoStatus } from "../../domain/demo/index.ts";
import { handle } from "../http.ts";
import type { ServerState } from "../state.ts";

export function registerSetupRoutes(app: FastifyInstance, state: ServerState): void {
  handle(app, state, routes.setupStatus, async () => ({
    demo: await getDemoStatus(state.db, state.demoLoad),
  }));
}
