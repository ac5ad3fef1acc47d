import { and, eq, sql } from "drizzle-orm";
import { newId } from "../../common/ids.ts";
import type { Db } from "../../db/index.ts";
import { schema } from "../../db/index.ts";
import { afterCursor, orderBy, type SortKey, sortKeyColumn, toPage } from "../kernel/pagination.queries.ts";

const { auditLog, users } = schema;

export type AuditRow = {
  workspaceId: string | null;
  actorUserId: string | null;
  actorApiKeyId: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  ip: string | null;
  success: boolean;
  details: Record<string, unknown>;
};

export async function insertAuditRow(db: Db, row: AuditRow): Promise<void> {
  await db.insert(auditLog).values({ id: newId(), ...row });
}

export type AuditPageQuery = {
  limit: number;
  cursor?: string;
  action?: string;
  actorUserId?: string;
  sort?: { desc: boolean };
};

export async function pageAuditLog(db: Db, workspaceId: string, query: AuditPageQuery) {
  const key: SortKey = { expr: sql`${auditLog.at}`, type: "timestamptz", desc: query.sort?.desc ?? true };
  const rows = await db
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
        eq(auditLog.workspaceId, workspaceId),
        query.action ? eq(auditLog.action, query.action) : undefined,
        query.actorUserId ? eq(auditLog.actorUserId, query.actorUserId) : undefined,
        afterCursor(key, auditLog.id, query.cursor),
      ),
    )
    .orderBy(...orderBy(key, auditLog.id))
    .limit(query.limit + 1);
  return toPage(rows, query.limit);
}
