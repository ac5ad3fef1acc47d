import { sql } from "drizzle-orm";
import type { Backtest } from "../../contract/health.ts";
import type { Db } from "../../db/index.ts";
import { queryRows } from "../../db/index.ts";

/** What a run stored: runs from before a figure was kept lack it. */
export type StoredParams = Omit<Backtest["params"], "onboardingDays"> & { onboardingDays?: number | null };
export type StoredResult = Omit<
  NonNullable<Backtest["result"]>,
  "accounts" | "notEnoughData" | "measures"
> & {
  accounts?: number | null;
  notEnoughData?: number | null;
  measures: Omit<NonNullable<Backtest["result"]>["measures"][number], "inverted">[];
};

export type BacktestRow = {
  id: string;
  model_id: string;
  model_version: number;
  version_status: "draft" | "published" | "retired";
  status: Backtest["status"];
  progress: number;
  params: StoredParams;
  result: StoredResult | null;
  error: string | null;
  created_at: Date | string;
  created_by_name: string | null;
  finished_at: Date | string | null;
};

const selectBacktests = (workspaceId: string) => sql`
  select b.id, b.model_id, b.model_version, coalesce(v.status, 'retired') as version_status, b.status,
    b.progress, b.params, b.result, b.error, b.created_at, u.name as created_by_name, b.finished_at
  from health_backtests b
  left join health_model_versions v on v.workspace_id = b.workspace_id and v.model_id = b.model_id
    and v.version = b.model_version
  left join users u on u.id = b.created_by
  where b.workspace_id = ${workspaceId}`;

export async function findBacktest(
  db: Db,
  workspaceId: string,
  id: string,
): Promise<BacktestRow | undefined> {
  const [row] = await queryRows<BacktestRow>(db, sql`${selectBacktests(workspaceId)} and b.id = ${id}`);
  return row;
}

/** The latest finished run of the model that was created before (or with) the given one, itself excepted. */
export async function previousFinishedBacktest(
  db: Db,
  workspaceId: string,
  modelId: string,
  id: string,
): Promise<BacktestRow | undefined> {
  const [row] = await queryRows<BacktestRow>(
    db,
    sql`${selectBacktests(workspaceId)} and b.model_id = ${modelId} and b.status = 'done'
            and b.id <> ${id} and b.created_at <= (select created_at from health_backtests
              where workspace_id = ${workspaceId} and id = ${id})
            order by b.created_at desc limit 1`,
  );
  return row;
}

/** The model's latest 50 runs, newest first. */
export async function findModelBacktests(
  db: Db,
  workspaceId: string,
  modelId: string,
): Promise<BacktestRow[]> {
  return queryRows<BacktestRow>(
    db,
    sql`${selectBacktests(workspaceId)} and b.model_id = ${modelId} order by b.created_at desc limit 50`,
  );
}

export async function insertBacktest(
  db: Db,
  workspaceId: string,
  row: { id: string; modelId: string; modelVersion: number; params: StoredParams; createdBy: string | null },
) {
  await db.execute(sql`
    insert into health_backtests (workspace_id, id, model_id, model_version, status, params, created_by)
    values (${workspaceId}, ${row.id}, ${row.modelId}, ${row.modelVersion}, 'queued', ${JSON.stringify(row.params)}::jsonb,
            ${row.createdBy})`);
}

/** The first day the workspace's product usage rollups have, or null without any. */
export async function firstUsageDay(db: Db, workspaceId: string): Promise<string | null> {
  const [row] = await queryRows<{ first: string | null }>(
    db,
    sql`select min(day)::text as first from usage_account_event_days where workspace_id = ${workspaceId}`,
  );
  return row?.first ?? null;
}

/**
 * Marks a queued backtest (or one running for longer than `staleMinutes`) running; answers what
 * to run, or nothing when another process has it or it is done.
 */
export async function claimBacktest(db: Db, workspaceId: string, id: string, staleMinutes: number) {
  const [claimed] = await queryRows<{ model_id: string; model_version: number; params: StoredParams }>(
    db,
    sql`update health_backtests set status = 'running', progress = 0
        where workspace_id = ${workspaceId} and id = ${id}
          and (status = 'queued' or (status = 'running' and created_at < now() - make_interval(mins => ${staleMinutes})))
        returning model_id, model_version, params`,
  );
  return claimed;
}

export function setBacktestProgress(db: Db, workspaceId: string, id: string, progress: number) {
  return db.execute(
    sql`update health_backtests set progress = ${progress} where workspace_id = ${workspaceId} and id = ${id}`,
  );
}

export async function finishBacktest(
  db: Db,
  workspaceId: string,
  id: string,
  result: NonNullable<Backtest["result"]>,
) {
  await db.execute(sql`
      update health_backtests set status = 'done', progress = 1, result = ${JSON.stringify(result)}::jsonb,
        finished_at = now()
      where workspace_id = ${workspaceId} and id = ${id}`);
}

export async function failBacktest(db: Db, workspaceId: string, id: string, message: string) {
  await db.execute(sql`
      update health_backtests set status = 'failed', error = ${message}, finished_at = now()
      where workspace_id = ${workspaceId} and id = ${id}`);
}

/**
 * Backtests queued, or running for longer than `staleMinutes`, in every workspace (oldest 20):
 * installation-wide because the job resumes what any stopped process left behind.
 */
export async function listPendingBacktestsOfAllWorkspaces(
  db: Db,
  staleMinutes: number,
): Promise<{ workspace_id: string; id: string }[]> {
  return queryRows<{ workspace_id: string; id: string }>(
    db,
    sql`select workspace_id, id from health_backtests
        where status = 'queued' or (status = 'running' and created_at < now() - make_interval(mins => ${staleMinutes}))
        order by created_at limit 20`,
  );
}
