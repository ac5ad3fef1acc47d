import type { FastifyInstance } from "fastify";
import { routes } from "../../contract/index.ts";
import {
  closeTask,
  countTasks,
  createTask,
  getTask,
  listTasks,
  reopenTask,
  snoozeTask,
  updateTask,
} from "../../domain/tasks/index.ts";
import { handle } from "../http.ts";
import type { ServerState } from "../state.ts";

export function registerTaskRoutes(app: FastifyInstance, state: ServerState): void {
  handle(app, state, routes.listTasks, (ctx, { query }) => listTasks(ctx, query));
  handle(app, state, routes.countTasks, (ctx) => countTasks(ctx));
  handle(app, state, routes.createTask, (ctx, { body }) => createTask(ctx, body));
  handle(app, state, routes.getTask, (ctx, { params }) => getTask(ctx, params.taskId));
  handle(app, state, routes.updateTask, (ctx, { params, body }) => updateTask(ctx, params.taskId, body));
  handle(app, state, routes.snoozeTask, (ctx, { params, body }) =>
    snoozeTask(ctx, params.taskId, body.until),
  );
  handle(app, state, routes.closeTask, (ctx, { params, body }) => closeTask(ctx, params.taskId, body));
  handle(app, state, routes.reopenTask, (ctx, { params }) => reopenTask(ctx, params.taskId));
}
