import { addDays, utcToday } from "../../common/dates.ts";

import { AppError, notFound } from "../../common/errors.ts";

import { newId } from "../../common/ids.ts";

import { type Backtest, ZBacktestCreate, ZModelDefinition } from "../../contract/health.ts";

import type { Db } from "../../db/transaction.ts";

import { actorUserId, type Ctx } from "../context.ts";
import {
  type BacktestRow,
  claimBacktest,
  failBacktest,
  findBacktest,
  findModelBacktests,
  finishBacktest,
  firstUsageDay,
  insertBacktest,
  listPendingBacktestsOfAllWorkspaces,
  previousFinishedBacktest,
  type StoredParams,
  setBacktestProgress,
} from "./backtest.queries.ts";
import {
  backtestDates,
  isInverted,
  measurePower,
  type Observation,
  type Outcome,
  observe,
  outcomeOf,
  summarize,
} from "./backtest.rules.ts";
import { compareBacktests } from "./backtest-compare.rules.ts";
import { healthSettingsOf } from "./health.queries.ts";
import { getHealthModel } from "./manage-models.ts";

import { measureValues, mrrOn } from "./measure-values.queries.ts";
import { backtestedVersions } from "./model.queries.ts";

/** Scored dates per statement: each reads 60 days of rollups per date. */
const DATES_PER_CHUNK = 8;
/** A backtest still "running" this long after it was queued was cut short (a stopped process). */
const STALE_MINUTES = 30;

const iso = (v: Date | string) => new Date(v).toISOString();

const toBacktest = (r: BacktestRow): Backtest => ({
  id: r.id,
  modelId: r.model_id,
  modelVersion: r.model_version,
  versionStatus: r.version_status,
  status: r.status,
  progress: r.progress,
  params: { ...r.params, onboardingDays: r.params.onboardingDays ?? null },
  result: r.result && {
    ...r.result,
    accounts: r.result.accounts ?? null,
    notEnoughData: r.result.notEnoughData ?? null,
    measures: r.result.measures.map((m) => ({ ...m, inverted: isInverted(m.auc) })),
  },
  error: r.error,
  createdAt: iso(r.created_at),
  createdByName: r.created_by_name,
  finishedAt: r.finished_at === null ? null : iso(r.finished_at),
  comparison: null,
});

/**
 * One backtest. A finished one says what differs from another finished run of the same model: the
 * one named by `compareWith`, else the latest that finished before it.
 */
export async function getBacktest(ctx: Ctx, id: string, compareWith?: string): Promise<Backtest> {
  const row = await findBacktest(ctx.db, ctx.workspaceId, id);
  if (!row) throw notFound("Backtest");
  const run = toBacktest(row);
  if (run.status !== "done") return run;
  const otherRow = compareWith
    ? await findBacktest(ctx.db, ctx.workspaceId, compareWith)
    : await previousFinishedBacktest(ctx.db, ctx.workspaceId, row.model_id, id);
  if (
    compareWith &&
    (!otherRow || compareWith === id || otherRow.model_id !== row.model_id || otherRow.status !== "done")
  ) {
    throw new AppError(
      "VALIDATION_FAILED",
      "compareWith must be another finished backtest of the same model",
    );
  }
  if (!otherRow) return run;
  const other = toBacktest(otherRow);
  return {
    ...run,
    comparison: {
      backtestId: other.id,
      createdAt: other.createdAt,
      modelVersion: other.modelVersion,
      auc: other.result?.auc ?? null,
      differences: compareBacktests(run, other),
    },
  };
}

export async function listBacktests(ctx: Ctx, modelId: string): Promise<Backtest[]> {
  await getHealthModel(ctx, modelId);
  const rows = await findModelBacktests(ctx.db, ctx.workspaceId, modelId);
  return rows.map(toBacktest);
}

/**
 * Queues a backtest of the model's draft (or published version) and starts it in this process at
 * once; the `health.backtests` job picks up any that a stopped process left queued. Answers the
 * queued backtest: poll it for progress and the report.
 */
export async function startBacktest(ctx: Ctx, modelId: string, input: unknown): Promise<Backtest> {
  const queued = await queueBacktest(ctx, modelId, input);
  // Not awaited: the answer is the queued backtest; the run reports through its row.
  void runBacktest(ctx.db, ctx.workspaceId, queued.id).catch(() => {});
  return queued;
}

/** Checks the request and stores the backtest, queued; `runBacktest` runs it. */
export async function queueBacktest(ctx: Ctx, modelId: string, input: unknown): Promise<Backtest> {
  const body = ZBacktestCreate.parse(input);
  const model = await getHealthModel(ctx, modelId);
  const want = body.version ?? (model.draft ? "draft" : "published");
  const version = model[want];
  if (!version) throw new AppError("CONFLICT", `The model has no ${want} version to backtest`);
  const today = utcToday();
  const latest = addDays(today, -body.horizonDays);
  const to = body.to ?? latest;
  if (to > latest) {
    throw new AppError(
      "VALIDATION_FAILED",
      `"to" must be on or before ${latest}: what happened in the ${body.horizonDays} days after it must be known`,
    );
  }
  const from = body.from ?? (await defaultFrom(ctx.db, ctx.workspaceId, to));
  if (from > to) throw new AppError("VALIDATION_FAILED", `"from" must not be after ${to}`);
  const id = newId();
  // The window in force when queued: the run leaves out the same new customers the live score does.
  const { onboardingDays } = await healthSettingsOf(ctx.db, ctx.workspaceId);
  const params = { horizonDays: body.horizonDays, everyDays: body.everyDays, from, to, onboardingDays };
  await insertBacktest(ctx.db, ctx.workspaceId, {
    id,
    modelId,
    modelVersion: version.version,
    params,
    createdBy: actorUserId(ctx.actor),
  });
  return getBacktest(ctx, id);
}

/**
 * The first date a backtest scores unless told: a year before `to`, but not before the product
 * usage history has a full 30-day window. Earlier dates would read every account as unused and
 * drag the AUC towards a coin toss: a demo or a workspace that imported a few months of usage
 * would get a different figure from every run that starts where its usage does.
 */
async function defaultFrom(db: Db, workspaceId: string, to: string): Promise<string> {
  const yearBefore = addDays(to, -364);
  const first = await firstUsageDay(db, workspaceId);
  if (!first) return yearBefore;
  const fullWindow = addDays(first, 30);
  return fullWindow > yearBefore && fullWindow <= to ? fullWindow : yearBefore;
}

/**
 * Runs a queued backtest (or one left running by a stopped process): scores every customer the
 * version applies to on each date from the rollups as they were, compares with what followed in
 * the horizon, and stores the report. Failures are stored on the backtest.
 */
export async function runBacktest(db: Db, workspaceId: string, id: string): Promise<void> {
  const claimed = await claimBacktest(db, workspaceId, id, STALE_MINUTES);
  if (!claimed) return;
  try {
    const result = await compute(
      db,
      workspaceId,
      claimed.model_id,
      claimed.model_version,
      claimed.params,
      (p) => setBacktestProgress(db, workspaceId, id, p),
    );
    await finishBacktest(db, workspaceId, id, result);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    await failBacktest(db, workspaceId, id, message);
  }
}

async function compute(
  db: Db,
  workspaceId: string,
  modelId: string,
  version: number,
  params: StoredParams,
  progress: (share: number) => Promise<unknown>,
): Promise<NonNullable<Backtest["result"]>> {
  const versions = await backtestedVersions(db, workspaceId, modelId, version);
  const tested = versions.find((v) => v.version === version);
  if (!tested) throw new AppError("NOT_FOUND", "The backtested version no longer exists");
  const definition = ZModelDefinition.parse(tested.definition);
  // A draft is compared with the version scoring accounts now.
  const liveRow = versions.find(
    (v) => v.status === "published" && v.version !== version && tested.status === "draft",
  );
  const live = liveRow ? ZModelDefinition.parse(liveRow.definition) : null;
  const settings = await healthSettingsOf(db, workspaceId);
  const staleDays = settings.sentimentStaleDays;
  const onboardingDays = params.onboardingDays ?? settings.onboardingDays;
  let notEnough = 0;
  const dates = backtestDates(params.from, params.to, params.everyDays);
  const obs: Observation[] = [];
  const liveObs: Observation[] = [];
  for (let i = 0; i < dates.length; i += DATES_PER_CHUNK) {
    const chunk = dates.slice(i, i + DATES_PER_CHUNK);
    const rows = await measureValues(db, workspaceId, chunk, { staleDays });
    const now = await mrrOn(db, workspaceId, chunk);
    const after = await mrrOn(
      db,
      workspaceId,
      chunk.map((d) => addDays(d, params.horizonDays)),
    );
    const outcomes = new Map<string, Outcome>();
    for (const r of rows) {
      const key = `${r.day}|${r.accountId}`;
      outcomes.set(
        key,
        outcomeOf(now.get(key) ?? 0, after.get(`${addDays(r.day, params.horizonDays)}|${r.accountId}`)),
      );
    }
    const seen = observe(definition, rows, outcomes, onboardingDays);
    obs.push(...seen.observations);
    notEnough += seen.notEnoughData;
    if (live) liveObs.push(...observe(live, rows, outcomes, onboardingDays).observations);
    await progress(Math.min(0.99, (i + chunk.length) / dates.length));
  }
  return {
    ...summarize(obs),
    dates: dates.length,
    accounts: new Set(obs.map((o) => o.accountId)).size,
    notEnoughData: notEnough,
    churned: obs.filter((o) => o.outcome === "churned").length,
    contracted: obs.filter((o) => o.outcome === "contracted").length,
    measures: measurePower(definition, obs),
    live: live && liveRow ? { ...summarize(liveObs), version: liveRow.version } : null,
  };
}

/** The job's part: runs what a stopped process left queued or cut short. */
export async function runPendingBacktests(db: Db): Promise<{ ran: number }> {
  const pending = await listPendingBacktestsOfAllWorkspaces(db, STALE_MINUTES);
  for (const b of pending) await runBacktest(db, b.workspace_id, b.id);
  return { ran: pending.length };
}
