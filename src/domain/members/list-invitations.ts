import type { Ctx } from "../context.ts";
import { pageInvitations } from "./invitation.queries.ts";
import { toInvitation } from "./invitation.rules.ts";

export async function listInvitations(ctx: Ctx, query: { limit: number; cursor?: string }) {
  const page = await pageInvitations(ctx.db, ctx.workspaceId, query);
  return { data: page.data.map(toInvitation), nextCursor: page.nextCursor };
}
