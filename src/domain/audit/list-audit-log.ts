import type { Ctx } from "../context.ts";
import { type AuditPageQuery, pageAuditLog } from "./audit.queries.ts";

export async function listAuditLog(ctx: Ctx, query: AuditPageQuery) {
  const page = await pageAuditLog(ctx.db, ctx.workspaceId, query);
  return { ...page, data: page.data.map((r) => ({ ...r, at: r.at.toISOString() })) };
}
