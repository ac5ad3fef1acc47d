import { eq, inArray, sql } from "drizzle-orm";
import type { AnyPgColumn, PgTable } from "drizzle-orm/pg-core";
import type { Db } from "../../db/index.ts";
import { schema } from "../../db/index.ts";
import { countUsageEvents } from "./usage.queries.ts";

const {
  workspaces,
  users,
  memberships,
  accounts,
  contacts,
  subscriptions,
  accountTeamMembers,
  timelineEntries,
  customFieldDefs,
  usageUsers,
} = schema;

export const findWorkspaceIdBySlug = async (db: Db, slug: string): Promise<string | null> =>
  (await db.select({ id: workspaces.id }).from(workspaces).where(eq(workspaces.slug, slug)).limit(1))[0]
    ?.id ?? null;

/** Everything in the workspace goes with it (foreign keys cascade); logins and the audit log stay. */
export const deleteWorkspaceById = (db: Db, id: string) => db.delete(workspaces).where(eq(workspaces.id, id));

export const usersByEmail = async (db: Db, emails: string[]): Promise<Map<string, string>> => {
  const rows = await db
    .select({ id: users.id, email: sql<string>`lower(${users.email})` })
    .from(users)
    .where(
      inArray(
        sql`lower(${users.email})`,
        emails.map((e) => e.toLowerCase()),
      ),
    );
  return new Map(rows.map((r) => [r.email, r.id]));
};

export const insertUsers = (db: Db, rows: (typeof users.$inferInsert)[]) =>
  rows.length === 0 ? Promise.resolve() : db.insert(users).values(rows).onConflictDoNothing();

export const insertMemberships = (db: Db, rows: (typeof memberships.$inferInsert)[]) =>
  db.insert(memberships).values(rows);

/** Multi-row inserts of `size` rows: one round trip each, well under PostgreSQL's 65,535 parameters. */
export async function insertInChunks<T extends PgTable>(
  db: Db,
  table: T,
  rows: T["$inferInsert"][],
  size = 500,
) {
  for (let i = 0; i < rows.length; i += size) {
    await db.insert(table).values(rows.slice(i, i + size) as never);
  }
}

export type DemoCounts = {
  members: number;
  accounts: number;
  contacts: number;
  subscriptions: number;
  teamMembers: number;
  timelineEntries: number;
  customFieldDefs: number;
  usageEvents: number;
  productUsers: number;
};

export async function countWorkspace(db: Db, workspaceId: string): Promise<DemoCounts> {
  const count = async (table: PgTable, column: AnyPgColumn) =>
    (await db.select({ n: sql<number>`count(*)::int` }).from(table).where(eq(column, workspaceId)))[0]?.n ??
    0;
  return {
    members: await count(memberships, memberships.workspaceId),
    accounts: await count(accounts, accounts.workspaceId),
    contacts: await count(contacts, contacts.workspaceId),
    subscriptions: await count(subscriptions, subscriptions.workspaceId),
    teamMembers: await count(accountTeamMembers, accountTeamMembers.workspaceId),
    timelineEntries: await count(timelineEntries, timelineEntries.workspaceId),
    customFieldDefs: await count(customFieldDefs, customFieldDefs.workspaceId),
    usageEvents: await countUsageEvents(db, workspaceId),
    productUsers: await count(usageUsers, usageUsers.workspaceId),
  };
}
