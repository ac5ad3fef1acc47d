import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../../db/index.ts";
import { schema } from "../../db/index.ts";
import { afterCursor, orderBy, type SortKey, sortKeyColumn, toPage } from "../kernel/pagination.queries.ts";

const { accountTeamMembers: team, users, memberships } = schema;

const columns = {
  id: team.id,
  accountId: team.accountId,
  userId: team.userId,
  userName: users.name,
  userEmail: users.email,
  function: memberships.function,
  teamRole: team.teamRole,
  createdAt: team.createdAt,
};

type TeamSortField = "role" | "name" | "added";

export type TeamPageQuery = {
  limit: number;
  cursor?: string;
  teamRole?: string[];
  sort?: { field: TeamSortField; desc: boolean };
};

export type TeamRow = {
  id: string;
  accountId: string;
  userId: string;
  userName: string;
  userEmail: string;
  function: string | null;
  teamRole: string;
  createdAt: Date;
};

const base = (db: Db) =>
  db
    .select(columns)
    .from(team)
    .innerJoin(users, eq(users.id, team.userId))
    .leftJoin(
      memberships,
      and(eq(memberships.workspaceId, team.workspaceId), eq(memberships.userId, team.userId)),
    );

export const findTeamMember = async (db: Db, workspaceId: string, accountId: string, id: string) =>
  (
    await base(db).where(
      and(eq(team.workspaceId, workspaceId), eq(team.accountId, accountId), eq(team.id, id)),
    )
  )[0] ?? null;

export async function pageTeam(db: Db, workspaceId: string, accountId: string, q: TeamPageQuery) {
  const sort = q.sort ?? { field: "role", desc: false };
  const keys: Record<TeamSortField, Omit<SortKey, "desc">> = {
    role: { expr: sql`${team.teamRole} || ':' || lower(${users.name})`, type: "text" },
    name: { expr: sql`lower(${users.name}) || ':' || ${team.teamRole}`, type: "text" },
    added: { expr: sql`${team.createdAt}`, type: "timestamptz" },
  };
  const key: SortKey = { ...keys[sort.field], desc: sort.desc };
  const rows = await db
    .select({ ...columns, sortKey: sortKeyColumn(key) })
    .from(team)
    .innerJoin(users, eq(users.id, team.userId))
    .leftJoin(
      memberships,
      and(eq(memberships.workspaceId, team.workspaceId), eq(memberships.userId, team.userId)),
    )
    .where(
      and(
        eq(team.workspaceId, workspaceId),
        eq(team.accountId, accountId),
        q.teamRole?.length ? inArray(team.teamRole, q.teamRole) : undefined,
        afterCursor(key, team.id, q.cursor),
      ),
    )
    .orderBy(...orderBy(key, team.id))
    .limit(q.limit + 1);
  return toPage(rows, q.limit);
}

export const insertTeamMember = (db: Db, row: typeof team.$inferInsert) =>
  db.insert(team).values(row).onConflictDoNothing().returning({ id: team.id });

export const updateTeamRole = (db: Db, workspaceId: string, id: string, teamRole: string) =>
  db
    .update(team)
    .set({ teamRole })
    .where(and(eq(team.workspaceId, workspaceId), eq(team.id, id)));

export const deleteTeamMember = (db: Db, workspaceId: string, id: string) =>
  db.delete(team).where(and(eq(team.workspaceId, workspaceId), eq(team.id, id)));

/** Takes the person off every account team in the workspace; answers the rows removed. */
export const deleteUserTeamRows = (db: Db, workspaceId: string, userId: string) =>
  db
    .delete(team)
    .where(and(eq(team.workspaceId, workspaceId), eq(team.userId, userId)))
    .returning({ accountId: team.accountId, teamRole: team.teamRole });

export const holdsTeamRole = async (
  db: Db,
  workspaceId: string,
  accountId: string,
  userId: string,
  teamRole: string,
) =>
  (
    await db
      .select({ id: team.id })
      .from(team)
      .where(
        and(
          eq(team.workspaceId, workspaceId),
          eq(team.accountId, accountId),
          eq(team.userId, userId),
          eq(team.teamRole, teamRole),
        ),
      )
  ).length > 0;
