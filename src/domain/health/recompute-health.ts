import { addDays, utcToday } from "../../common/dates.ts";

import { type Db, withTx } from "../../db/transaction.ts";
import { writeEvents } from "../events/index.ts";

import {
  dropScores,
  healthSettingsOf,
  listAllWorkspaceIds,
  type PublishedModel,
  publishedModels,
  refreshAccountHealth,
  type ScoreRow,
  saveScores,
} from "./health.queries.ts";

import { type AccountDay, measureValues } from "./measure-values.queries.ts";
import { notEnoughData } from "./onboarding.rules.ts";
import { modelFor, scoreAccount, toStored } from "./score.rules.ts";

export type RecomputeResult = { day: string; accounts: number; scored: number; seconds: number };

/**
 * Scores the day's customers with the published models (the first that applies to each). A new
 * customer without enough data yet gets a row without score or band, its note saying what is
 * missing, rather than a score of 0 that would call it poor.
 */
export function scoreDay(models: PublishedModel[], rows: AccountDay[], onboardingDays: number): ScoreRow[] {
  const out: ScoreRow[] = [];
  for (const r of rows) {
    const model = modelFor(models, r);
    if (!model) continue;
    const s = scoreAccount(model.definition, r.values);
    const note = notEnoughData(model.definition, r.values, r, onboardingDays);
    if (note === null && (s.score === null || s.band === null)) continue;
    out.push({
      accountId: r.accountId,
      modelId: model.id,
      modelVersion: model.version,
      score: note === null ? s.score : null,
      band: note === null ? s.band : null,
      measures: toStored(s.measures),
      note,
    });
  }
  return out;
}

/**
 * Today's score of every customer (or of the given accounts), stored as the day's history and
 * copied onto the accounts. Measure values come from one set-based statement; scoring is a pass
 * over its rows; the scores go back in one statement.
 */
export async function recomputeHealth(
  db: Db,
  workspaceId: string,
  options: { day?: string; accountIds?: string[] } = {},
): Promise<RecomputeResult> {
  const started = performance.now();
  const day = options.day ?? utcToday();
  const models = await publishedModels(db, workspaceId);
  const settings = await healthSettingsOf(db, workspaceId);
  const rows = await measureValues(db, workspaceId, [day], {
    staleDays: settings.sentimentStaleDays,
    accountIds: options.accountIds,
  });
  const scores = scoreDay(models, rows, settings.onboardingDays);
  await withTx(db, async (tx) => {
    await saveScores(tx, workspaceId, day, scores);
    await dropScores(
      tx,
      workspaceId,
      day,
      scores.map((s) => s.accountId),
      options.accountIds,
    );
    await publishBandChanges(
      tx,
      workspaceId,
      day,
      await refreshAccountHealth(tx, workspaceId, day, options.accountIds),
    );
  });
  return {
    day,
    accounts: rows.length,
    // Accounts waiting for enough data have a row but no score.
    scored: scores.filter((s) => s.score !== null).length,
    seconds: Math.round((performance.now() - started) / 10) / 100,
  };
}

/**
 * Scores every day from `from` to `to` with today's published models: the history a new
 * workspace (or a newly published model) starts with. Days go to the database in chunks, each
 * chunk one statement for the values and one for the scores.
 */
export async function recomputeHealthHistory(
  db: Db,
  workspaceId: string,
  range: { from: string; to: string },
  chunkDays = 14,
): Promise<{ days: number; scores: number }> {
  const models = await publishedModels(db, workspaceId);
  const settings = await healthSettingsOf(db, workspaceId);
  let days = 0;
  let stored = 0;
  for (let start = range.from; start <= range.to; start = addDays(start, chunkDays)) {
    const chunk: string[] = [];
    for (let i = 0; i < chunkDays && addDays(start, i) <= range.to; i++) chunk.push(addDays(start, i));
    const rows = await measureValues(db, workspaceId, chunk, { staleDays: settings.sentimentStaleDays });
    const byDay = new Map<string, AccountDay[]>();
    for (const r of rows) {
      const list = byDay.get(r.day);
      if (list) list.push(r);
      else byDay.set(r.day, [r]);
    }
    for (const day of chunk) {
      const scores = scoreDay(models, byDay.get(day) ?? [], settings.onboardingDays);
      await saveScores(db, workspaceId, day, scores);
      stored += scores.length;
      days += 1;
    }
  }
  await withTx(db, async (tx) =>
    publishBandChanges(tx, workspaceId, range.to, await refreshAccountHealth(tx, workspaceId, range.to)),
  );
  return { days, scores: stored };
}

/** Today's scores in every workspace: the scheduled recompute (workspaces one after another). */
export async function recomputeAllHealth(db: Db): Promise<{ workspaces: number; scored: number }> {
  const workspaces = await listAllWorkspaceIds(db);
  let scored = 0;
  for (const w of workspaces) scored += (await recomputeHealth(db, w.id)).scored;
  return { workspaces: workspaces.length, scored };
}

/** An account whose band moved (or got its first band) is a `health.band_changed` event. */
async function publishBandChanges(
  db: Db,
  workspaceId: string,
  day: string,
  changes: Awaited<ReturnType<typeof refreshAccountHealth>>,
): Promise<void> {
  if (changes.length === 0) return;
  await writeEvents(
    db,
    workspaceId,
    { kind: "system", label: "health" },
    changes.map((c) => ({ type: "health.band_changed" as const, data: { ...c, day } })),
  );
}
