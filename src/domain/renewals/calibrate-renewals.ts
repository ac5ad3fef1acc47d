import { utcToday } from "../../common/dates.ts";
import { type Calibration, ZCalibration } from "../../contract/renewals.ts";
import type { Db } from "../../db/transaction.ts";
import type { Ctx } from "../context.ts";
import { listWorkspaces } from "../workspaces/index.ts";
import { calibrationHistory, findCalibration, saveCalibration } from "./renewal.queries.ts";
import { calibrate, LEAD_DAYS } from "./renewal.rules.ts";

const DAY_MS = 86_400_000;

/**
 * Fits the renewal probability on every past renewal before `before` (today by default) and the
 * churn probability recorded `LEAD_DAYS` before each. The backtest fits it as of past days.
 */
export async function fitCalibration(
  db: Db,
  workspaceId: string,
  now: Date,
  before = utcToday(now),
): Promise<Calibration> {
  const history = await calibrationHistory(db, workspaceId, utcToday(now), before, LEAD_DAYS);
  return calibrate(history, now);
}

/** Refits and keeps the workspace's calibration (the daily job, and a stale read). */
export async function refreshCalibration(
  db: Db,
  workspaceId: string,
  now = new Date(),
): Promise<Calibration> {
  const calibration = await fitCalibration(db, workspaceId, now);
  await saveCalibration(db, workspaceId, calibration, now);
  return calibration;
}

/**
 * The calibration the pipeline uses: the kept one while it is less than a day old, so a pipeline
 * read does not refit on every request; refitted when missing or stale.
 */
export async function currentCalibration(ctx: Ctx, now = new Date()): Promise<Calibration> {
  const staleBefore = new Date(now.getTime() - DAY_MS);
  const fresh = async () => {
    const kept = await findCalibration(ctx.db, ctx.workspaceId);
    if (!kept || new Date(kept.fittedAt) < staleBefore) return null;
    const parsed = ZCalibration.safeParse(kept.calibration);
    return parsed.success ? parsed.data : null;
  };
  const kept = await fresh();
  if (kept) return kept;
  const fitted = await fitCalibration(ctx.db, ctx.workspaceId, now);
  await saveCalibration(ctx.db, ctx.workspaceId, fitted, now, staleBefore);
  // Another reader may have kept its fit first: answer with the one kept, as every reader will.
  return (await fresh()) ?? fitted;
}

/**
 * Refits every workspace's calibration (the daily job), after the day's churn scores are kept. A
 * workspace that fails does not stop the others; the run fails at the end naming them.
 */
export async function refreshAllCalibrations(db: Db, now = new Date()): Promise<{ workspaces: number }> {
  const failed: string[] = [];
  const workspaces = await listWorkspaces(db);
  for (const w of workspaces) {
    try {
      await refreshCalibration(db, w.id, now);
    } catch (e) {
      failed.push(`${w.slug}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  if (failed.length > 0)
    throw new Error(`renewal calibration failed in ${failed.length} workspace(s): ${failed.join("; ")}`);
  return { workspaces: workspaces.length };
}
