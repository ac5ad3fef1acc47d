import type { FastifyInstance } from "fastify";
import { routes } from "../../contract/index.ts";
import {
  createSegment,
  deleteSegment,
  getSegment,
  listSegmentChanges,
  listSegmentFields,
  listSegmentMembers,
  listSegments,
  previewSegment,
  refreshSegment,
  updateSegment,
} from "../../domain/segments/index.ts";
import { handle } from "../http.ts";
import type { ServerState } from "../state.ts";

export function registerSegmentRoutes(app: FastifyInstance, state: ServerState): void {
  handle(app, state, routes.listSegments, async (ctx, { query }) => ({
    data: await listSegments(ctx, query.entity),
  }));
  handle(app, state, routes.listSegmentFields, async (ctx, { query }) => ({
    data: await listSegmentFields(ctx, query.entity),
  }));
  handle(app, state, routes.previewSegment, (ctx, { body }) => previewSegment(ctx, body));
  handle(app, state, routes.createSegment, (ctx, { body }) => createSegment(ctx, body));
  handle(app, state, routes.getSegment, (ctx, { params }) => getSegment(ctx, params.segmentId));
  handle(app, state, routes.updateSegment, (ctx, { params, body }) =>
    updateSegment(ctx, params.segmentId, body),
  );
  handle(app, state, routes.refreshSegment, async (ctx, { params }) => {
    await refreshSegment(ctx, params.segmentId, "data");
    return getSegment(ctx, params.segmentId);
  });
  handle(app, state, routes.deleteSegment, (ctx, { params }) => deleteSegment(ctx, params.segmentId));
  handle(app, state, routes.listSegmentMembers, (ctx, { params, query }) =>
    listSegmentMembers(ctx, params.segmentId, query),
  );
  handle(app, state, routes.listSegmentChanges, (ctx, { params, query }) =>
    listSegmentChanges(ctx, params.segmentId, query),
  );
}
