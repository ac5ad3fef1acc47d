import { and, eq, ilike, inArray, or, sql } from "drizzle-orm";
import type { Db } from "../../db/index.ts";
import { queryRows, schema } from "../../db/index.ts";
import { lockKey } from "../kernel/locks.queries.ts";
import { afterCursor, orderBy, type SortKey, sortKeyColumn, toPage } from "../kernel/pagination.queries.ts";

const { memberships, users, sessions } = schema;

const memberColumns = {
  userId: users.id,
  email: users.email,
  name: users.name,
  role: memberships.role,
  function: memberships.function,
  title: memberships.title,
  managerId: memberships.managerId,
  team: memberships.team,
  createdAt: memberships.createdAt,
};

export type MemberPageQuery = {
  limit: number;
  cursor?: string;
  q?: string;
  role?: string[];
  function?: string[];
  sort?: { field: "name" | "joined"; desc: boolean };
};

export type MemberRow = {
  userId: string;
  email: string;
  name: string;
  role: string;
  function: string;
  title: string | null;
  managerId: string | null;
  team: string | null;
  createdAt: Date;
};

export const findMember = async (db: Db, workspaceId: string, userId: string): Promise<MemberRow | null> =>
  (
    await db
      .select(memberColumns)
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, userId)))
  )[0] ?? null;

export async function pageMembers(db: Db, workspaceId: string, q: MemberPageQuery) {
  const sort = q.sort ?? { field: "name", desc: false };
  const key: SortKey =
    sort.field === "joined"
      ? { expr: sql`${memberships.createdAt}`, type: "timestamptz", desc: sort.desc }
      : { expr: sql`lower(${users.name})`, type: "text", desc: sort.desc };
  const like = q.q ? `%${q.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
  const rows = await db
    .select({ ...memberColumns, id: users.id, sortKey: sortKeyColumn(key) })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(
      and(
        eq(memberships.workspaceId, workspaceId),
        like ? or(ilike(users.name, like), ilike(users.email, like)) : undefined,
        q.role?.length ? inArray(memberships.role, q.role) : undefined,
        q.function?.length ? inArray(memberships.function, q.function) : undefined,
        afterCursor(key, users.id, q.cursor),
      ),
    )
    .orderBy(...orderBy(key, users.id))
    .limit(q.limit + 1);
  return toPage(rows, q.limit);
}

export const findUserByEmail = async (db: Db, email: string) =>
  (await db.select().from(users).where(sql`lower(${users.email}) = lower(${email})`).limit(1))[0] ?? null;

export const insertUser = async (
  db: Db,
  row: { id: string; email: string; name: string; passwordHash: string | null },
) => (await db.insert(users).values(row).returning())[0];

export const insertMembership = (
  db: Db,
  row: { workspaceId: string; userId: string; role: string; function: string; title: string | null },
) => db.insert(memberships).values(row);

export const updateMembership = (
  db: Db,
  workspaceId: string,
  userId: string,
  patch: {
    role?: string;
    function?: string;
    title?: string | null;
    managerId?: string | null;
    team?: string | null;
  },
) =>
  db
    .update(memberships)
    .set(patch)
    .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, userId)));

export const deleteMembership = (db: Db, workspaceId: string, userId: string) =>
  db.delete(memberships).where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, userId)));

export const deleteUserSessions = (db: Db, workspaceId: string, userId: string) =>
  db.delete(sessions).where(and(eq(sessions.workspaceId, workspaceId), eq(sessions.userId, userId)));

/**
 * Serializes, per workspace, the transactions that count owners and then change or remove one:
 * without it two owners demoting each other at once would each still see two owners.
 */
export const lockOwners = (db: Db, workspaceId: string): Promise<void> =>
  lockKey(db, "memberships.owners", workspaceId);

export const countOwners = async (db: Db, workspaceId: string): Promise<number> => {
  const rows = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(memberships)
    .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.role, "owner")));
  return rows[0]?.n ?? 0;
};

export const memberNames = async (db: Db, workspaceId: string, userIds: string[]) =>
  userIds.length === 0
    ? []
    : db
        .select({ id: users.id, name: users.name })
        .from(memberships)
        .innerJoin(users, eq(users.id, memberships.userId))
        .where(and(eq(memberships.workspaceId, workspaceId), inArray(memberships.userId, userIds)));

/**
 * The other workspaces a person belongs to or is invited to: a pending invitation is a workspace
 * they are about to open with the same login. Row-level security hides other workspaces' rows
 * from a workspace transaction, so the database answers this one count itself (migration 0012).
 */
export const countOtherWorkspaces = async (db: Db, workspaceId: string, userId: string): Promise<number> => {
  const [row] = await queryRows<{ n: number }>(
    db,
    sql`select steward_other_workspaces(${userId}::uuid, ${workspaceId}::uuid) as n`,
  );
  return Number(row?.n ?? 0);
};

/** The workspace's first owner (earliest to join): whom the CLI's keys belong to by default. */
export const findFirstOwner = async (db: Db, workspaceId: string): Promise<MemberRow | null> =>
  (
    await db
      .select(memberColumns)
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.role, "owner")))
      .orderBy(memberships.createdAt, memberships.userId)
      .limit(1)
  )[0] ?? null;

/**
 * Everyone who reports to the person, directly or through others (not the person). Used to refuse
 * a manager who would close a circle and by the inbox's team view.
 */
export const reportsOf = async (db: Db, workspaceId: string, userId: string): Promise<string[]> => {
  const rows = await queryRows<{ user_id: string }>(
    db,
    sql`with recursive r(user_id) as (
          select user_id from memberships where workspace_id = ${workspaceId} and manager_id = ${userId}
          union
          select m.user_id from memberships m join r on m.manager_id = r.user_id
           where m.workspace_id = ${workspaceId})
        select user_id from r`,
  );
  return rows.map((r) => r.user_id);
};
