import { addDays, daysBetween, utcToday } from "../../common/dates.ts";

import { notFound } from "../../common/errors.ts";

import {
  type AccountHealth,
  type HealthBand,
  type MeasureScore,
  type ModelDefinition,
  ZModelDefinition,
} from "../../contract/health.ts";

import { findAccount } from "../accounts/index.ts";

import type { Ctx } from "../context.ts";
import { type StoredScoreDay, scoreHistory, sentimentStaleDays } from "./health.queries.ts";
import { modelVersionDefinition } from "./model.queries.ts";

import { explainChange, type StoredMeasures } from "./score.rules.ts";
import { latestSentimentOf } from "./sentiment.queries.ts";

/** A stored score's measures, named from the model version that computed it. */
export function measuresOf(definition: ModelDefinition, stored: StoredMeasures): MeasureScore[] {
  return definition.groups.flatMap((g) =>
    g.measures.map((m) => {
      const [value, points, weight] = stored[m.key] ?? [null, null, 0];
      return {
        key: m.key,
        name: m.name,
        group: g.name,
        source: m.source,
        value,
        points,
        weight,
        contribution: Math.round((points ?? 0) * weight * 10) / 10,
        missing: value === null,
      };
    }),
  );
}

/**
 * The account's latest score with each measure's value, points, weight and contribution; what
 * moved it against 7 and 30 days earlier (the nearest stored day at or before); its history; and
 * its latest CSM sentiment, said to be stale past the workspace's limit.
 */
export async function getAccountHealth(
  ctx: Ctx,
  accountId: string,
  historyDays = 90,
): Promise<AccountHealth> {
  const ws = ctx.workspaceId;
  if (!(await findAccount(ctx.db, ws, accountId))) throw notFound("Account");
  const today = utcToday();
  const history = await scoreHistory(ctx.db, ws, accountId, addDays(today, -Math.max(historyDays, 31)));
  const sentiment = await latestSentiment(ctx, accountId, today);
  const latest = history.at(-1);
  if (!latest) {
    return {
      accountId,
      score: null,
      band: null,
      notEnoughData: null,
      day: null,
      model: null,
      measures: [],
      changes: [],
      history: [],
      sentiment,
    };
  }
  const model = await modelVersionDefinition(ctx.db, ws, latest.model_id, latest.model_version);
  const definition = ZModelDefinition.parse(model?.definition);
  // Days without a score (not enough data yet) have nothing to compare or draw.
  const scored = history.filter(
    (h): h is StoredScoreDay & { score: number; band: HealthBand } => h.score !== null,
  );
  const now = latest.score;
  const changes =
    now === null
      ? []
      : [7, 30].map((days) => {
          const target = addDays(latest.day, -days);
          const before = [...scored].reverse().find((h) => h.day <= target);
          return {
            days,
            from: before?.score ?? null,
            change: before ? Math.round((now - before.score) * 10) / 10 : null,
            drivers: before ? explainChange(definition, before.measures, latest.measures) : [],
          };
        });
  const since = addDays(today, -historyDays);
  return {
    accountId,
    score: latest.score,
    band: latest.band,
    notEnoughData: latest.note,
    day: latest.day,
    model: { id: latest.model_id, name: model?.name ?? "(deleted model)", version: latest.model_version },
    measures: measuresOf(definition, latest.measures),
    changes,
    history: scored.filter((h) => h.day > since).map((h) => ({ day: h.day, score: h.score, band: h.band })),
    sentiment,
  };
}

async function latestSentiment(
  ctx: Ctx,
  accountId: string,
  today: string,
): Promise<AccountHealth["sentiment"]> {
  const row = await latestSentimentOf(ctx.db, ctx.workspaceId, accountId);
  if (!row) return null;
  const createdAt = new Date(row.created_at);
  const ageDays = daysBetween(createdAt.toISOString().slice(0, 10), today);
  const staleDays = await sentimentStaleDays(ctx.db, ctx.workspaceId);
  return {
    rating: row.rating,
    reasons: row.reasons,
    comment: row.comment,
    authorName: row.author_name,
    createdAt: createdAt.toISOString(),
    // The measure counts a rating for staleDays days, the day it was given included.
    stale: ageDays >= staleDays,
    ageDays,
  };
}
