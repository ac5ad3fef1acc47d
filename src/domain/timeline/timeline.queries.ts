import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../../db/index.ts";
import { schema } from "../../db/index.ts";
import { afterCursor, orderBy, type SortKey, sortKeyColumn, toPage } from "../kernel/pagination.queries.ts";

const { timelineEntries, users, contacts, accounts } = schema;

const columns = {
  id: timelineEntries.id,
  accountId: timelineEntries.accountId,
  kind: timelineEntries.kind,
  title: timelineEntries.title,
  body: timelineEntries.body,
  occurredAt: timelineEntries.occurredAt,
  authorId: timelineEntries.authorId,
  authorName: users.name,
  contactId: timelineEntries.contactId,
  createdAt: timelineEntries.createdAt,
  updatedAt: timelineEntries.updatedAt,
};

export type TimelineRow = {
  id: string;
  accountId: string;
  kind: string;
  title: string;
  body: string | null;
  occurredAt: Date;
  authorId: string | null;
  authorName: string | null;
  contactId: string | null;
  createdAt: Date;
  updatedAt: Date;
};

// Ten parameters a row: chunks keep a statement well under PostgreSQL's 65,535 parameters.
const INSERT_CHUNK = 1000;

export async function insertTimelineEntries(
  db: Db,
  rows: (typeof timelineEntries.$inferInsert)[],
): Promise<void> {
  for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
    await db.insert(timelineEntries).values(rows.slice(i, i + INSERT_CHUNK));
  }
}

export const findTimelineEntry = async (db: Db, workspaceId: string, accountId: string, id: string) =>
  (
    await db
      .select(columns)
      .from(timelineEntries)
      .leftJoin(users, eq(users.id, timelineEntries.authorId))
      .where(
        and(
          eq(timelineEntries.workspaceId, workspaceId),
          eq(timelineEntries.accountId, accountId),
          eq(timelineEntries.id, id),
        ),
      )
  )[0] ?? null;

export async function pageTimeline(
  db: Db,
  workspaceId: string,
  accountId: string,
  q: { limit: number; cursor?: string; kind?: string[]; sort?: { desc: boolean } },
) {
  const key: SortKey = {
    expr: sql`${timelineEntries.occurredAt}`,
    type: "timestamptz",
    desc: q.sort?.desc ?? true,
  };
  const rows = await db
    .select({ ...columns, sortKey: sortKeyColumn(key) })
    .from(timelineEntries)
    .leftJoin(users, eq(users.id, timelineEntries.authorId))
    .where(
      and(
        eq(timelineEntries.workspaceId, workspaceId),
        eq(timelineEntries.accountId, accountId),
        q.kind?.length ? inArray(timelineEntries.kind, q.kind) : undefined,
        afterCursor(key, timelineEntries.id, q.cursor),
      ),
    )
    .orderBy(...orderBy(key, timelineEntries.id))
    .limit(q.limit + 1);
  return toPage(rows, q.limit);
}

export const updateTimelineEntry = (
  db: Db,
  workspaceId: string,
  id: string,
  patch: Partial<Pick<typeof timelineEntries.$inferInsert, "title" | "body" | "occurredAt" | "contactId">>,
) =>
  db
    .update(timelineEntries)
    .set({ ...patch, updatedAt: new Date() })
    .where(and(eq(timelineEntries.workspaceId, workspaceId), eq(timelineEntries.id, id)));

export const deleteTimelineEntry = (db: Db, workspaceId: string, id: string) =>
  db
    .delete(timelineEntries)
    .where(and(eq(timelineEntries.workspaceId, workspaceId), eq(timelineEntries.id, id)));

/** Whether the contact exists on this account: a note may only point at one of its own contacts. */
export const isContactOfAccount = async (db: Db, workspaceId: string, accountId: string, contactId: string) =>
  (
    await db
      .select({ id: contacts.id })
      .from(contacts)
      .where(
        and(
          eq(contacts.workspaceId, workspaceId),
          eq(contacts.accountId, accountId),
          eq(contacts.id, contactId),
        ),
      )
  ).length > 0;

/**
 * Whether the account exists in this workspace. The timeline sits below accounts (accounts record
 * their changes on it), so it asks the table itself rather than the accounts module.
 */
export const accountExists = async (db: Db, workspaceId: string, accountId: string) =>
  (
    await db
      .select({ id: accounts.id })
      .from(accounts)
      .where(and(eq(accounts.workspaceId, workspaceId), eq(accounts.id, accountId)))
  ).length > 0;
