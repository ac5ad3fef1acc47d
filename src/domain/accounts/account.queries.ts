import { and, eq, ilike, inArray, isNotNull, isNull, lte, or, type SQL, sql } from "drizzle-orm";
import { newId } from "../../common/ids.ts";
import { type AccountFilter, type AccountListQuery, NOT_ENOUGH_DATA } from "../../contract/accounts.ts";
import type { Db } from "../../db/index.ts";
import { queryRows, schema } from "../../db/index.ts";
import { cellText, writeRows } from "../kernel/bulk-write.queries.ts";
import { afterCursor, orderBy, type SortKey, sortKeyColumn, toPage } from "../kernel/pagination.queries.ts";
import { inSegment } from "../kernel/segment-membership.queries.ts";

const { accounts, users, accountStageChanges } = schema;

// Reads are raw SQL with camelCase aliases and timestamps rendered as ISO text: the list is the
// API's hottest path, and building and mapping it through the query builder cost three times the
// database round trip (bench/api.bench.ts).
const ISO = `'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'`;
const selectAccount = sql.raw(`
  accounts.id, accounts.name, accounts.external_id as "externalId", accounts.parent_id as "parentId",
  accounts.domain, accounts.industry, accounts.region, accounts.country, accounts.tier,
  accounts.lifecycle_stage as "lifecycleStage", accounts.coverage, accounts.owner_id as "ownerId",
  users.name as "ownerName", accounts.tier_source as "tierSource", accounts.coverage_source as "coverageSource",
  accounts.owner_source as "ownerSource", accounts.custom_fields as "customFields", accounts.mrr_minor as "mrrMinor",
  accounts.currency, accounts.next_renewal_date::text as "nextRenewalDate",
  accounts.health_score as "healthScore", accounts.health_band as "healthBand",
  accounts.health_change_7d as "healthChange7d", accounts.health_day::text as "healthDay",
  accounts.health_note as "healthNote",
  to_char(accounts.created_at at time zone 'UTC', ${ISO}) as "createdAt",
  to_char(accounts.updated_at at time zone 'UTC', ${ISO}) as "updatedAt"`);
/** One account as the API's JSON, rendered by the database (the list sends it on untouched). */
const accountJson = sql.raw(`json_build_object(
  'id', accounts.id, 'name', accounts.name, 'externalId', accounts.external_id, 'parentId', accounts.parent_id,
  'domain', accounts.domain, 'industry', accounts.industry, 'region', accounts.region,
  'country', accounts.country, 'tier', accounts.tier, 'lifecycleStage', accounts.lifecycle_stage,
  'coverage', accounts.coverage, 'ownerId', accounts.owner_id, 'ownerName', users.name,
  'tierSource', accounts.tier_source, 'coverageSource', accounts.coverage_source, 'ownerSource', accounts.owner_source,
  'customFields', accounts.custom_fields,
  'mrrMinor', accounts.mrr_minor, 'arrMinor', accounts.mrr_minor * 12, 'currency', accounts.currency,
  'nextRenewalDate', accounts.next_renewal_date,
  'health', case when accounts.health_day is null then null else json_build_object('score', accounts.health_score,
    'band', accounts.health_band, 'change7d', accounts.health_change_7d, 'day', accounts.health_day,
    'notEnoughData', accounts.health_note) end,
  'createdAt', to_char(accounts.created_at at time zone 'UTC', ${ISO}),
  'updatedAt', to_char(accounts.updated_at at time zone 'UTC', ${ISO}))::text`);
const fromAccounts = sql.raw("from accounts left join users on users.id = accounts.owner_id");

export type AccountRow = {
  id: string;
  name: string;
  externalId: string | null;
  parentId: string | null;
  domain: string | null;
  industry: string | null;
  region: string | null;
  country: string | null;
  tier: string | null;
  lifecycleStage: string;
  coverage: string | null;
  ownerId: string | null;
  ownerName: string | null;
  tierSource: "hand" | "rule" | null;
  coverageSource: "hand" | "rule" | null;
  ownerSource: "hand" | "rule" | null;
  customFields: Record<string, string | number | boolean | null>;
  /** bigint: a string from node-postgres, a number or bigint from PGlite. */
  mrrMinor: number | string | bigint;
  currency: string;
  nextRenewalDate: string | null;
  healthScore: number | null;
  healthBand: string | null;
  healthChange7d: number | null;
  healthDay: string | null;
  healthNote: string | null;
  createdAt: Date | string;
  updatedAt: Date | string;
};

export type AccountInsert = typeof accounts.$inferInsert;

/** An account as stored, without what Steward computes (revenue, health) and timestamps: what an upsert writes. */
export type AccountRecord = Pick<
  AccountRow,
  | "id"
  | "name"
  | "externalId"
  | "parentId"
  | "domain"
  | "industry"
  | "region"
  | "country"
  | "tier"
  | "lifecycleStage"
  | "coverage"
  | "ownerId"
  | "tierSource"
  | "coverageSource"
  | "ownerSource"
  | "customFields"
>;

/** Bands, and `not_enough_data`: new customers with a note instead of a band. */
function healthFilter(wanted: NonNullable<AccountListQuery["healthBand"]>) {
  const bands = wanted.filter((b) => b !== NOT_ENOUGH_DATA);
  return or(
    bands.length ? inArray(accounts.healthBand, bands) : undefined,
    wanted.includes(NOT_ENOUGH_DATA) ? isNotNull(accounts.healthNote) : undefined,
  );
}

const byId = (workspaceId: string, id: string) =>
  and(eq(accounts.workspaceId, workspaceId), eq(accounts.id, id));

export const findAccount = async (db: Db, workspaceId: string, id: string): Promise<AccountRow | null> =>
  (
    await queryRows<AccountRow>(
      db,
      sql`select ${selectAccount} ${fromAccounts} where ${byId(workspaceId, id)}`,
    )
  )[0] ?? null;

export const findAccountByExternalId = async (db: Db, workspaceId: string, externalId: string) =>
  (
    await db
      .select({ id: accounts.id })
      .from(accounts)
      .where(and(eq(accounts.workspaceId, workspaceId), eq(accounts.externalId, externalId)))
  )[0] ?? null;

/** Which of these ids are accounts of the workspace. */
export async function findAccountIds(db: Db, workspaceId: string, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await queryRows<{ id: string }>(
    db,
    sql`select id from accounts where workspace_id = ${workspaceId} and id = any(${sql.param(ids)}::uuid[])`,
  );
  return new Set(rows.map((r) => r.id));
}

/** The stored accounts with these external ids or ids, for a bulk upsert to merge its rows with. */
export const selectAccountRecords = async (
  db: Db,
  workspaceId: string,
  keys: { externalIds: string[]; ids: string[] },
): Promise<AccountRecord[]> =>
  db
    .select({
      id: accounts.id,
      name: accounts.name,
      externalId: accounts.externalId,
      parentId: accounts.parentId,
      domain: accounts.domain,
      industry: accounts.industry,
      region: accounts.region,
      country: accounts.country,
      tier: accounts.tier,
      lifecycleStage: accounts.lifecycleStage,
      coverage: accounts.coverage,
      ownerId: accounts.ownerId,
      tierSource: sql<AccountRecord["tierSource"]>`${accounts.tierSource}`,
      coverageSource: sql<AccountRecord["coverageSource"]>`${accounts.coverageSource}`,
      ownerSource: sql<AccountRecord["ownerSource"]>`${accounts.ownerSource}`,
      customFields: accounts.customFields,
    })
    .from(accounts)
    .where(
      and(
        eq(accounts.workspaceId, workspaceId),
        sql`(${accounts.externalId} = any(${sql.param(keys.externalIds)}::text[])
          or ${accounts.id} = any(${sql.param(keys.ids)}::uuid[]))`,
      ),
    );

/** Parent pointers of these accounts and of all their ancestors, to refuse loops in bulk. */
export async function selectAncestry(db: Db, workspaceId: string, ids: string[]) {
  if (ids.length === 0) return new Map<string, string | null>();
  const rows = await queryRows<{ id: string; parent_id: string | null }>(
    db,
    sql`
    with recursive up(id, parent_id, depth) as (
      select id, parent_id, 0 from accounts where workspace_id = ${workspaceId} and id = any(${sql.param(ids)}::uuid[])
      union all
      select a.id, a.parent_id, up.depth + 1 from accounts a
        join up on a.workspace_id = ${workspaceId} and a.id = up.parent_id
      where up.depth < 100
    )
    select distinct id, parent_id from up`,
  );
  return new Map(rows.map((r) => [r.id, r.parent_id]));
}

/** Inserts or updates complete accounts, set-based: every upsert of accounts goes through here. */
export const writeAccounts = (db: Db, workspaceId: string, rows: AccountRecord[]) =>
  writeRows(db, "accounts", workspaceId, [
    { name: "id", cast: "uuid", values: rows.map((r) => r.id) },
    { name: "name", cast: "text", values: rows.map((r) => r.name) },
    { name: "external_id", cast: "text", values: rows.map((r) => r.externalId) },
    { name: "parent_id", cast: "uuid", values: rows.map((r) => r.parentId) },
    { name: "domain", cast: "text", values: rows.map((r) => r.domain) },
    { name: "industry", cast: "text", values: rows.map((r) => r.industry) },
    { name: "region", cast: "text", values: rows.map((r) => r.region) },
    { name: "country", cast: "text", values: rows.map((r) => r.country) },
    { name: "tier", cast: "text", values: rows.map((r) => r.tier) },
    { name: "lifecycle_stage", cast: "text", values: rows.map((r) => r.lifecycleStage) },
    { name: "coverage", cast: "text", values: rows.map((r) => r.coverage) },
    { name: "owner_id", cast: "uuid", values: rows.map((r) => r.ownerId) },
    { name: "tier_source", cast: "text", values: rows.map((r) => r.tierSource) },
    { name: "coverage_source", cast: "text", values: rows.map((r) => r.coverageSource) },
    { name: "owner_source", cast: "text", values: rows.map((r) => r.ownerSource) },
    { name: "custom_fields", cast: "jsonb", values: rows.map((r) => cellText(r.customFields)) },
  ]);

export const insertAccount = (db: Db, row: AccountInsert) => db.insert(accounts).values(row);

export const updateAccountRow = (db: Db, workspaceId: string, id: string, patch: Partial<AccountInsert>) =>
  db
    .update(accounts)
    .set({ ...patch, updatedAt: new Date() })
    .where(byId(workspaceId, id));

/** Leaves the person's accounts without an owner; answers the ids of those accounts. */
export const clearAccountOwner = async (db: Db, workspaceId: string, userId: string): Promise<string[]> =>
  (
    await db
      .update(accounts)
      .set({ ownerId: null, ownerSource: null, updatedAt: new Date() })
      .where(and(eq(accounts.workspaceId, workspaceId), eq(accounts.ownerId, userId)))
      .returning({ id: accounts.id })
  ).map((r) => r.id);

/** Children lose their parent rather than vanish with it. */
export async function deleteAccountRow(db: Db, workspaceId: string, id: string): Promise<boolean> {
  await db
    .update(accounts)
    .set({ parentId: null })
    .where(and(eq(accounts.workspaceId, workspaceId), eq(accounts.parentId, id)));
  const deleted = await db.delete(accounts).where(byId(workspaceId, id)).returning({ id: accounts.id });
  return deleted.length > 0;
}

const sortKeys: Record<AccountListQuery["sort"]["field"], Omit<SortKey, "desc">> = {
  name: { expr: sql`lower(${accounts.name})`, type: "text" },
  arr: { expr: sql`${accounts.mrrMinor}`, type: "bigint" },
  renewal: { expr: sql`coalesce(${accounts.nextRenewalDate}, '9999-12-31'::date)`, type: "date" },
  // Unscored accounts sort below every score.
  health: { expr: sql`coalesce(${accounts.healthScore}::float8, -1)`, type: "float8" },
  created: { expr: sql`${accounts.createdAt}`, type: "timestamptz" },
  updated: { expr: sql`${accounts.updatedAt}`, type: "timestamptz" },
};

/** The list's sort as a keyset sort key (the CSV export pages in the same order). */
export const accountSortKey = (sort: AccountFilter["sort"]): SortKey => ({
  ...sortKeys[sort.field],
  desc: sort.desc,
});

/** The list's search and filters as a condition on `accounts` (the CSV export writes the same rows). */
export function accountListWhere(workspaceId: string, q: AccountFilter): SQL | undefined {
  const owners = q.ownerId?.filter((o) => o !== "none") ?? [];
  const wantsNoOwner = q.ownerId?.includes("none");
  const like = q.q ? `%${q.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
  return and(
    eq(accounts.workspaceId, workspaceId),
    like
      ? or(ilike(accounts.name, like), ilike(accounts.externalId, like), ilike(accounts.domain, like))
      : undefined,
    q.tier?.length ? inArray(accounts.tier, q.tier) : undefined,
    q.lifecycleStage?.length ? inArray(accounts.lifecycleStage, q.lifecycleStage) : undefined,
    q.coverage?.length ? inArray(accounts.coverage, q.coverage) : undefined,
    q.healthBand?.length ? healthFilter(q.healthBand) : undefined,
    q.industry?.length ? inArray(accounts.industry, q.industry) : undefined,
    q.region?.length ? inArray(accounts.region, q.region) : undefined,
    q.ownerId?.length
      ? or(
          owners.length ? inArray(accounts.ownerId, owners) : undefined,
          wantsNoOwner ? isNull(accounts.ownerId) : undefined,
        )
      : undefined,
    q.parentId ? eq(accounts.parentId, q.parentId) : undefined,
    q.renewalBefore ? lte(accounts.nextRenewalDate, q.renewalBefore) : undefined,
    q.segmentId ? inSegment(accounts.id, workspaceId, q.segmentId) : undefined,
  );
}

export async function pageAccounts(db: Db, workspaceId: string, q: AccountListQuery) {
  const key = accountSortKey(q.sort);
  const where = and(accountListWhere(workspaceId, q), afterCursor(key, accounts.id, q.cursor));
  const rows = await queryRows<{ id: string; json: string; sortKey: string }>(
    db,
    sql`select accounts.id, ${accountJson} as json, ${sortKeyColumn(key)} as "sortKey" ${fromAccounts} where ${where}
        order by ${sql.join(orderBy(key, accounts.id), sql`, `)} limit ${q.limit + 1}`,
  );
  return toPage(rows, q.limit);
}

export async function accountFacets(db: Db, workspaceId: string) {
  const distinct = async (col: typeof accounts.tier | typeof accounts.industry | typeof accounts.region) =>
    (
      await db
        .selectDistinct({ v: col })
        .from(accounts)
        .where(and(eq(accounts.workspaceId, workspaceId), sql`${col} is not null`))
        .orderBy(col)
    ).map((r) => r.v as string);
  const owners = await db
    .selectDistinct({ id: users.id, name: users.name })
    .from(accounts)
    .innerJoin(users, eq(users.id, accounts.ownerId))
    .where(eq(accounts.workspaceId, workspaceId))
    .orderBy(users.name);
  return {
    tiers: await distinct(accounts.tier),
    industries: await distinct(accounts.industry),
    regions: await distinct(accounts.region),
    owners,
  };
}

/** A stage an account entered: `from` null for its first. */
export type StageChange = { accountId: string; from: string | null; to: string };

/** Records the stages accounts entered, in the caller's transaction (the accounts' write paths). */
export const insertStageChanges = (
  db: Db,
  workspaceId: string,
  changes: StageChange[],
  source: "hand" | "rule",
  changedBy: string | null,
) =>
  changes.length === 0
    ? Promise.resolve()
    : db.insert(accountStageChanges).values(
        changes.map((c) => ({
          workspaceId,
          accountId: c.accountId,
          id: newId(),
          fromStage: c.from,
          toStage: c.to,
          source,
          changedBy,
        })),
      );
