import { sql } from "drizzle-orm";
import { queryRows } from "../../db/index.ts";
import type { Db } from "../../db/transaction.ts";

export type ExpansionRow = {
  id: string;
  accountId: string;
  accountName: string;
  title: string;
  arrMinor: number;
  currency: string;
  stage: string;
  expectedClose: string | null;
  ownerId: string | null;
  ownerName: string | null;
  note: string | null;
  expansionProbability: number | null;
  closedAt: Date | null;
  createdAt: Date;
};

export type ExpansionFilter = { id?: string; stage?: string; accountId?: string; owner?: string };

/** Opportunities, open ones first by expected close, then the latest closed; 500 at most. */
export const expansionRows = (db: Db, workspaceId: string, f: ExpansionFilter = {}) =>
  queryRows<ExpansionRow>(
    db,
    sql`select e.id, e.account_id as "accountId", a.name as "accountName", e.title,
               e.arr_minor::float8 as "arrMinor", e.currency, e.stage, e.expected_close::text as "expectedClose",
               e.owner_id as "ownerId", u.name as "ownerName", e.note, cp.probability as "expansionProbability",
               e.closed_at as "closedAt", e.created_at as "createdAt"
          from expansion_opportunities e
          join accounts a on a.workspace_id = e.workspace_id and a.id = e.account_id
          left join users u on u.id = e.owner_id
          left join churn_predictions cp
            on cp.workspace_id = e.workspace_id and cp.account_id = e.account_id and cp.kind = 'expansion'
         where e.workspace_id = ${workspaceId}
           ${f.id ? sql`and e.id = ${f.id}` : sql``}
           ${f.stage ? sql`and e.stage = ${f.stage}` : sql``}
           ${f.accountId ? sql`and e.account_id = ${f.accountId}` : sql``}
           ${f.owner === "none" ? sql`and e.owner_id is null` : f.owner ? sql`and e.owner_id = ${f.owner}` : sql``}
         order by e.stage <> 'open', e.expected_close nulls last, e.closed_at desc nulls last, e.created_at desc, e.id
         limit 500`,
  );

/** Paying customers the expansion model rates at least `threshold` likely to grow, without an open opportunity. */
export const expansionSuggestions = (db: Db, workspaceId: string, threshold: number, limit: number) =>
  queryRows<{
    accountId: string;
    accountName: string;
    expansionProbability: number;
    mrrMinor: number;
    currency: string;
    ownerId: string | null;
    ownerName: string | null;
  }>(
    db,
    sql`select a.id as "accountId", a.name as "accountName", cp.probability as "expansionProbability",
               a.mrr_minor::float8 as "mrrMinor", a.currency, a.owner_id as "ownerId", u.name as "ownerName"
          from churn_predictions cp
          join accounts a on a.workspace_id = cp.workspace_id and a.id = cp.account_id
          left join users u on u.id = a.owner_id
         where cp.workspace_id = ${workspaceId} and cp.kind = 'expansion' and cp.probability >= ${threshold}
           and a.mrr_minor > 0
           and not exists (select 1 from expansion_opportunities e
                            where e.workspace_id = cp.workspace_id and e.account_id = cp.account_id and e.stage = 'open')
         order by cp.probability desc, a.mrr_minor desc, a.id
         limit ${limit}`,
  );

export const insertExpansion = (
  db: Db,
  r: {
    workspaceId: string;
    id: string;
    accountId: string;
    title: string;
    arrMinor: number;
    currency: string;
    expectedClose: string | null;
    ownerId: string | null;
    note: string | null;
    createdBy: string | null;
  },
) =>
  db.execute(sql`
    insert into expansion_opportunities (workspace_id, id, account_id, title, arr_minor, currency, expected_close,
                                         owner_id, note, created_by)
    values (${r.workspaceId}, ${r.id}, ${r.accountId}, ${r.title}, ${r.arrMinor}, ${r.currency}, ${r.expectedClose},
            ${r.ownerId}, ${r.note}, ${r.createdBy})`);

export const updateExpansionRow = (
  db: Db,
  workspaceId: string,
  id: string,
  r: {
    title: string;
    arrMinor: number;
    stage: string;
    expectedClose: string | null;
    ownerId: string | null;
    note: string | null;
    closedAt: Date | null;
  },
) =>
  db.execute(sql`
    update expansion_opportunities
       set title = ${r.title}, arr_minor = ${r.arrMinor}, stage = ${r.stage}, expected_close = ${r.expectedClose},
           owner_id = ${r.ownerId}, note = ${r.note}, closed_at = ${r.closedAt}, updated_at = now()
     where workspace_id = ${workspaceId} and id = ${id}`);

export const deleteExpansionRow = async (db: Db, workspaceId: string, id: string) =>
  (
    await queryRows<{ accountId: string }>(
      db,
      sql`delete from expansion_opportunities where workspace_id = ${workspaceId} and id = ${id}
          returning account_id as "accountId"`,
    )
  )[0] ?? null;
