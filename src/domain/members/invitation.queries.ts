import { and, desc, eq, getTableColumns, sql } from "drizzle-orm";
import type { Db } from "../../db/index.ts";
import { schema } from "../../db/index.ts";
import { afterCursor, orderBy, type SortKey, sortKeyColumn, toPage } from "../kernel/pagination.queries.ts";

const { invitations, workspaces } = schema;

export type InvitationRow = typeof invitations.$inferSelect;

export const insertInvitation = async (db: Db, row: typeof invitations.$inferInsert) =>
  (await db.insert(invitations).values(row).returning())[0];

const sameEmail = (email: string) => sql`lower(${invitations.email}) = lower(${email})`;

export const findInvitationByEmail = async (db: Db, workspaceId: string, email: string) =>
  (
    await db
      .select()
      .from(invitations)
      .where(and(eq(invitations.workspaceId, workspaceId), sameEmail(email)))
  )[0] ?? null;

export const deleteInvitation = async (db: Db, workspaceId: string, id: string) =>
  (
    await db
      .delete(invitations)
      .where(and(eq(invitations.workspaceId, workspaceId), eq(invitations.id, id)))
      .returning()
  )[0] ?? null;

/** A workspace's pending invitations, newest first, with the keyset cursors every list uses. */
export async function pageInvitations(db: Db, workspaceId: string, q: { limit: number; cursor?: string }) {
  const key: SortKey = { expr: sql`${invitations.createdAt}`, type: "timestamptz", desc: true };
  const rows = await db
    .select({ ...getTableColumns(invitations), sortKey: sortKeyColumn(key) })
    .from(invitations)
    .where(and(eq(invitations.workspaceId, workspaceId), afterCursor(key, invitations.id, q.cursor)))
    .orderBy(...orderBy(key, invitations.id))
    .limit(q.limit + 1);
  return toPage(rows, q.limit);
}

/** Invitations addressed to this email, in every workspace, with the workspace's name. */
export const invitationsForEmail = (db: Db, email: string) =>
  db
    .select({
      id: invitations.id,
      workspaceId: invitations.workspaceId,
      slug: workspaces.slug,
      workspaceName: workspaces.name,
      role: invitations.role,
      function: invitations.function,
      title: invitations.title,
      invitedBy: invitations.invitedBy,
      acceptOnSignIn: invitations.acceptOnSignIn,
      createdAt: invitations.createdAt,
    })
    .from(invitations)
    .innerJoin(workspaces, eq(workspaces.id, invitations.workspaceId))
    .where(sameEmail(email))
    .orderBy(desc(invitations.id));
