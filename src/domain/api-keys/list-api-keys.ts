import type { Ctx } from "../context.ts";
import { type ApiKeyPageQuery, pageApiKeys } from "./api-key.queries.ts";
import { toApiKey } from "./api-key.rules.ts";

export async function listApiKeys(ctx: Ctx, query: ApiKeyPageQuery) {
  const page = await pageApiKeys(ctx.db, ctx.workspaceId, query);
  return { data: page.data.map(toApiKey), nextCursor: page.nextCursor };
}
