import { utcToday } from "../../common/dates.ts";
import { type Calibration, ZCalibration } from "../../contract/renewals.ts";
import type { Db } from "../../db/transaction.ts";
import type { Ctx } from "../context.ts";
import { listWorkspaces } from "../workspaces/index.ts";
import { calibrationHistory, findCalibration, saveCalibration } from "./renewal.queries.ts";
import { calibrate, LEAD_DAYS } from "./renewal.rules.ts";

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
 * The calibration the pipeline uses: the kept one, which the daily job refits — a pipeline read
 * never refits a large history on its way (about 80 s for a million past renewals). Only a
 * workspace that has none yet (or one kept by an older version that no longer reads) is fitted
 * here, and the first reader's fit is the one kept: concurrent readers answer with it too.
 */
export async function currentCalibration(ctx: Ctx, now = new Date()): Promise<Calibration> {
  const read = async () => {
    const kept = await findCalibration(ctx.db, ctx.workspaceId);
    const parsed = kept ? ZCalibration.safeParse(kept.calibration) : null;
    return { exists: kept !== null, calibration: parsed?.success ? parsed.data : null };
  };
  const kept = await read();
  if (kept.calibration) return kept.calibration;
  const fitted = await fitCalibration(ctx.db, ctx.workspaceId, now);
  await saveCalibration(ctx.db, ctx.workspaceId, fitted, now, kept.exists ? "replace" : "keep-first");
  return (await read()).calibration ?? fitted;
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
