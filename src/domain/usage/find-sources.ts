import { notFound } from "../../common/errors.ts";
import type { Ctx } from "../context.ts";
import { findSource, pageRejections, pageSources, sourceStats } from "./source.queries.ts";
import { toSource } from "./source.rules.ts";

export async function findSources(ctx: Ctx, q: { limit: number; cursor?: string }, now = new Date()) {
  const page = await pageSources(ctx.db, ctx.workspaceId, q);
  const stats = await sourceStats(
    ctx.db,
    ctx.workspaceId,
    page.data.map((r) => r.id),
    now,
  );
  return {
    data: page.data.map((r) => toSource(r.row, stats.get(r.id) ?? { events: 0, rejected: 0 })),
    nextCursor: page.nextCursor,
  };
}

export async function findSourceRejections(
  ctx: Ctx,
  sourceId: string,
  q: { limit: number; cursor?: string },
) {
  if (!(await findSource(ctx.db, ctx.workspaceId, sourceId))) throw notFound("Source");
  const page = await pageRejections(ctx.db, ctx.workspaceId, sourceId, q);
  return {
    data: page.data.map((r) => ({ ...r, receivedAt: r.receivedAt.toISOString() })),
    nextCursor: page.nextCursor,
  };
}
