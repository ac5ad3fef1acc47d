import { and, eq, isNotNull, isNull, sql } from "drizzle-orm";
import type { Db } from "../../db/index.ts";
import { schema } from "../../db/index.ts";
import { afterCursor, orderBy, type SortKey, sortKeyColumn, toPage } from "../kernel/pagination.queries.ts";

const { apiKeys, memberships } = schema;

export const insertApiKey = async (db: Db, row: typeof apiKeys.$inferInsert) =>
  (await db.insert(apiKeys).values(row).returning())[0];

/**
 * The key with this prefix and its person's current role here (null once they are no member).
 * Installation-wide on purpose: a request carries only the key, whose row tells its workspace.
 */
export const findApiKeyByPrefix = async (db: Db, prefix: string) =>
  (
    await db
      .select({ key: apiKeys, role: memberships.role })
      .from(apiKeys)
      .leftJoin(
        memberships,
        and(eq(memberships.workspaceId, apiKeys.workspaceId), eq(memberships.userId, apiKeys.userId)),
      )
      .where(eq(apiKeys.prefix, prefix))
      .limit(1)
  )[0] ?? null;

export const findApiKey = async (db: Db, workspaceId: string, id: string) =>
  (
    await db
      .select()
      .from(apiKeys)
      .where(and(eq(apiKeys.workspaceId, workspaceId), eq(apiKeys.id, id)))
  )[0] ?? null;

/** The person's keys in this workspace that still work. */
export const activeKeysCreatedBy = (db: Db, workspaceId: string, userId: string) =>
  db
    .select({ id: apiKeys.id, name: apiKeys.name, prefix: apiKeys.prefix, scopes: apiKeys.scopes })
    .from(apiKeys)
    .where(and(eq(apiKeys.workspaceId, workspaceId), eq(apiKeys.userId, userId), isNull(apiKeys.revokedAt)))
    .orderBy(apiKeys.id);

export const markRevoked = (db: Db, workspaceId: string, id: string, at: Date) =>
  db
    .update(apiKeys)
    .set({ revokedAt: at })
    .where(and(eq(apiKeys.workspaceId, workspaceId), eq(apiKeys.id, id)));

export const touchApiKey = (db: Db, workspaceId: string, id: string, at: Date) =>
  db
    .update(apiKeys)
    .set({ lastUsedAt: at })
    .where(and(eq(apiKeys.workspaceId, workspaceId), eq(apiKeys.id, id)));

export type ApiKeyPageQuery = {
  limit: number;
  cursor?: string;
  status?: "active" | "revoked";
  sort?: { field: "created" | "name"; desc: boolean };
};

export async function pageApiKeys(db: Db, workspaceId: string, q: ApiKeyPageQuery) {
  const sort = q.sort ?? { field: "created", desc: true };
  const key: SortKey =
    sort.field === "name"
      ? { expr: sql`lower(${apiKeys.name})`, type: "text", desc: sort.desc }
      : { expr: sql`${apiKeys.createdAt}`, type: "timestamptz", desc: sort.desc };
  const rows = await db
    .select({
      id: apiKeys.id,
      name: apiKeys.name,
      prefix: apiKeys.prefix,
      scopes: apiKeys.scopes,
      userId: apiKeys.userId,
      createdAt: apiKeys.createdAt,
      lastUsedAt: apiKeys.lastUsedAt,
      revokedAt: apiKeys.revokedAt,
      sortKey: sortKeyColumn(key),
    })
    .from(apiKeys)
    .where(
      and(
        eq(apiKeys.workspaceId, workspaceId),
        q.status === "active" ? isNull(apiKeys.revokedAt) : undefined,
        q.status === "revoked" ? isNotNull(apiKeys.revokedAt) : undefined,
        afterCursor(key, apiKeys.id, q.cursor),
      ),
    )
    .orderBy(...orderBy(key, apiKeys.id))
    .limit(q.limit + 1);
  return toPage(rows, q.limit);
}
