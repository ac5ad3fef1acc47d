import { aliasedTable, and, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../../db/index.ts";
import { queryRows, schema } from "../../db/index.ts";
import { cellText, writeRows } from "../kernel/bulk-write.queries.ts";
import { afterCursor, orderBy, type SortKey, sortKeyColumn, toPage } from "../kernel/pagination.queries.ts";

const { touchpoints: tp, touchpointPlayers: players, accounts, contacts, users } = schema;
const employee = aliasedTable(users, "employee");
const rater = aliasedTable(users, "rater");

/** A touchpoint as stored, without its workspace and timestamps: what a bulk upsert writes. */
export type TouchpointRecord = {
  id: string;
  accountId: string;
  externalId: string | null;
  channel: string;
  function: string;
  employeeId: string | null;
  decisionStep: string | null;
  developmentStep: string | null;
  title: string;
  notes: string | null;
  occurredAt: Date;
  qualityRating: number | null;
  qualityRatedBy: string | null;
  qualitySelfAssessed: boolean;
  experienceRating: number | null;
  source: string;
  createdBy: string | null;
};

export type TouchpointRow = TouchpointRecord & {
  accountName: string;
  employeeName: string | null;
  qualityRatedByName: string | null;
  createdAt: Date;
  updatedAt: Date;
};

const recordColumns = {
  id: tp.id,
  accountId: tp.accountId,
  externalId: tp.externalId,
  channel: tp.channel,
  function: tp.function,
  employeeId: tp.employeeId,
  decisionStep: tp.decisionStep,
  developmentStep: tp.developmentStep,
  title: tp.title,
  notes: tp.notes,
  occurredAt: tp.occurredAt,
  qualityRating: tp.qualityRating,
  qualityRatedBy: tp.qualityRatedBy,
  qualitySelfAssessed: tp.qualitySelfAssessed,
  experienceRating: tp.experienceRating,
  source: tp.source,
  createdBy: tp.createdBy,
};

const selectTouchpoints = (db: Db, extra: Record<string, unknown> = {}) =>
  db
    .select({
      ...recordColumns,
      accountName: accounts.name,
      employeeName: employee.name,
      qualityRatedByName: rater.name,
      createdAt: tp.createdAt,
      updatedAt: tp.updatedAt,
      ...extra,
    })
    .from(tp)
    .innerJoin(accounts, and(eq(accounts.workspaceId, tp.workspaceId), eq(accounts.id, tp.accountId)))
    .leftJoin(employee, eq(employee.id, tp.employeeId))
    .leftJoin(rater, eq(rater.id, tp.qualityRatedBy));

export const findTouchpoint = async (
  db: Db,
  workspaceId: string,
  id: string,
): Promise<TouchpointRow | null> =>
  ((await selectTouchpoints(db).where(and(eq(tp.workspaceId, workspaceId), eq(tp.id, id))))[0] as
    | TouchpointRow
    | undefined) ?? null;

export type TouchpointPageQuery = {
  limit: number;
  cursor?: string | undefined;
  accountId?: string | undefined;
  contactId?: string | undefined;
  employeeId?: string | undefined;
  function?: string[] | undefined;
  channel?: string[] | undefined;
  from?: string | undefined;
  to?: string | undefined;
};

/** One page of touchpoints, newest first. */
export async function pageTouchpoints(db: Db, workspaceId: string, q: TouchpointPageQuery) {
  const key: SortKey = { expr: sql`${tp.occurredAt}`, type: "timestamptz", desc: true };
  const rows = await selectTouchpoints(db, { sortKey: sortKeyColumn(key) })
    .where(
      and(
        eq(tp.workspaceId, workspaceId),
        q.accountId ? eq(tp.accountId, q.accountId) : undefined,
        q.employeeId ? eq(tp.employeeId, q.employeeId) : undefined,
        q.function?.length ? inArray(tp.function, q.function) : undefined,
        q.channel?.length ? inArray(tp.channel, q.channel) : undefined,
        q.from ? sql`${tp.occurredAt} >= ${q.from}::date` : undefined,
        q.to ? sql`${tp.occurredAt} < ${q.to}::date + 1` : undefined,
        q.contactId
          ? sql`exists (select 1 from ${players} where ${players.workspaceId} = ${tp.workspaceId}
              and ${players.touchpointId} = ${tp.id} and ${players.contactId} = ${q.contactId})`
          : undefined,
        afterCursor(key, tp.id, q.cursor),
      ),
    )
    .orderBy(...orderBy(key, tp.id))
    .limit(q.limit + 1);
  return toPage(rows as (TouchpointRow & { sortKey: string })[], q.limit);
}

export type PlayerRow = {
  touchpointId: string;
  contactId: string;
  firstName: string | null;
  lastName: string | null;
  email: string | null;
};

/** The key players present at these touchpoints (one statement for a page). */
export const playersOf = async (db: Db, workspaceId: string, ids: string[]): Promise<PlayerRow[]> =>
  ids.length === 0
    ? []
    : db
        .select({
          touchpointId: players.touchpointId,
          contactId: players.contactId,
          firstName: contacts.firstName,
          lastName: contacts.lastName,
          email: contacts.email,
        })
        .from(players)
        .innerJoin(
          contacts,
          and(eq(contacts.workspaceId, players.workspaceId), eq(contacts.id, players.contactId)),
        )
        .where(and(eq(players.workspaceId, workspaceId), inArray(players.touchpointId, ids)))
        .orderBy(contacts.lastName, contacts.firstName, contacts.id);

/** The stored touchpoints with these external ids or ids, for a bulk upsert to merge its rows with. */
export const selectTouchpointRecords = async (
  db: Db,
  workspaceId: string,
  keys: { externalIds: string[]; ids: string[] },
): Promise<TouchpointRecord[]> =>
  (await db
    .select(recordColumns)
    .from(tp)
    .where(
      and(
        eq(tp.workspaceId, workspaceId),
        sql`(${tp.externalId} = any(${sql.param(keys.externalIds)}::text[])
          or ${tp.id} = any(${sql.param(keys.ids)}::uuid[]))`,
      ),
    )) as TouchpointRecord[];

/** Which of these contacts belong to which account: contact id → account id. */
export async function contactAccounts(
  db: Db,
  workspaceId: string,
  ids: string[],
): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await queryRows<{ id: string; account_id: string }>(
    db,
    sql`select id, account_id from contacts where workspace_id = ${workspaceId}
      and id = any(${sql.param(ids)}::uuid[])`,
  );
  return new Map(rows.map((r) => [r.id, r.account_id]));
}

/** Members of the workspace among these people, with their function. */
export async function memberFunctions(
  db: Db,
  workspaceId: string,
  ids: string[],
): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await queryRows<{ user_id: string; function: string }>(
    db,
    sql`select user_id, function from memberships where workspace_id = ${workspaceId}
      and user_id = any(${sql.param(ids)}::uuid[])`,
  );
  return new Map(rows.map((r) => [r.user_id, r.function]));
}

/** Inserts or updates complete touchpoints, set-based: every write of a touchpoint goes through here. */
export const writeTouchpoints = (db: Db, workspaceId: string, rows: TouchpointRecord[]) =>
  writeRows(db, "touchpoints", workspaceId, [
    { name: "id", cast: "uuid", values: rows.map((r) => r.id) },
    { name: "account_id", cast: "uuid", values: rows.map((r) => r.accountId) },
    { name: "external_id", cast: "text", values: rows.map((r) => r.externalId) },
    { name: "channel", cast: "text", values: rows.map((r) => r.channel) },
    { name: "function", cast: "text", values: rows.map((r) => r.function) },
    { name: "employee_id", cast: "uuid", values: rows.map((r) => r.employeeId) },
    { name: "decision_step", cast: "text", values: rows.map((r) => r.decisionStep) },
    { name: "development_step", cast: "text", values: rows.map((r) => r.developmentStep) },
    { name: "title", cast: "text", values: rows.map((r) => r.title) },
    { name: "notes", cast: "text", values: rows.map((r) => r.notes) },
    { name: "occurred_at", cast: "timestamptz", values: rows.map((r) => r.occurredAt.toISOString()) },
    { name: "quality_rating", cast: "smallint", values: rows.map((r) => cellText(r.qualityRating)) },
    { name: "quality_rated_by", cast: "uuid", values: rows.map((r) => r.qualityRatedBy) },
    {
      name: "quality_self_assessed",
      cast: "boolean",
      values: rows.map((r) => cellText(r.qualitySelfAssessed)),
    },
    { name: "experience_rating", cast: "smallint", values: rows.map((r) => cellText(r.experienceRating)) },
    { name: "source", cast: "text", values: rows.map((r) => r.source) },
    { name: "created_by", cast: "uuid", values: rows.map((r) => r.createdBy) },
  ]);

/** Replaces the key players of these touchpoints with the pairs given, set-based. */
export async function replacePlayers(
  db: Db,
  workspaceId: string,
  touchpointIds: string[],
  pairs: { touchpointId: string; contactId: string }[],
): Promise<void> {
  if (touchpointIds.length === 0) return;
  await db.execute(sql`delete from touchpoint_players where workspace_id = ${workspaceId}
    and touchpoint_id = any(${sql.param(touchpointIds)}::uuid[])`);
  if (pairs.length === 0) return;
  await db.execute(sql`insert into touchpoint_players (workspace_id, touchpoint_id, contact_id)
    select ${workspaceId}::uuid, p.t, p.c
      from unnest(${sql.param(pairs.map((p) => p.touchpointId))}::uuid[],
                  ${sql.param(pairs.map((p) => p.contactId))}::uuid[]) as p(t, c)
    on conflict do nothing`);
}

export const deleteTouchpointRow = (db: Db, workspaceId: string, id: string) =>
  db.delete(tp).where(and(eq(tp.workspaceId, workspaceId), eq(tp.id, id)));
