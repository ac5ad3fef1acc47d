import { sql } from "drizzle-orm";
import { type ModelDefinition, ZModelDefinition } from "../../contract/health.ts";
import type { Db } from "../../db/index.ts";
import { queryRows } from "../../db/index.ts";
import { DEFAULT_ONBOARDING_DAYS } from "./onboarding.rules.ts";
import type { StoredMeasures } from "./score.rules.ts";

/** Days a sentiment counts for when a workspace has not set it. */
export const DEFAULT_SENTIMENT_STALE_DAYS = 90;

export type PublishedModel = {
  id: string;
  name: string;
  version: number;
  definition: ModelDefinition;
  appliesTo: ModelDefinition["appliesTo"];
};

/** The published version of each live model, in the order they claim accounts. */
export async function publishedModels(db: Db, workspaceId: string): Promise<PublishedModel[]> {
  const rows = await queryRows<{ id: string; name: string; version: number; definition: unknown }>(
    db,
    sql`select m.id, m.name, v.version, v.definition
        from health_models m
        join health_model_versions v on v.workspace_id = m.workspace_id and v.model_id = m.id and v.status = 'published'
        where m.workspace_id = ${workspaceId} and not m.archived
        order by m.priority, lower(m.name), m.id`,
  );
  return rows.map((r) => {
    const definition = ZModelDefinition.parse(r.definition);
    return { id: r.id, name: r.name, version: r.version, definition, appliesTo: definition.appliesTo };
  });
}

export type HealthSettings = { sentimentStaleDays: number; onboardingDays: number };

/** The workspace's health settings, the defaults where it has set none. */
export async function healthSettingsOf(db: Db, workspaceId: string): Promise<HealthSettings> {
  const [row] = await queryRows<HealthSettings>(
    db,
    sql`select sentiment_stale_days as "sentimentStaleDays", onboarding_days as "onboardingDays"
        from health_settings where workspace_id = ${workspaceId}`,
  );
  return row ?? { sentimentStaleDays: DEFAULT_SENTIMENT_STALE_DAYS, onboardingDays: DEFAULT_ONBOARDING_DAYS };
}

export async function sentimentStaleDays(db: Db, workspaceId: string): Promise<number> {
  return (await healthSettingsOf(db, workspaceId)).sentimentStaleDays;
}

export type ScoreRow = {
  accountId: string;
  modelId: string;
  modelVersion: number;
  /** Null with a note: a new customer without enough data yet. */
  score: number | null;
  band: string | null;
  measures: StoredMeasures;
  note: string | null;
};

/** Stores the day's scores (replacing any of that day), in one statement. */
export async function saveScores(
  db: Db,
  workspaceId: string,
  day: string,
  scores: ScoreRow[],
): Promise<void> {
  if (scores.length === 0) return;
  const col = <T>(f: (s: ScoreRow) => T) => sql.param(scores.map(f));
  await db.execute(sql`
    insert into health_scores as h (workspace_id, account_id, day, model_id, model_version, score, band, measures, note)
    select ${workspaceId}, a, ${day}::date, m, v, s, b, x::jsonb, n
    from unnest(${col((s) => s.accountId)}::uuid[], ${col((s) => s.modelId)}::uuid[],
                ${col((s) => s.modelVersion)}::int[], ${col((s) => s.score)}::real[],
                ${col((s) => s.band)}::text[], ${col((s) => JSON.stringify(s.measures))}::text[],
                ${col((s) => s.note)}::text[]) as t(a, m, v, s, b, x, n)
    on conflict (workspace_id, account_id, day) do update set model_id = excluded.model_id,
      model_version = excluded.model_version, score = excluded.score, band = excluded.band, measures = excluded.measures,
      note = excluded.note`);
}

/** Drops the day's scores of accounts no longer scored (no model applies, or no longer a customer). */
export async function dropScores(db: Db, workspaceId: string, day: string, keep: string[], among?: string[]) {
  const scope = among ? sql`and account_id = any(${sql.param(among)}::uuid[])` : sql``;
  await db.execute(sql`
    delete from health_scores
    where workspace_id = ${workspaceId} and day = ${day}::date ${scope}
      and not (account_id = any(${sql.param(keep)}::uuid[]))`);
}

/**
 * Copies each account's score of `day` onto the account (null when it has none that day), with
 * the change against its score seven days earlier and the note of a customer without enough data
 * yet, for lists to sort and filter on.
 */
export async function refreshAccountHealth(db: Db, workspaceId: string, day: string, among?: string[]) {
  const scope = among ? sql`and a.id = any(${sql.param(among)}::uuid[])` : sql``;
  await db.execute(sql`
    update accounts a set health_score = h.score, health_band = h.band, health_day = h.day,
      health_change_7d = h.score - w.score, health_note = h.note
    from accounts x
    left join health_scores h on h.workspace_id = x.workspace_id and h.account_id = x.id and h.day = ${day}::date
    left join health_scores w on w.workspace_id = x.workspace_id and w.account_id = x.id and w.day = ${day}::date - 7
    where x.workspace_id = ${workspaceId} and a.workspace_id = x.workspace_id and a.id = x.id ${scope}
      and (a.health_score is distinct from h.score or a.health_band is distinct from h.band
           or a.health_day is distinct from h.day or a.health_change_7d is distinct from h.score - w.score
           or a.health_note is distinct from h.note)`);
}
