import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../../db/index.ts";
import { queryRows, schema } from "../../db/index.ts";

const { workspaceListItems: items } = schema;

export type ListItemRow = {
  list: string;
  key: string;
  label: string;
  description: string | null;
  position: number;
  archivedAt: Date | null;
  uses: number;
};

/**
 * How many records use each item: touchpoints for decision and development steps, survey answers
 * for experience dimensions.
 */
const usesSql = sql`case ${items.list}
  when 'decision' then (select count(*) from touchpoints t
    where t.workspace_id = ${items.workspaceId} and t.decision_step = ${items.key})
  when 'development' then (select count(*) from touchpoints t
    where t.workspace_id = ${items.workspaceId} and t.development_step = ${items.key})
  else (select count(*) from survey_responses r
    where r.workspace_id = ${items.workspaceId} and r.dimension = ${items.key})
  end::int`;

const columns = {
  list: items.list,
  key: items.key,
  label: items.label,
  description: items.description,
  position: items.position,
  archivedAt: items.archivedAt,
  uses: sql<number>`${usesSql}`.mapWith(Number),
};

/** A workspace's list items, a list or all three, in position order. */
export const selectListItems = (db: Db, workspaceId: string, list?: string): Promise<ListItemRow[]> =>
  db
    .select(columns)
    .from(items)
    .where(and(eq(items.workspaceId, workspaceId), list ? eq(items.list, list) : undefined))
    .orderBy(asc(items.list), asc(items.position), asc(items.key));

/**
 * The decision and development steps in position order, without how many records use each: the
 * journey needs only their names, and counting uses reads every touchpoint of the workspace.
 */
export const selectSteps = (db: Db, workspaceId: string) =>
  db
    .select({ list: items.list, key: items.key, label: items.label, archivedAt: items.archivedAt })
    .from(items)
    .where(and(eq(items.workspaceId, workspaceId), inArray(items.list, ["decision", "development"])))
    .orderBy(asc(items.list), asc(items.position), asc(items.key));

export const findListItem = async (
  db: Db,
  workspaceId: string,
  list: string,
  key: string,
): Promise<ListItemRow | null> =>
  (
    await db
      .select(columns)
      .from(items)
      .where(and(eq(items.workspaceId, workspaceId), eq(items.list, list), eq(items.key, key)))
  )[0] ?? null;

/** Inserts items; a key the list already has is skipped (answers the keys inserted). */
export const insertListItems = async (db: Db, rows: (typeof items.$inferInsert)[]) =>
  rows.length === 0 ? [] : db.insert(items).values(rows).onConflictDoNothing().returning({ key: items.key });

/** The position after the list's last item. */
export const nextPosition = async (db: Db, workspaceId: string, list: string): Promise<number> =>
  (
    await queryRows<{ next: number }>(
      db,
      sql`select coalesce(max(position), 0)::int + 1 as next from workspace_list_items
        where workspace_id = ${workspaceId} and list = ${list}`,
    )
  )[0]?.next ?? 1;

export const updateListItemRow = (
  db: Db,
  workspaceId: string,
  list: string,
  key: string,
  patch: Partial<Pick<typeof items.$inferInsert, "label" | "description" | "archivedAt" | "position">>,
) =>
  db
    .update(items)
    .set(patch)
    .where(and(eq(items.workspaceId, workspaceId), eq(items.list, list), eq(items.key, key)));

/** Sets every item's position from its place in `keys`, in one statement. */
export const writePositions = (db: Db, workspaceId: string, list: string, keys: string[]) =>
  db.execute(sql`
    update workspace_list_items i set position = o.position::int
      from unnest(${sql.param(keys)}::text[]) with ordinality as o(key, position)
     where i.workspace_id = ${workspaceId} and i.list = ${list} and i.key = o.key`);

export const deleteListItemRow = (db: Db, workspaceId: string, list: string, key: string) =>
  db.delete(items).where(and(eq(items.workspaceId, workspaceId), eq(items.list, list), eq(items.key, key)));

/** Which of these keys are live (not archived) items of the list. */
export async function liveKeys(
  db: Db,
  workspaceId: string,
  list: string,
  keys: string[],
): Promise<Set<string>> {
  if (keys.length === 0) return new Set();
  const rows = await queryRows<{ key: string }>(
    db,
    sql`select key from workspace_list_items where workspace_id = ${workspaceId} and list = ${list}
      and archived_at is null and key = any(${sql.param(keys)}::text[])`,
  );
  return new Set(rows.map((r) => r.key));
}
