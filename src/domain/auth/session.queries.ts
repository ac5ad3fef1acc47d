import { and, eq, lt, or, sql } from "drizzle-orm";
import type { Db } from "../../db/index.ts";
import { schema } from "../../db/index.ts";

const { sessions, users, memberships, workspaces } = schema;

export const insertSession = (db: Db, row: typeof sessions.$inferInsert) => db.insert(sessions).values(row);

/** The session with its user, workspace and current membership (a removed member has none). */
export const findSessionById = async (db: Db, id: string) =>
  (
    await db
      .select({
        id: sessions.id,
        workspaceId: sessions.workspaceId,
        userId: sessions.userId,
        csrfToken: sessions.csrfToken,
        createdAt: sessions.createdAt,
        lastSeenAt: sessions.lastSeenAt,
        expiresAt: sessions.expiresAt,
        role: memberships.role,
        function: memberships.function,
        userEmail: users.email,
        userName: users.name,
        mustChangePassword: users.mustChangePassword,
        workspaceSlug: workspaces.slug,
        workspaceName: workspaces.name,
      })
      .from(sessions)
      .innerJoin(users, eq(users.id, sessions.userId))
      .innerJoin(workspaces, eq(workspaces.id, sessions.workspaceId))
      .leftJoin(
        memberships,
        and(eq(memberships.workspaceId, sessions.workspaceId), eq(memberships.userId, sessions.userId)),
      )
      .where(eq(sessions.id, id))
      .limit(1)
  )[0] ?? null;

// Sessions are found, touched and ended by their id (the hash of the cookie token) alone, on
// purpose: the token is the credential, and it names the session before its workspace is known.
export const deleteSession = (db: Db, id: string) => db.delete(sessions).where(eq(sessions.id, id));

export const touchSession = (db: Db, id: string, at: Date) =>
  db.update(sessions).set({ lastSeenAt: at }).where(eq(sessions.id, id));

/** Installation-wide sweep: deletes sessions past their absolute expiry, and those unused since `idleSince` when given. */
export const deleteExpiredSessions = (db: Db, now: Date, idleSince?: Date) =>
  db
    .delete(sessions)
    .where(or(lt(sessions.expiresAt, now), idleSince ? lt(sessions.lastSeenAt, idleSince) : undefined));

export const userWorkspaces = (db: Db, userId: string) =>
  db
    .select({
      id: workspaces.id,
      slug: workspaces.slug,
      name: workspaces.name,
      role: memberships.role,
      function: memberships.function,
    })
    .from(memberships)
    .innerJoin(workspaces, eq(workspaces.id, memberships.workspaceId))
    .where(eq(memberships.userId, userId))
    .orderBy(sql`${workspaces.slug}`);

/** Ends every session of a person, in every workspace; returns how many there were. */
export const deleteAllUserSessions = async (db: Db, userId: string): Promise<number> =>
  (await db.delete(sessions).where(eq(sessions.userId, userId)).returning({ id: sessions.id })).length;

export const findUserPassword = async (db: Db, userId: string) =>
  (
    await db
      .select({ passwordHash: users.passwordHash, mustChangePassword: users.mustChangePassword })
      .from(users)
      .where(eq(users.id, userId))
  )[0] ?? null;

export const setUserPassword = (db: Db, userId: string, passwordHash: string, mustChange: boolean) =>
  db.update(users).set({ passwordHash, mustChangePassword: mustChange }).where(eq(users.id, userId));
