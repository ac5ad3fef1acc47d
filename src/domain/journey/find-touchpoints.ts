import type { Touchpoint, TouchpointListQuery } from "../../contract/touchpoints.ts";
import type { Ctx } from "../context.ts";
import { pageTouchpoints, playersOf, type TouchpointRow } from "./touchpoint.queries.ts";
import { toTouchpoint } from "./touchpoint.rules.ts";

/** Touchpoints as the API shows them, with their key players (one statement for all). */
export async function withPlayers(ctx: Ctx, rows: TouchpointRow[]): Promise<Touchpoint[]> {
  const players = await playersOf(
    ctx.db,
    ctx.workspaceId,
    rows.map((r) => r.id),
  );
  return rows.map((r) =>
    toTouchpoint(
      r,
      players.filter((p) => p.touchpointId === r.id),
    ),
  );
}

/** One page of touchpoints, newest first. */
export async function findTouchpoints(ctx: Ctx, query: TouchpointListQuery) {
  const page = await pageTouchpoints(ctx.db, ctx.workspaceId, query);
  return { data: await withPlayers(ctx, page.data as TouchpointRow[]), nextCursor: page.nextCursor };
}
