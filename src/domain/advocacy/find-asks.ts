import { notFound } from "../../common/errors.ts";
import type { AdvocacyAsk, AdvocacyAskListQuery } from "../../contract/advocacy.ts";
import type { Ctx } from "../context.ts";
import { toAsk } from "./advocacy.rules.ts";
import { findAsk, pageAsks } from "./ask.queries.ts";

/** The workspace's asks, filtered by account, contact, kind and state, a page at a time. */
export async function listAdvocacyAsks(
  ctx: Ctx,
  q: AdvocacyAskListQuery,
): Promise<{ data: AdvocacyAsk[]; nextCursor: string | null }> {
  const page = await pageAsks(ctx.db, ctx.workspaceId, q);
  return { data: page.data.map(toAsk), nextCursor: page.nextCursor };
}

export async function getAdvocacyAsk(ctx: Ctx, id: string): Promise<AdvocacyAsk> {
  const row = await findAsk(ctx.db, ctx.workspaceId, id);
  if (!row) throw notFound("Ask");
  return toAsk(row);
}
