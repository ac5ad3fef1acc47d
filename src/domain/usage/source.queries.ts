import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../../db/index.ts";
import { queryRows, schema } from "../../db/index.ts";
import { afterCursor, orderBy, type SortKey, sortKeyColumn, toPage } from "../kernel/pagination.queries.ts";

const { eventSources, usageRejections } = schema;

export type SourceRow = typeof eventSources.$inferSelect;

export const insertSource = async (db: Db, row: typeof eventSources.$inferInsert) =>
  (await db.insert(eventSources).values(row).returning())[0] as SourceRow;

export const findSource = async (db: Db, workspaceId: string, id: string) =>
  (
    await db
      .select()
      .from(eventSources)
      .where(and(eq(eventSources.workspaceId, workspaceId), eq(eventSources.id, id)))
  )[0] ?? null;

/**
 * Installation-wide on purpose: a write key is all an ingestion request carries, and its source
 * tells the workspace (the hash is unique across workspaces).
 */
export const findSourceByKeyHash = async (db: Db, hash: string) =>
  (await db.select().from(eventSources).where(eq(eventSources.writeKeyHash, hash)))[0] ?? null;

export const updateSourceRow = async (
  db: Db,
  workspaceId: string,
  id: string,
  set: Partial<typeof eventSources.$inferInsert>,
) =>
  (
    await db
      .update(eventSources)
      .set({ ...set, updatedAt: new Date() })
      .where(and(eq(eventSources.workspaceId, workspaceId), eq(eventSources.id, id)))
      .returning()
  )[0] ?? null;

export const deleteSourceRow = async (db: Db, workspaceId: string, id: string) =>
  (
    await db
      .delete(eventSources)
      .where(and(eq(eventSources.workspaceId, workspaceId), eq(eventSources.id, id)))
      .returning({ id: eventSources.id })
  ).length > 0;

/** Moves `last_event_at` forward, at most once per `everyMs`, so busy sources do not contend on the row. */
export const touchSourceLastEvent = (db: Db, workspaceId: string, id: string, at: Date, everyMs: number) =>
  db.execute(sql`
    update event_sources set last_event_at = ${at.toISOString()}::timestamptz
    where workspace_id = ${workspaceId} and id = ${id}
      and (last_event_at is null or last_event_at < ${at.toISOString()}::timestamptz - ${`${everyMs} milliseconds`}::interval)`);

// Counting a busy source's day of events would scan its whole day; past this many it says "at least".
const COUNT_CAP = 100_000;

/** Events stored and items rejected per source in the last 24 hours. */
export async function sourceStats(db: Db, workspaceId: string, ids: string[], now: Date) {
  const stats = new Map<string, { events: number; rejected: number }>();
  if (ids.length === 0) return stats;
  const since = new Date(now.getTime() - 86_400_000).toISOString();
  const rows = await queryRows<{ id: string; events: number; rejected: number }>(
    db,
    sql`
    select s.id,
      (select count(*)::int from (
         select 1 from usage_events e
         where e.workspace_id = ${workspaceId} and e.received_at > ${since}::timestamptz and e.source_id = s.id
         limit ${COUNT_CAP}) c) as events,
      (select count(*)::int from usage_rejections r
         where r.workspace_id = ${workspaceId} and r.source_id = s.id and r.received_at > ${since}::timestamptz
           and r.code <> 'event_truncated') as rejected
    from event_sources s
    where s.workspace_id = ${workspaceId} and s.id = any(${sql.param(ids)}::uuid[])`,
  );
  for (const r of rows) stats.set(r.id, { events: r.events, rejected: r.rejected });
  return stats;
}

export async function pageSources(db: Db, workspaceId: string, q: { limit: number; cursor?: string }) {
  const key: SortKey = { expr: sql`lower(${eventSources.name})`, type: "text", desc: false };
  const rows = await db
    .select({ row: eventSources, id: eventSources.id, sortKey: sortKeyColumn(key) })
    .from(eventSources)
    .where(and(eq(eventSources.workspaceId, workspaceId), afterCursor(key, eventSources.id, q.cursor)))
    .orderBy(...orderBy(key, eventSources.id))
    .limit(q.limit + 1);
  return toPage(rows, q.limit);
}

export type ProblemRow = typeof usageRejections.$inferInsert;

export async function insertProblems(db: Db, rows: ProblemRow[]) {
  if (rows.length > 0) await db.insert(usageRejections).values(rows);
}

export async function pageRejections(
  db: Db,
  workspaceId: string,
  sourceId: string,
  q: { limit: number; cursor?: string },
) {
  const key: SortKey = { expr: sql`${usageRejections.receivedAt}`, type: "timestamptz", desc: true };
  const rows = await db
    .select({
      id: usageRejections.id,
      receivedAt: usageRejections.receivedAt,
      code: usageRejections.code,
      message: usageRejections.message,
      messageId: usageRejections.messageId,
      excerpt: usageRejections.excerpt,
      sortKey: sortKeyColumn(key),
    })
    .from(usageRejections)
    .where(
      and(
        eq(usageRejections.workspaceId, workspaceId),
        eq(usageRejections.sourceId, sourceId),
        afterCursor(key, usageRejections.id, q.cursor),
      ),
    )
    .orderBy(...orderBy(key, usageRejections.id))
    .limit(q.limit + 1);
  return toPage(rows, q.limit);
}
