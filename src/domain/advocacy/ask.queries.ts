import { and, eq, type SQL, sql } from "drizzle-orm";
import type { AdvocacyAskListQuery } from "../../contract/advocacy.ts";
import type { Db } from "../../db/index.ts";
import { queryRows, schema } from "../../db/index.ts";
import { afterCursor, orderBy, type SortKey, sortKeyColumn, toPage } from "../kernel/pagination.queries.ts";

const { advocacyAsks } = schema;

export type AskRow = {
  id: string;
  accountId: string;
  accountName: string;
  contactId: string | null;
  contactName: string | null;
  kind: string;
  state: string;
  askedOn: string;
  stateOn: string;
  detail: string | null;
  askedBy: string | null;
  askedByName: string | null;
  createdAt: Date | string;
  updatedAt: Date | string;
};

const COLUMNS = sql`q.id, q.account_id as "accountId", a.name as "accountName", q.contact_id as "contactId",
    case when c.id is null then null
      else coalesce(nullif(trim(concat_ws(' ', c.first_name, c.last_name)), ''), c.email, '(unnamed)') end
      as "contactName",
    q.kind, q.state, q.asked_on::text as "askedOn", q.state_on::text as "stateOn", q.detail,
    q.asked_by as "askedBy", u.name as "askedByName", q.created_at as "createdAt", q.updated_at as "updatedAt"`;
const FROM = sql`advocacy_asks q
    join accounts a on a.workspace_id = q.workspace_id and a.id = q.account_id
    left join contacts c on c.workspace_id = q.workspace_id and c.id = q.contact_id
    left join users u on u.id = q.asked_by`;

export const findAsk = async (db: Db, workspaceId: string, id: string): Promise<AskRow | null> =>
  (
    await queryRows<AskRow>(
      db,
      sql`select ${COLUMNS} from ${FROM} where q.workspace_id = ${workspaceId} and q.id = ${id}`,
    )
  )[0] ?? null;

const SORTS: Record<AdvocacyAskListQuery["sort"]["field"], SQL> = {
  askedOn: sql`q.asked_on`,
  stateOn: sql`q.state_on`,
};

/** One page of the workspace's asks, filtered, by the day asked (or last moved on). */
export async function pageAsks(db: Db, workspaceId: string, q: AdvocacyAskListQuery) {
  const key: SortKey = { expr: SORTS[q.sort.field], type: "date", desc: q.sort.desc };
  const after = afterCursor(key, sql`q.id`, q.cursor);
  const where = [
    sql`q.workspace_id = ${workspaceId}`,
    q.accountId ? sql`q.account_id = ${q.accountId}` : null,
    q.contactId ? sql`q.contact_id = ${q.contactId}` : null,
    q.kind?.length ? sql`q.kind = any(${sql.param(q.kind)}::text[])` : null,
    q.state?.length ? sql`q.state = any(${sql.param(q.state)}::text[])` : null,
    after ?? null,
  ].filter((w): w is SQL => w !== null);
  const rows = await queryRows<AskRow & { sortKey: string }>(
    db,
    sql`select ${COLUMNS}, ${sortKeyColumn(key)} as "sortKey" from ${FROM}
        where ${sql.join(where, sql` and `)}
        order by ${sql.join(orderBy(key, sql`q.id`), sql`, `)}
        limit ${q.limit + 1}`,
  );
  return toPage(rows, q.limit);
}

export const insertAsks = (db: Db, rows: (typeof advocacyAsks.$inferInsert)[]) =>
  rows.length === 0
    ? Promise.resolve()
    : db
        .insert(advocacyAsks)
        .values(rows)
        .then(() => undefined);

export const updateAskRow = (
  db: Db,
  workspaceId: string,
  id: string,
  patch: { state?: string; stateOn?: string; detail?: string | null },
) =>
  db
    .update(advocacyAsks)
    .set({ ...patch, updatedAt: sql`now()` })
    .where(and(eq(advocacyAsks.workspaceId, workspaceId), eq(advocacyAsks.id, id)));

export const deleteAskRow = (db: Db, workspaceId: string, id: string) =>
  db.delete(advocacyAsks).where(and(eq(advocacyAsks.workspaceId, workspaceId), eq(advocacyAsks.id, id)));

/**
 * The latest day from `from` to `to` (both included) that the contact — or, without one, anyone
 * at the account — was asked, for any kind; null when nobody was.
 */
export async function lastAskedBetween(
  db: Db,
  workspaceId: string,
  who: { accountId: string; contactId: string | null },
  from: string,
  to: string,
): Promise<string | null> {
  const [row] = await queryRows<{ askedOn: string | null }>(
    db,
    sql`select max(asked_on)::text as "askedOn" from advocacy_asks
        where workspace_id = ${workspaceId}
          and ${who.contactId ? sql`contact_id = ${who.contactId}` : sql`account_id = ${who.accountId}`}
          and asked_on between ${from}::date and ${to}::date`,
  );
  return row?.askedOn ?? null;
}
