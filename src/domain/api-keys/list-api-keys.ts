import type { Ctx } from "../context.ts";
import { pageApiKeys } from "./api-key.queries.ts";
import { toApiKey } from "./api-key.rules.ts";

export async function listApiKeys(ctx: Ctx, query: { limit: number; cursor?: string }) {
  const page = await pageApiKeys(ctx.db, ctx.workspaceId, query);
  return { data: page.data.map(toApiKey), nextCursor: page.nextCursor };
}
