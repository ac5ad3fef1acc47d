import type { FastifyInstance } from "fastify";
import { routes } from "../../contract/index.ts";
import {
  addTeamMember,
  getTeamMember,
  listTeam,
  removeTeamMember,
  updateTeamMember,
} from "../../domain/account-team/index.ts";
import {
  addNote,
  deleteNote,
  getTimelineEntry,
  listTimeline,
  updateNote,
} from "../../domain/timeline/index.ts";
import { handle } from "../http.ts";
import type { ServerState } from "../state.ts";

export function registerAccountTeamRoutes(app: FastifyInstance, state: ServerState): void {
  handle(app, state, routes.listTeam, (ctx, { params, query }) => listTeam(ctx, params.accountId, query));
  handle(app, state, routes.addTeamMember, (ctx, { params, body }) =>
    addTeamMember(ctx, params.accountId, body),
  );
  handle(app, state, routes.getTeamMember, (ctx, { params }) =>
    getTeamMember(ctx, params.accountId, params.memberId),
  );
  handle(app, state, routes.updateTeamMember, (ctx, { params, body }) =>
    updateTeamMember(ctx, params.accountId, params.memberId, body),
  );
  handle(app, state, routes.removeTeamMember, (ctx, { params }) =>
    removeTeamMember(ctx, params.accountId, params.memberId),
  );
}

export function registerTimelineRoutes(app: FastifyInstance, state: ServerState): void {
  handle(app, state, routes.listTimeline, (ctx, { params, query }) =>
    listTimeline(ctx, params.accountId, query),
  );
  handle(app, state, routes.addNote, (ctx, { params, body }) => addNote(ctx, params.accountId, body));
  handle(app, state, routes.getTimelineEntry, (ctx, { params }) =>
    getTimelineEntry(ctx, params.accountId, params.entryId),
  );
  handle(app, state, routes.updateNote, (ctx, { params, body }) =>
    updateNote(ctx, params.accountId, params.entryId, body),
  );
  handle(app, state, routes.deleteNote, (ctx, { params }) =>
    deleteNote(ctx, params.accountId, params.entryId),
  );
}
