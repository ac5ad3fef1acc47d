import { and, eq, ilike, inArray, or, type SQL, sql } from "drizzle-orm";
import type { ContactFilter, ContactListQuery } from "../../contract/contacts.ts";
import type { Db } from "../../db/index.ts";
import { queryRows, schema } from "../../db/index.ts";
import { cellText, writeRows } from "../kernel/bulk-write.queries.ts";
import { afterCursor, orderBy, type SortKey, sortKeyColumn, toPage } from "../kernel/pagination.queries.ts";
import { inSegment } from "../kernel/segment-membership.queries.ts";
import { KEY_ROLES } from "./contact.rules.ts";

const { contacts, accounts } = schema;

/** `isKeyPlayer` as SQL over a contacts table, for filters and set-based measures. */
export const KEY_PLAYER_SQL = (t: typeof schema.contacts): SQL =>
  sql`(coalesce(${t.decisionRole} in (${sql.raw(KEY_ROLES.map((r) => `'${r}'`).join(","))}), false) or coalesce(${t.influence}, 0) >= 4)`;

const columns = {
  id: contacts.id,
  accountId: contacts.accountId,
  accountName: accounts.name,
  externalId: contacts.externalId,
  firstName: contacts.firstName,
  lastName: contacts.lastName,
  email: contacts.email,
  phone: contacts.phone,
  title: contacts.title,
  decisionRole: contacts.decisionRole,
  influence: contacts.influence,
  seniority: contacts.seniority,
  status: contacts.status,
  leftCompany: contacts.leftCompany,
  customFields: contacts.customFields,
  createdAt: contacts.createdAt,
  updatedAt: contacts.updatedAt,
};

export type ContactRow = {
  id: string;
  accountId: string;
  accountName: string;
  externalId: string | null;
  firstName: string | null;
  lastName: string | null;
  email: string | null;
  phone: string | null;
  title: string | null;
  decisionRole: string | null;
  influence: number | null;
  seniority: string | null;
  status: string;
  leftCompany: boolean;
  customFields: Record<string, string | number | boolean | null>;
  createdAt: Date;
  updatedAt: Date;
};

const joinAccount = and(eq(accounts.workspaceId, contacts.workspaceId), eq(accounts.id, contacts.accountId));

export const findContact = async (db: Db, workspaceId: string, id: string): Promise<ContactRow | null> =>
  (
    await db
      .select(columns)
      .from(contacts)
      .innerJoin(accounts, joinAccount)
      .where(and(eq(contacts.workspaceId, workspaceId), eq(contacts.id, id)))
  )[0] ?? null;

export const findContactByExternalId = async (db: Db, workspaceId: string, externalId: string) =>
  (
    await db
      .select({ id: contacts.id })
      .from(contacts)
      .where(and(eq(contacts.workspaceId, workspaceId), eq(contacts.externalId, externalId)))
  )[0] ?? null;

export const insertContact = (db: Db, row: typeof contacts.$inferInsert) => db.insert(contacts).values(row);

export const updateContactRow = (
  db: Db,
  workspaceId: string,
  id: string,
  patch: Partial<typeof contacts.$inferInsert>,
) =>
  db
    .update(contacts)
    .set({ ...patch, updatedAt: new Date() })
    .where(and(eq(contacts.workspaceId, workspaceId), eq(contacts.id, id)));

/** A contact as stored, without its workspace and timestamps: what a bulk upsert writes. */
export type ContactRecord = Omit<ContactRow, "accountName" | "createdAt" | "updatedAt">;
const { accountName: _name, createdAt: _created, updatedAt: _updated, ...recordColumns } = columns;

/** The stored contacts with these external ids or ids, for a bulk upsert to merge its rows with. */
export const selectContactRecords = async (
  db: Db,
  workspaceId: string,
  keys: { externalIds: string[]; ids: string[] },
): Promise<ContactRecord[]> =>
  db
    .select(recordColumns)
    .from(contacts)
    .where(
      and(
        eq(contacts.workspaceId, workspaceId),
        sql`(${contacts.externalId} = any(${sql.param(keys.externalIds)}::text[])
          or ${contacts.id} = any(${sql.param(keys.ids)}::uuid[]))`,
      ),
    );

/** Inserts or updates complete contacts, set-based: every upsert of contacts goes through here. */
export const writeContacts = (db: Db, workspaceId: string, rows: ContactRecord[]) =>
  writeRows(db, "contacts", workspaceId, [
    { name: "id", cast: "uuid", values: rows.map((r) => r.id) },
    { name: "account_id", cast: "uuid", values: rows.map((r) => r.accountId) },
    { name: "external_id", cast: "text", values: rows.map((r) => r.externalId) },
    { name: "first_name", cast: "text", values: rows.map((r) => r.firstName) },
    { name: "last_name", cast: "text", values: rows.map((r) => r.lastName) },
    { name: "email", cast: "text", values: rows.map((r) => r.email) },
    { name: "phone", cast: "text", values: rows.map((r) => r.phone) },
    { name: "title", cast: "text", values: rows.map((r) => r.title) },
    { name: "decision_role", cast: "text", values: rows.map((r) => r.decisionRole) },
    { name: "influence", cast: "integer", values: rows.map((r) => cellText(r.influence)) },
    { name: "seniority", cast: "text", values: rows.map((r) => r.seniority) },
    { name: "status", cast: "text", values: rows.map((r) => r.status) },
    { name: "left_company", cast: "boolean", values: rows.map((r) => cellText(r.leftCompany)) },
    { name: "custom_fields", cast: "jsonb", values: rows.map((r) => cellText(r.customFields)) },
  ]);

export const deleteContactRow = (db: Db, workspaceId: string, id: string) =>
  db.delete(contacts).where(and(eq(contacts.workspaceId, workspaceId), eq(contacts.id, id)));

const displayName = sql`lower(concat_ws(' ', ${contacts.firstName}, ${contacts.lastName}, ${contacts.email}))`;

const contactSortKeys: Record<ContactFilter["sort"]["field"], Omit<SortKey, "desc">> = {
  name: { expr: displayName, type: "text" },
  influence: { expr: sql`coalesce(${contacts.influence}, 0)`, type: "integer" },
  created: { expr: sql`${contacts.createdAt}`, type: "timestamptz" },
  updated: { expr: sql`${contacts.updatedAt}`, type: "timestamptz" },
};

/** The list's sort as a keyset sort key (the CSV export pages in the same order). */
export const contactSortKey = (sort: ContactFilter["sort"]): SortKey => ({
  ...contactSortKeys[sort.field],
  desc: sort.desc,
});

/** The list's search and filters as a condition on `contacts` (the CSV export writes the same rows). */
export function contactListWhere(workspaceId: string, q: ContactFilter): SQL | undefined {
  const like = q.q ? `%${q.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
  return and(
    eq(contacts.workspaceId, workspaceId),
    q.accountId ? eq(contacts.accountId, q.accountId) : undefined,
    like
      ? or(
          sql`concat_ws(' ', ${contacts.firstName}, ${contacts.lastName}) ilike ${like}`,
          ilike(contacts.email, like),
          ilike(contacts.title, like),
          ilike(contacts.externalId, like),
        )
      : undefined,
    q.decisionRole?.length ? inArray(contacts.decisionRole, q.decisionRole) : undefined,
    q.status?.length ? inArray(contacts.status, q.status) : undefined,
    q.keyPlayers === "true" ? KEY_PLAYER_SQL(contacts) : undefined,
    q.keyPlayers === "false" ? sql`not (${KEY_PLAYER_SQL(contacts)})` : undefined,
    q.segmentId ? inSegment(contacts.id, workspaceId, q.segmentId) : undefined,
  );
}

export async function pageContacts(db: Db, workspaceId: string, q: ContactListQuery) {
  const key = contactSortKey(q.sort);
  const rows = await db
    .select({ ...columns, sortKey: sortKeyColumn(key) })
    .from(contacts)
    .innerJoin(accounts, joinAccount)
    .where(and(contactListWhere(workspaceId, q), afterCursor(key, contacts.id, q.cursor)))
    .orderBy(...orderBy(key, contacts.id))
    .limit(q.limit + 1);
  return toPage(rows, q.limit);
}

/**
 * The account's contact for a product user: the one whose external id is the user's id, else one
 * whose email is `email` (lower case); at most one, the external-id match first.
 */
export async function findContactForProductUser(
  db: Db,
  workspaceId: string,
  person: { accountId: string; userKey: string; email: string | null },
) {
  const [match] = await queryRows<{
    id: string;
    email: string | null;
    first_name: string | null;
    last_name: string | null;
    title: string | null;
  }>(
    db,
    sql`select id, email, first_name, last_name, title from contacts
          where workspace_id = ${workspaceId} and account_id = ${person.accountId}
            and (external_id = ${person.userKey} or (${person.email}::text is not null and lower(email) = ${person.email}))
          order by (external_id = ${person.userKey}) desc nulls last, id limit 1`,
  );
  return match;
}
