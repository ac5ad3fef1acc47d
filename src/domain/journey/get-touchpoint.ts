import { notFound } from "../../common/errors.ts";
import type { Touchpoint } from "../../contract/touchpoints.ts";
import type { Ctx } from "../context.ts";
import { withPlayers } from "./find-touchpoints.ts";
import { findTouchpoint } from "./touchpoint.queries.ts";

export async function getTouchpoint(ctx: Ctx, id: string): Promise<Touchpoint> {
  const row = await findTouchpoint(ctx.db, ctx.workspaceId, id);
  if (!row) throw notFound("Touchpoint");
  return (await withPlayers(ctx, [row]))[0] as Touchpoint;
}
