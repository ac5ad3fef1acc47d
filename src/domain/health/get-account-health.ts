import { sql } from "drizzle-orm";
import { addDays, daysBetween, utcToday } from "../../common/dates.ts";

import { notFound } from "../../common/errors.ts";

import {
  type AccountHealth,
  type HealthBand,
  type MeasureScore,
  type ModelDefinition,
  ZModelDefinition,
} from "../../contract/health.ts";

import { queryRows } from "../../db/index.ts";

import { findAccount } from "../accounts/index.ts";

import type { Ctx } from "../context.ts";
import { sentimentStaleDays } from "./health.queries.ts";

import { explainChange, type StoredMeasures } from "./score.rules.ts";

type ScoreDay = {
  day: string;
  score: number | null;
  band: HealthBand | null;
  note: string | null;
  measures: StoredMeasures;
  model_id: string;
  model_version: number;
};

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
  const history = await queryRows<ScoreDay>(
    ctx.db,
    sql`select day::text, score, band, note, measures, model_id, model_version from health_scores
        where workspace_id = ${ws} and account_id = ${accountId} and day > ${addDays(today, -Math.max(historyDays, 31))}::date
        order by day`,
  );
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
  const [model] = await queryRows<{ name: string; definition: unknown }>(
    ctx.db,
    sql`select m.name, v.definition from health_models m
        join health_model_versions v on v.workspace_id = m.workspace_id and v.model_id = m.id and v.version = ${latest.model_version}
        where m.workspace_id = ${ws} and m.id = ${latest.model_id}`,
  );
  const definition = ZModelDefinition.parse(model?.definition);
  // Days without a score (not enough data yet) have nothing to compare or draw.
  const scored = history.filter((h): h is ScoreDay & { score: number; band: HealthBand } => h.score !== null);
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
  const [row] = await queryRows<{
    rating: number;
    reasons: string[];
    comment: string | null;
    author_name: string | null;
    created_at: Date | string;
  }>(
    ctx.db,
    sql`select r.rating, r.reasons, r.comment, u.name as author_name, r.created_at
        from sentiment_ratings r left join users u on u.id = r.author_id
        where r.workspace_id = ${ctx.workspaceId} and r.account_id = ${accountId}
        order by r.created_at desc limit 1`,
  );
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
