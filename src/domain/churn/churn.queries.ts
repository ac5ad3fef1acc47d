import { type SQL, sql } from "drizzle-orm";
import { utcToday } from "../../common/dates.ts";
import type {
  ChurnDriver,
  ChurnEvaluation,
  ChurnKind,
  ChurnModelInfo,
  ChurnPredictionQuery,
  ChurnTotal,
} from "../../contract/churn.ts";
import type { Db } from "../../db/index.ts";
import { queryRows } from "../../db/index.ts";
import { afterCursor, orderBy, type SortKey, sortKeyColumn, toPage } from "../kernel/pagination.queries.ts";

// The only file of the module that touches the model and prediction tables; every statement is
// scoped by the workspace id.

const ISO = sql.raw(`'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'`);
const iso = (column: SQL) => sql`to_char(${column} at time zone 'UTC', ${ISO})`;

/**
 * Refreshes the planner's statistics of the tables a training set reads. Needed right after a bulk
 * load on the embedded database (no autovacuum): with the statistics of empty tables the per-account
 * usage reads pick the wrong index and take seconds instead of a fraction of one.
 */
export async function analyzeTrainingInputs(db: Db): Promise<void> {
  await db.execute(sql`analyze accounts, subscriptions, usage_user_days, usage_account_event_days`);
}

export type ModelInsert = {
  id: string;
  kind: ChurnKind;
  model: unknown;
  evaluation: ChurnEvaluation;
  trainedBy: string | null;
};

export async function insertModel(db: Db, workspaceId: string, m: ModelInsert): Promise<void> {
  await db.execute(sql`
    insert into churn_models (workspace_id, id, kind, model, evaluation, accounts, positives, trained_by)
    values (${workspaceId}, ${m.id}, ${m.kind}, ${JSON.stringify(m.model)}::jsonb,
      ${JSON.stringify(m.evaluation)}::jsonb, ${m.evaluation.accounts}, ${m.evaluation.positives}, ${m.trainedBy})`);
}

export type PredictionInsert = { accountId: string; probability: number; drivers: ChurnDriver[] };

/**
 * Replaces the workspace's predictions of a kind with these, in two statements: run it inside a
 * transaction (holding the kind's lock), so readers see the old set or the new one, never a mix.
 */
export async function replacePredictions(
  db: Db,
  workspaceId: string,
  kind: ChurnKind,
  modelId: string,
  rows: PredictionInsert[],
): Promise<void> {
  await db.execute(sql`delete from churn_predictions where workspace_id = ${workspaceId} and kind = ${kind}`);
  if (rows.length === 0) return;
  const col = <T>(f: (r: PredictionInsert) => T) => sql.param(rows.map(f));
  await db.execute(sql`
    insert into churn_predictions (workspace_id, account_id, kind, model_id, probability, drivers)
    select ${workspaceId}, a, ${kind}, ${modelId}, p, d::jsonb
    from unnest(${col((r) => r.accountId)}::uuid[], ${col((r) => r.probability)}::float8[],
                ${col((r) => JSON.stringify(r.drivers))}::text[]) as t(a, p, d)`);
  await snapshotProbabilities(db, utcToday(), workspaceId);
}

/**
 * Copies the current churn and expansion probabilities into their day-by-day history, so a rule's
 * replay reads each account's probability as it stood on a past day. Idempotent per day.
 */
export const snapshotProbabilities = (db: Db, day: string, workspaceId?: string) =>
  db.execute(
    sql`insert into churn_probability_history (workspace_id, account_id, kind, day, probability)
        select workspace_id, account_id, kind, ${day}::date, probability from churn_predictions
         ${workspaceId ? sql`where workspace_id = ${workspaceId}` : sql``}
        on conflict (workspace_id, kind, account_id, day) do update set probability = excluded.probability`,
  );

/** Probabilities of one day and kind into the history, 1,000 accounts per statement. */
export async function insertProbabilityHistory(
  db: Db,
  workspaceId: string,
  kind: string,
  day: string,
  rows: readonly { accountId: string; probability: number }[],
): Promise<void> {
  for (let i = 0; i < rows.length; i += 1000) {
    const chunk = rows.slice(i, i + 1000);
    await db.execute(
      sql`insert into churn_probability_history (workspace_id, account_id, kind, day, probability)
          select ${workspaceId}, a, ${kind}, ${day}::date, p
            from unnest(${sql.param(chunk.map((r) => r.accountId))}::uuid[], ${sql.param(chunk.map((r) => r.probability))}::float8[]) as t(a, p)
          on conflict (workspace_id, kind, account_id, day) do update set probability = excluded.probability`,
    );
  }
}

type ModelRow = Omit<ChurnModelInfo, "trainedBy"> & {
  trainedById: string | null;
  trainedByName: string | null;
};

/** The newest model of a kind (or the one with this id) with its evaluation, not the model itself; or null. */
export async function selectModel(
  db: Db,
  workspaceId: string,
  kind: ChurnKind,
  id?: string,
): Promise<ChurnModelInfo | null> {
  const rows = await queryRows<ModelRow>(
    db,
    sql`
    select m.id, m.kind, m.evaluation, ${iso(sql`m.trained_at`)} as "trainedAt", m.trained_by as "trainedById",
      u.name as "trainedByName",
      (select count(*)::int from churn_predictions p
       where p.workspace_id = m.workspace_id and p.kind = m.kind and p.model_id = m.id) as scored
    from churn_models m left join users u on u.id = m.trained_by
    where m.workspace_id = ${workspaceId} and m.kind = ${kind} ${id ? sql`and m.id = ${id}` : sql``}
    order by m.trained_at desc, m.id desc limit 1`,
  );
  const r = rows[0];
  if (!r) return null;
  const { trainedById, trainedByName, ...info } = r;
  return {
    ...info,
    trainedBy: trainedById && trainedByName ? { id: trainedById, name: trainedByName } : null,
  };
}

const sortKeys: Record<ChurnPredictionQuery["sort"]["field"], Omit<SortKey, "desc">> = {
  probability: { expr: sql`p.probability`, type: "float8" },
  arrAtRisk: { expr: sql`(p.probability * a.mrr_minor * 12)`, type: "float8" },
  arr: { expr: sql`a.mrr_minor`, type: "bigint" },
  name: { expr: sql`lower(a.name)`, type: "text" },
};

const fromPredictions = sql`
  from churn_predictions p
  join accounts a on a.workspace_id = p.workspace_id and a.id = p.account_id
  left join users u on u.id = a.owner_id`;

/** The list's filters: the kind, owners (or "none" for no owner) and tiers. */
function filters(workspaceId: string, q: ChurnPredictionQuery): SQL {
  const owners = q.ownerId?.filter((o) => o !== "none") ?? [];
  const parts = [sql`p.workspace_id = ${workspaceId}`, sql`p.kind = ${q.kind}`];
  if (q.tier?.length) parts.push(sql`a.tier = any(${sql.param(q.tier)}::text[])`);
  if (q.ownerId?.length) {
    const either = [
      ...(owners.length ? [sql`a.owner_id = any(${sql.param(owners)}::uuid[])`] : []),
      ...(q.ownerId.includes("none") ? [sql`a.owner_id is null`] : []),
    ];
    parts.push(sql`(${sql.join(either, sql` or `)})`);
  }
  return sql.join(parts, sql` and `);
}

export type PredictionRow = {
  id: string;
  accountId: string;
  name: string;
  tier: string | null;
  ownerId: string | null;
  ownerName: string | null;
  currency: string;
  /** bigint: a string from node-postgres, a number or bigint from PGlite. */
  arrMinor: number | string | bigint;
  probability: number;
  drivers: ChurnDriver[];
  computedAt: string;
  healthNotEnoughData: string | null;
};

const predictionColumns = sql`
  p.account_id as id, p.account_id as "accountId", a.name, a.tier, a.owner_id as "ownerId",
  u.name as "ownerName", a.currency, a.mrr_minor * 12 as "arrMinor", p.probability, p.drivers,
  ${iso(sql`p.computed_at`)} as "computedAt", a.health_note as "healthNotEnoughData"`;

export async function pagePredictions(db: Db, workspaceId: string, q: ChurnPredictionQuery) {
  const key: SortKey = { ...sortKeys[q.sort.field], desc: q.sort.desc };
  const after = afterCursor(key, sql`p.account_id`, q.cursor);
  const rows = await queryRows<PredictionRow & { sortKey: string }>(
    db,
    sql`select ${predictionColumns}, ${sortKeyColumn(key)} as "sortKey" ${fromPredictions}
        where ${filters(workspaceId, q)} ${after ? sql`and ${after}` : sql``}
        order by ${sql.join(orderBy(key, sql`p.account_id`), sql`, `)} limit ${q.limit + 1}`,
  );
  return toPage(rows, q.limit);
}

/** ARR and ARR at risk over every prediction the filters match, per currency. */
export async function predictionTotals(db: Db, workspaceId: string, q: ChurnPredictionQuery) {
  const rows = await queryRows<{
    currency: string;
    accounts: number;
    arrMinor: string;
    arrAtRiskMinor: string;
  }>(
    db,
    sql`select a.currency, count(*)::int as accounts, sum(a.mrr_minor * 12)::text as "arrMinor",
          round(sum(p.probability * a.mrr_minor * 12))::text as "arrAtRiskMinor"
        ${fromPredictions} where ${filters(workspaceId, q)}
        group by a.currency order by sum(p.probability * a.mrr_minor * 12) desc, a.currency`,
  );
  return rows.map(
    (r): ChurnTotal => ({
      currency: r.currency,
      accounts: r.accounts,
      arrMinor: Number(r.arrMinor),
      arrAtRiskMinor: Number(r.arrAtRiskMinor),
    }),
  );
}

export type AccountPredictionRow = {
  kind: ChurnKind;
  modelId: string;
  probability: number;
  drivers: ChurnDriver[];
  computedAt: string;
};

/**
 * The account's predictions of every kind; null when the workspace has no such account (so an
 * account of another workspace is not found).
 */
export async function selectAccountPredictions(
  db: Db,
  workspaceId: string,
  accountId: string,
): Promise<AccountPredictionRow[] | null> {
  const rows = await queryRows<AccountPredictionRow | { kind: null }>(
    db,
    sql`
    select p.kind, p.model_id as "modelId", p.probability, p.drivers, ${iso(sql`p.computed_at`)} as "computedAt"
    from accounts a
    left join churn_predictions p on p.workspace_id = a.workspace_id and p.account_id = a.id
    where a.workspace_id = ${workspaceId} and a.id = ${accountId}`,
  );
  if (rows.length === 0) return null;
  return rows.filter((r): r is AccountPredictionRow => r.kind !== null);
}
