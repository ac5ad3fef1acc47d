import { and, asc, type Column, eq, gt, inArray, type SQL, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { newId } from "../../common/ids.ts";
import type { ExportEntity, ImportEntity, ImportMapping } from "../../contract/imports.ts";
import type { CustomFieldDef } from "../../contract/workspace.ts";
import type { Db } from "../../db/index.ts";
import { schema } from "../../db/index.ts";
import { customFieldRow } from "../custom-fields/index.ts";
import { afterCursor, orderBy, type SortKey, sortKeyColumn, toPage } from "../kernel/pagination.queries.ts";
import type { Lookups, Refs } from "./resolve.rules.ts";

const { accounts, contacts, subscriptions, importMappings, importRuns, customFieldDefs, users } = schema;

type Row = Record<string, unknown>;
const rowsOf = <T extends Row>(result: unknown): T[] => (result as { rows: T[] }).rows;
const textArray = (xs: readonly (string | null)[]) => sql`${sql.param(xs)}::text[]`;

/** Rows per statement when writing: a few hundred keeps each round trip well under parameter limits. */
export const CHUNK = 500;

// ---- saved mappings -------------------------------------------------------------------------

export const selectMappings = async (db: Db, workspaceId: string, entity: ImportEntity) =>
  (
    await db
      .select({ name: importMappings.name, mapping: importMappings.mapping })
      .from(importMappings)
      .where(and(eq(importMappings.workspaceId, workspaceId), eq(importMappings.entity, entity)))
      .orderBy(asc(importMappings.name))
  ).map((r) => ({ name: r.name, mapping: r.mapping as ImportMapping }));

export const findMapping = async (db: Db, workspaceId: string, entity: ImportEntity, name: string) => {
  const [row] = await db
    .select({ mapping: importMappings.mapping })
    .from(importMappings)
    .where(
      and(
        eq(importMappings.workspaceId, workspaceId),
        eq(importMappings.entity, entity),
        eq(importMappings.name, name),
      ),
    );
  return row ? (row.mapping as ImportMapping) : null;
};

export const upsertMapping = (
  db: Db,
  workspaceId: string,
  entity: ImportEntity,
  name: string,
  mapping: ImportMapping,
) =>
  db
    .insert(importMappings)
    .values({ workspaceId, entity, name, mapping })
    .onConflictDoUpdate({
      target: [importMappings.workspaceId, importMappings.entity, importMappings.name],
      set: { mapping, updatedAt: new Date() },
    });

// ---- lookups for validation -----------------------------------------------------------------

const TABLE: Record<ExportEntity, string> = {
  accounts: "accounts",
  contacts: "contacts",
  subscriptions: "subscriptions",
};

async function idsByExternalId(db: Db, workspaceId: string, table: string, externalIds: string[]) {
  if (externalIds.length === 0) return new Map<string, string>();
  const result = await db.execute(sql`
    select id, external_id from ${sql.raw(table)}
    where workspace_id = ${workspaceId} and external_id = any(${textArray(externalIds)})`);
  return new Map(rowsOf<{ id: string; external_id: string }>(result).map((r) => [r.external_id, r.id]));
}

async function existingIds(db: Db, workspaceId: string, table: string, ids: string[]) {
  if (ids.length === 0) return new Set<string>();
  const result = await db.execute(sql`
    select id from ${sql.raw(table)} where workspace_id = ${workspaceId} and id = any(${textArray(ids)}::uuid[])`);
  return new Set(rowsOf<{ id: string }>(result).map((r) => r.id));
}

/** Members of the workspace by lower-cased email: their person's id. */
export async function membersByEmail(db: Db, workspaceId: string, emails: string[]) {
  if (emails.length === 0) return new Map<string, string>();
  const result = await db.execute(sql`
    select u.id, lower(u.email) as email from users u
    join memberships m on m.user_id = u.id and m.workspace_id = ${workspaceId}
    where lower(u.email) = any(${textArray(emails)})`);
  return new Map(rowsOf<{ id: string; email: string }>(result).map((r) => [r.email, r.id]));
}

/** Everything validation must know from the database about one file, in a handful of queries. */
export async function loadLookups(
  db: Db,
  workspaceId: string,
  entity: ExportEntity,
  refs: Refs,
): Promise<Lookups> {
  const table = TABLE[entity];
  if (entity === "accounts") {
    const known = await idsByExternalId(db, workspaceId, "accounts", [
      ...new Set([...refs.externalIds, ...refs.accountExternalIds]),
    ]);
    return {
      accountsByExternalId: known,
      accountIds: new Set(),
      ownersByEmail: await membersByEmail(db, workspaceId, refs.ownerEmails),
      existingByExternalId: known,
      existingIds: await existingIds(db, workspaceId, table, refs.givenIds),
    };
  }
  return {
    accountsByExternalId: await idsByExternalId(db, workspaceId, "accounts", refs.accountExternalIds),
    accountIds: await existingIds(db, workspaceId, "accounts", refs.accountIds),
    ownersByEmail: new Map(),
    existingByExternalId: await idsByExternalId(db, workspaceId, table, refs.externalIds),
    existingIds: await existingIds(db, workspaceId, table, refs.givenIds),
  };
}

// ---- writes ---------------------------------------------------------------------------------

/** Inserts the definitions not there yet; answers the keys of those it inserted. */
export const insertCustomFieldDefs = async (
  db: Db,
  workspaceId: string,
  defs: CustomFieldDef[],
): Promise<Set<string>> => {
  if (defs.length === 0) return new Set();
  const inserted = await db
    .insert(customFieldDefs)
    .values(defs.map((d) => customFieldRow(workspaceId, d)))
    .onConflictDoNothing()
    .returning({ key: customFieldDefs.key });
  return new Set(inserted.map((r) => r.key));
};

/**
 * Refreshes the planner's statistics after a bulk load. PGlite has no autovacuum, so without this
 * a freshly imported table keeps the estimates of an empty one and later joins pick poor plans.
 */
export const analyzeAfterBulkLoad = (db: Db, entity: ExportEntity) => analyzeTable(db, TABLE[entity]);

/** Refreshes a table's planner statistics after a bulk load (PGlite has no autovacuum); `table` is a constant. */
export async function analyzeTable(
  db: Db,
  table: "tickets" | "survey_responses" | "touchpoints" | "renewals" | (typeof TABLE)[ExportEntity],
) {
  await db.execute(sql`analyze ${sql.raw(table)}`);
}

export async function insertImportTimeline(
  db: Db,
  workspaceId: string,
  accountIds: string[],
  entry: { title: string; body: string; authorId: string | null },
): Promise<void> {
  for (let i = 0; i < accountIds.length; i += CHUNK * 4) {
    const chunk = accountIds.slice(i, i + CHUNK * 4);
    await db.execute(sql`
      insert into timeline_entries (workspace_id, account_id, id, kind, title, body, occurred_at, author_id)
      select ${workspaceId}::uuid, v.account_id::uuid, v.id::uuid, 'import', ${entry.title}, ${entry.body}, now(), ${entry.authorId}::uuid
      from unnest(${textArray(chunk)}, ${textArray(chunk.map(() => newId()))}) as v(account_id, id)`);
  }
}

// ---- import runs ----------------------------------------------------------------------------

export const insertImportRun = (db: Db, row: typeof importRuns.$inferInsert) =>
  db.insert(importRuns).values(row);

export const findImportRun = async (db: Db, workspaceId: string, id: string) =>
  (
    await db
      .select({ report: importRuns.report })
      .from(importRuns)
      .where(and(eq(importRuns.workspaceId, workspaceId), eq(importRuns.id, id)))
  )[0]?.report ?? null;

export async function pageImportRuns(
  db: Db,
  workspaceId: string,
  q: { limit: number; cursor?: string; entity?: string[]; sort?: { desc: boolean } },
) {
  const key: SortKey = {
    expr: sql`${importRuns.createdAt}`,
    type: "timestamptz",
    desc: q.sort?.desc ?? true,
  };
  const rows = await db
    .select({
      id: importRuns.id,
      report: sql<Row>`${importRuns.report} - 'errors' - 'duplicates'`,
      sortKey: sortKeyColumn(key),
    })
    .from(importRuns)
    .where(
      and(
        eq(importRuns.workspaceId, workspaceId),
        q.entity?.length ? inArray(importRuns.entity, q.entity) : undefined,
        afterCursor(key, importRuns.id, q.cursor),
      ),
    )
    .orderBy(...orderBy(key, importRuns.id))
    .limit(q.limit + 1);
  return toPage(rows, q.limit);
}

// ---- export ---------------------------------------------------------------------------------

/** Custom field keys present on the entity's rows (definitions may have been deleted since). */
export async function storedCustomKeys(db: Db, workspaceId: string, entity: ExportEntity): Promise<string[]> {
  const result = await db.execute(sql`
    select distinct jsonb_object_keys(custom_fields) as key from ${sql.raw(TABLE[entity])}
    where workspace_id = ${workspaceId} order by 1`);
  return rowsOf<{ key: string }>(result).map((r) => r.key);
}

const parent = alias(accounts, "parent");
const owner = alias(users, "owner");
const account = alias(accounts, "account");
const after = (col: Column, afterId: string | null): SQL | undefined =>
  afterId ? gt(col, afterId) : undefined;

/** What the accounts and contacts lists filter and sort on, for an export of the same rows. */
export type ListSlice = { where: SQL | undefined; key: SortKey };

/** One page of the accounts a list shows, in its order, after the list's `cursor`. */
export async function exportAccounts(db: Db, slice: ListSlice, cursor: string | undefined, limit: number) {
  const rows = await db
    .select({
      id: accounts.id,
      externalId: accounts.externalId,
      name: accounts.name,
      parentExternalId: parent.externalId,
      domain: accounts.domain,
      industry: accounts.industry,
      region: accounts.region,
      country: accounts.country,
      tier: accounts.tier,
      lifecycleStage: accounts.lifecycleStage,
      ownerEmail: owner.email,
      customFields: accounts.customFields,
      healthScore: accounts.healthScore,
      healthBand: accounts.healthBand,
      mrrMinor: accounts.mrrMinor,
      currency: accounts.currency,
      nextRenewalDate: accounts.nextRenewalDate,
      sortKey: sortKeyColumn(slice.key),
    })
    .from(accounts)
    .leftJoin(parent, and(eq(parent.workspaceId, accounts.workspaceId), eq(parent.id, accounts.parentId)))
    .leftJoin(owner, eq(owner.id, accounts.ownerId))
    .where(and(slice.where, afterCursor(slice.key, accounts.id, cursor)))
    .orderBy(...orderBy(slice.key, accounts.id))
    .limit(limit + 1);
  return toPage(rows, limit);
}

const accountJoin = (table: typeof contacts | typeof subscriptions) =>
  and(eq(account.workspaceId, table.workspaceId), eq(account.id, table.accountId));

/** One page of the contacts a list shows, in its order, with their account's external id. */
export async function exportContacts(db: Db, slice: ListSlice, cursor: string | undefined, limit: number) {
  const rows = await db
    .select({
      id: contacts.id,
      row: contacts,
      accountExternalId: account.externalId,
      sortKey: sortKeyColumn(slice.key),
    })
    .from(contacts)
    .innerJoin(account, accountJoin(contacts))
    .where(and(slice.where, afterCursor(slice.key, contacts.id, cursor)))
    .orderBy(...orderBy(slice.key, contacts.id))
    .limit(limit + 1);
  return toPage(rows, limit);
}

/** One page of subscriptions for export, with their account's external id. */
export const exportSubscriptions = (db: Db, workspaceId: string, afterId: string | null, limit: number) =>
  db
    .select({ row: subscriptions, accountExternalId: account.externalId })
    .from(subscriptions)
    .innerJoin(account, accountJoin(subscriptions))
    .where(and(eq(subscriptions.workspaceId, workspaceId), after(subscriptions.id, afterId)))
    .orderBy(asc(subscriptions.id))
    .limit(limit);
