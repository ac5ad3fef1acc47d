import { and, eq, inArray, lte, type SQL, sql } from "drizzle-orm";
import type { SubscriptionListQuery } from "../../contract/subscriptions.ts";
import type { Db } from "../../db/index.ts";
import { schema } from "../../db/index.ts";
import { cellText, writeRows } from "../kernel/bulk-write.queries.ts";
import { afterCursor, orderBy, type SortKey, sortKeyColumn, toPage } from "../kernel/pagination.queries.ts";

const { subscriptions, accounts } = schema;

const columns = {
  id: subscriptions.id,
  accountId: subscriptions.accountId,
  accountName: accounts.name,
  externalId: subscriptions.externalId,
  product: subscriptions.product,
  plan: subscriptions.plan,
  mrrMinor: subscriptions.mrrMinor,
  currency: subscriptions.currency,
  seats: subscriptions.seats,
  startDate: subscriptions.startDate,
  endDate: subscriptions.endDate,
  renewalDate: subscriptions.renewalDate,
  status: subscriptions.status,
  billingPeriod: subscriptions.billingPeriod,
  autoRenew: subscriptions.autoRenew,
  customFields: subscriptions.customFields,
  createdAt: subscriptions.createdAt,
  updatedAt: subscriptions.updatedAt,
};

export type SubscriptionRow = {
  id: string;
  accountId: string;
  accountName: string;
  externalId: string | null;
  product: string;
  plan: string | null;
  mrrMinor: number;
  currency: string;
  seats: number | null;
  startDate: string;
  endDate: string | null;
  renewalDate: string | null;
  status: string;
  billingPeriod: string | null;
  autoRenew: boolean | null;
  customFields: Record<string, string | number | boolean | null>;
  createdAt: Date;
  updatedAt: Date;
};

const joinAccount = and(
  eq(accounts.workspaceId, subscriptions.workspaceId),
  eq(accounts.id, subscriptions.accountId),
);

export const findSubscription = async (
  db: Db,
  workspaceId: string,
  id: string,
): Promise<SubscriptionRow | null> =>
  (
    await db
      .select(columns)
      .from(subscriptions)
      .innerJoin(accounts, joinAccount)
      .where(and(eq(subscriptions.workspaceId, workspaceId), eq(subscriptions.id, id)))
  )[0] ?? null;

export const findSubscriptionByExternalId = async (db: Db, workspaceId: string, externalId: string) =>
  (
    await db
      .select({ id: subscriptions.id })
      .from(subscriptions)
      .where(and(eq(subscriptions.workspaceId, workspaceId), eq(subscriptions.externalId, externalId)))
  )[0] ?? null;

export const insertSubscription = (db: Db, row: typeof subscriptions.$inferInsert) =>
  db.insert(subscriptions).values(row);

export const updateSubscriptionRow = (
  db: Db,
  workspaceId: string,
  id: string,
  patch: Partial<typeof subscriptions.$inferInsert>,
) =>
  db
    .update(subscriptions)
    .set({ ...patch, updatedAt: new Date() })
    .where(and(eq(subscriptions.workspaceId, workspaceId), eq(subscriptions.id, id)));

/** A subscription as stored, without its workspace and timestamps: what a bulk upsert writes. */
export type SubscriptionRecord = Omit<SubscriptionRow, "accountName" | "createdAt" | "updatedAt">;
const { accountName: _name, createdAt: _created, updatedAt: _updated, ...recordColumns } = columns;

/** The stored subscriptions with these external ids or ids, for a bulk upsert to merge its rows with. */
export const selectSubscriptionRecords = async (
  db: Db,
  workspaceId: string,
  keys: { externalIds: string[]; ids: string[] },
): Promise<SubscriptionRecord[]> =>
  db
    .select(recordColumns)
    .from(subscriptions)
    .where(
      and(
        eq(subscriptions.workspaceId, workspaceId),
        sql`(${subscriptions.externalId} = any(${sql.param(keys.externalIds)}::text[])
          or ${subscriptions.id} = any(${sql.param(keys.ids)}::uuid[]))`,
      ),
    );

/** Inserts or updates complete subscriptions, set-based: every write of a subscription goes through here. */
export const writeSubscriptions = (db: Db, workspaceId: string, rows: SubscriptionRecord[]) =>
  writeRows(db, "subscriptions", workspaceId, [
    { name: "id", cast: "uuid", values: rows.map((r) => r.id) },
    { name: "account_id", cast: "uuid", values: rows.map((r) => r.accountId) },
    { name: "external_id", cast: "text", values: rows.map((r) => r.externalId) },
    { name: "product", cast: "text", values: rows.map((r) => r.product) },
    { name: "plan", cast: "text", values: rows.map((r) => r.plan) },
    { name: "mrr_minor", cast: "bigint", values: rows.map((r) => cellText(r.mrrMinor)) },
    { name: "currency", cast: "text", values: rows.map((r) => r.currency) },
    { name: "seats", cast: "integer", values: rows.map((r) => cellText(r.seats)) },
    { name: "start_date", cast: "date", values: rows.map((r) => r.startDate) },
    { name: "end_date", cast: "date", values: rows.map((r) => r.endDate) },
    { name: "renewal_date", cast: "date", values: rows.map((r) => r.renewalDate) },
    { name: "status", cast: "text", values: rows.map((r) => r.status) },
    { name: "billing_period", cast: "text", values: rows.map((r) => r.billingPeriod) },
    { name: "auto_renew", cast: "boolean", values: rows.map((r) => cellText(r.autoRenew)) },
    { name: "custom_fields", cast: "jsonb", values: rows.map((r) => cellText(r.customFields)) },
  ]);

export const deleteSubscriptionRow = (db: Db, workspaceId: string, id: string) =>
  db.delete(subscriptions).where(and(eq(subscriptions.workspaceId, workspaceId), eq(subscriptions.id, id)));

export async function pageSubscriptions(db: Db, workspaceId: string, q: SubscriptionListQuery) {
  const keys: Record<SubscriptionListQuery["sort"]["field"], Omit<SortKey, "desc">> = {
    start: { expr: sql`${subscriptions.startDate}`, type: "date" },
    renewal: { expr: sql`coalesce(${subscriptions.renewalDate}, '9999-12-31'::date)`, type: "date" },
    mrr: { expr: sql`${subscriptions.mrrMinor}`, type: "bigint" },
    created: { expr: sql`${subscriptions.createdAt}`, type: "timestamptz" },
  };
  const key: SortKey = { ...keys[q.sort.field], desc: q.sort.desc };
  const rows = await db
    .select({ ...columns, sortKey: sortKeyColumn(key) })
    .from(subscriptions)
    .innerJoin(accounts, joinAccount)
    .where(
      and(
        eq(subscriptions.workspaceId, workspaceId),
        q.accountId ? eq(subscriptions.accountId, q.accountId) : undefined,
        q.status?.length ? inArray(subscriptions.status, q.status) : undefined,
        q.product?.length ? inArray(subscriptions.product, q.product) : undefined,
        q.renewalBefore ? lte(subscriptions.renewalDate, q.renewalBefore) : undefined,
        afterCursor(key, subscriptions.id, q.cursor),
      ),
    )
    .orderBy(...orderBy(key, subscriptions.id))
    .limit(q.limit + 1);
  return toPage(rows, q.limit);
}

/**
 * Whether the subscription `alias` is live on `day` (a date expression, or a `YYYY-MM-DD` string):
 * the one definition, `isLiveOn` in subscription.rules.ts, in SQL — started, and not ended: the end
 * date, when set, is the last day of service whatever the status; without one, only active and
 * trial subscriptions run on. Always true or false, never null, so it can be negated and aggregated.
 * Every statement that asks whether a subscription counts on a day uses this fragment.
 */
export const liveOn = (alias: string, day: SQL | string): SQL => {
  const s = sql.identifier(alias);
  const d = typeof day === "string" ? sql`${day}::date` : day;
  return sql`(${s}.start_date <= ${d} and coalesce(${s}.end_date >= ${d}, ${s}.status in ('active', 'trial')))`;
};

/** Today's date in UTC, as `utcToday()` has it: revenue must not depend on the session's time zone. */
const TODAY = sql.raw("(now() at time zone 'utc')::date");

/**
 * Recomputes the accounts' denormalized revenue from their subscriptions, set-based:
 * MRR = the sum of subscriptions live today (`liveOn`; today in UTC)
 * in the account's main currency (the one carrying the most MRR), and the next renewal = the
 * earliest upcoming one. Call it in the same transaction as any subscription write, and again as
 * days pass (`refreshAllAccountRevenue`): subscriptions start and end without a write.
 */
export async function refreshAccountRevenue(
  db: Db,
  workspaceId: string,
  accountIds?: string[],
): Promise<void> {
  if (accountIds && accountIds.length === 0) return;
  // One array parameter rather than one parameter per id: imports refresh thousands at once.
  const only = accountIds ? sql`and id = any(${`{${accountIds.join(",")}}`}::uuid[])` : sql``;
  // Lock the accounts (in id order) before summing: a concurrent subscription write to the same
  // account then commits first, and the sum below, a new statement, sees its row. Without the lock
  // two writers each store a total missing the other's subscription. NO KEY UPDATE, not UPDATE:
  // the subscription insert already holds a KEY SHARE lock on the account through its foreign key.
  await db.execute(
    sql`select id from accounts where workspace_id = ${workspaceId} ${only} order by id for no key update`,
  );
  await db.execute(sql`
    with target as (
      select id from accounts where workspace_id = ${workspaceId} ${only}
    ), live as (
      select s.account_id, s.currency, sum(s.mrr_minor) as mrr
      from subscriptions s
      where s.workspace_id = ${workspaceId} and s.account_id in (select id from target)
        and ${liveOn("s", TODAY)}
      group by s.account_id, s.currency
    ), main as (
      select distinct on (account_id) account_id, currency, mrr from live order by account_id, mrr desc, currency
    ), renewals as (
      -- Not liveOn: a renewal is a future event, of subscriptions that will renew (active or in
      -- trial, started or not yet); a canceled one is still live until its end but will not renew.
      select s.account_id, min(s.renewal_date) as next_renewal
      from subscriptions s
      where s.workspace_id = ${workspaceId} and s.account_id in (select id from target)
        and s.status in ('active', 'trial') and s.renewal_date >= ${TODAY}
      group by s.account_id
    )
    update accounts a
    set mrr_minor = coalesce(m.mrr, 0), currency = coalesce(m.currency, a.currency), next_renewal_date = r.next_renewal
    from target t
    left join main m on m.account_id = t.id
    left join renewals r on r.account_id = t.id
    where a.workspace_id = ${workspaceId} and a.id = t.id`);
}
