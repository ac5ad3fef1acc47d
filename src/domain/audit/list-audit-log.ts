import { and, eq, sql } from "drizzle-orm";
import { schema } from "../../db/index.ts";
import type { Ctx } from "../context.ts";
import { afterCursor, orderBy, type SortKey, sortKeyColumn, toPage } from "../kernel/pagination.ts";

const { auditLog, users } = schema;

export async function listAuditLog(
  ctx: Ctx,
  query: { limit: number; cursor?: string; action?: string; actorUserId?: string; sort?: { desc: boolean } },
) {
  const key: SortKey = { expr: sql`${auditLog.at}`, type: "timestamptz", desc: query.sort?.desc ?? true };
  const rows = await ctx.db
    .select({
      id: auditLog.id,
      at: auditLog.at,
      action: auditLog.action,
      actorUserId: auditLog.actorUserId,
      actorName: users.name,
      actorApiKeyId: auditLog.actorApiKeyId,
      targetType: auditLog.targetType,
      targetId: auditLog.targetId,
      ip: auditLog.ip,
      success: auditLog.success,
      details: auditLog.details,
      sortKey: sortKeyColumn(key),
    })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorUserId))
    .where(
      and(
        eq(auditLog.workspaceId, ctx.workspaceId),
        query.action ? eq(auditLog.action, query.action) : undefined,
        query.actorUserId ? eq(auditLog.actorUserId, query.actorUserId) : undefined,
        afterCursor(key, auditLog.id, query.cursor),
      ),
    )
    .orderBy(...orderBy(key, auditLog.id))
    .limit(query.limit + 1);
  const page = toPage(rows, query.limit);
  return { ...page, data: page.data.map((r) => ({ ...r, at: r.at.toISOString() })) };
}
