import type { FastifyInstance } from "fastify";
import { routes } from "../../contract/index.ts";
import { listJobs, retryJob } from "../../domain/jobs/index.ts";
import { handle } from "../http.ts";
import type { ServerState } from "../state.ts";

export function registerJobRoutes(app: FastifyInstance, state: ServerState): void {
  // pg-boss's tables carry no workspace_id: these read them on the system path, filtered by the
  // payload's workspaceId (see RoutePath).
  handle(app, state, routes.listJobs, (ctx, { query }) => listJobs(ctx, query), { path: "system" });
  handle(app, state, routes.retryJob, (ctx, { params }) => retryJob(ctx, params.id), { path: "system" });
}
