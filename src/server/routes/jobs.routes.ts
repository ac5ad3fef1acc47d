import type { FastifyInstance } from "fastify";
import { routes } from "../../contract/index.ts";
import { discardJob, listJobQueues, listJobSchedules, listJobs, retryJob } from "../../domain/jobs/index.ts";
import { jobKinds } from "../../jobs/index.ts";
import { handle } from "../http.ts";
import type { ServerState } from "../state.ts";

export function registerJobRoutes(app: FastifyInstance, state: ServerState): void {
  // pg-boss's tables carry no workspace_id: these read them on the system path, filtered by the
  // payload's workspaceId (see RoutePath).
  const system = { path: "system" } as const;
  handle(app, state, routes.listJobs, (ctx, { query }) => listJobs(ctx, query), system);
  handle(app, state, routes.retryJob, (ctx, { params }) => retryJob(ctx, params.id), system);
  handle(app, state, routes.discardJob, (ctx, { params }) => discardJob(ctx, params.id), system);
  // The kinds of job are the code's (this process may run no job runner); their state is the database's.
  handle(app, state, routes.listJobQueues, (ctx) => listJobQueues(ctx, jobKinds), system);
  handle(app, state, routes.listJobSchedules, (ctx) => listJobSchedules(ctx, jobKinds), system);
}
