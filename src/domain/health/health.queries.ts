import { sql } from "drizzle-orm";
import { type HealthBand, type ModelDefinition, ZModelDefinition } from "../../contract/health.ts";
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

/**
 * Stores the settings given, in one statement, each column kept when left out (null): two admins
 * changing different settings at once both keep their change.
 */
export async function upsertHealthSettings(
  db: Db,
  workspaceId: string,
  set: { sentimentStaleDays: number | null; onboardingDays: number | null },
) {
  const stale = set.sentimentStaleDays;
  const onboarding = set.onboardingDays;
  await db.execute(sql`
      insert into health_settings (workspace_id, sentiment_stale_days, onboarding_days)
      values (${workspaceId}, coalesce(${stale}::int, ${DEFAULT_SENTIMENT_STALE_DAYS}::int),
              coalesce(${onboarding}::int, ${DEFAULT_ONBOARDING_DAYS}::int))
      on conflict (workspace_id) do update set
        sentiment_stale_days = coalesce(${stale}::int, health_settings.sentiment_stale_days),
        onboarding_days = coalesce(${onboarding}::int, health_settings.onboarding_days)`);
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
/** Copies the day's scores onto the accounts; answers the accounts whose band changed. */
export async function refreshAccountHealth(
  db: Db,
  workspaceId: string,
  day: string,
  among?: string[],
): Promise<{ accountId: string; from: HealthBand | null; to: HealthBand | null }[]> {
  const scope = among ? sql`and a.id = any(${sql.param(among)}::uuid[])` : sql``;
  const rows = await queryRows<{ id: string; before: HealthBand | null; after: HealthBand | null }>(
    db,
    sql`
    update accounts a set health_score = h.score, health_band = h.band, health_day = h.day,
      health_change_7d = h.score - w.score, health_note = h.note
    from accounts x
    left join health_scores h on h.workspace_id = x.workspace_id and h.account_id = x.id and h.day = ${day}::date
    left join health_scores w on w.workspace_id = x.workspace_id and w.account_id = x.id and w.day = ${day}::date - 7
    where x.workspace_id = ${workspaceId} and a.workspace_id = x.workspace_id and a.id = x.id ${scope}
      and (a.health_score is distinct from h.score or a.health_band is distinct from h.band
           or a.health_day is distinct from h.day or a.health_change_7d is distinct from h.score - w.score
           or a.health_note is distinct from h.note)
    returning a.id, x.health_band as before, a.health_band as after`,
  );
  return rows
    .filter((r) => r.before !== r.after)
    .map((r) => ({ accountId: r.id, from: r.before, to: r.after }));
}

/** Every workspace's id, in order. Installation-wide: the scheduled recompute scores them all. */
export async function listAllWorkspaceIds(db: Db): Promise<{ id: string }[]> {
  return queryRows<{ id: string }>(db, sql`select id from workspaces order by id`);
}

export type StoredScoreDay = {
  day: string;
  score: number | null;
  band: HealthBand | null;
  note: string | null;
  measures: StoredMeasures;
  model_id: string;
  model_version: number;
};

/** The account's stored scores of the days after `after`, oldest first. */
export async function scoreHistory(
  db: Db,
  workspaceId: string,
  accountId: string,
  after: string,
): Promise<StoredScoreDay[]> {
  return queryRows<StoredScoreDay>(
    db,
    sql`select day::text, score, band, note, measures, model_id, model_version from health_scores
        where workspace_id = ${workspaceId} and account_id = ${accountId} and day > ${after}::date
        order by day`,
  );
}

/** Names and MRR (minor units) of the given accounts, for the model preview to pick and label them. */
export async function accountNamesAndMrr(
  db: Db,
  workspaceId: string,
  accountIds: string[],
): Promise<{ id: string; name: string; mrr: number }[]> {
  return queryRows<{ id: string; name: string; mrr: number }>(
    db,
    sql`select id, name, mrr_minor::float8 as mrr from accounts
        where workspace_id = ${workspaceId} and id = any(${sql.param(accountIds)}::uuid[])`,
  );
}
