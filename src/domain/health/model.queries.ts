import { sql } from "drizzle-orm";
import type { ModelDefinition } from "../../contract/health.ts";
import type { Db } from "../../db/index.ts";
import { queryRows } from "../../db/index.ts";

export type ModelRow = {
  id: string;
  name: string;
  description: string | null;
  priority: number;
  archived: boolean;
  createdAt: Date;
  updatedAt: Date;
  accounts: number;
};

export type VersionRow = {
  modelId: string;
  version: number;
  status: "draft" | "published" | "retired";
  definition: unknown;
  createdAt: Date;
  createdByName: string | null;
  publishedAt: Date | null;
};

const ts = (v: unknown) => (v instanceof Date ? v : new Date(String(v)));

/** Models of the workspace (or one), with how many accounts each scores on its latest scored day. */
export async function findModels(
  db: Db,
  workspaceId: string,
  options: { id?: string; includeArchived?: boolean } = {},
): Promise<ModelRow[]> {
  const rows = await queryRows<ModelRow>(
    db,
    sql`select m.id, m.name, m.description, m.priority, m.archived, m.created_at as "createdAt",
          m.updated_at as "updatedAt",
          (select count(*)::int from health_scores h
            where h.workspace_id = m.workspace_id and h.model_id = m.id
              and h.day = (select max(day) from health_scores x where x.workspace_id = m.workspace_id)) as accounts
        from health_models m
        where m.workspace_id = ${workspaceId}
          ${options.id ? sql`and m.id = ${options.id}` : sql``}
          ${options.includeArchived || options.id ? sql`` : sql`and not m.archived`}
        order by m.priority, lower(m.name), m.id`,
  );
  return rows.map((r) => ({ ...r, createdAt: ts(r.createdAt), updatedAt: ts(r.updatedAt) }));
}

/** Versions of the given models; `current` only the draft and published ones. */
export async function findVersions(
  db: Db,
  workspaceId: string,
  modelIds: string[],
  current: boolean,
): Promise<VersionRow[]> {
  if (modelIds.length === 0) return [];
  const rows = await queryRows<VersionRow>(
    db,
    sql`select v.model_id as "modelId", v.version, v.status, v.definition, v.created_at as "createdAt",
          u.name as "createdByName", v.published_at as "publishedAt"
        from health_model_versions v left join users u on u.id = v.created_by
        where v.workspace_id = ${workspaceId} and v.model_id = any(${sql.param(modelIds)}::uuid[])
          ${current ? sql`and v.status in ('draft', 'published')` : sql``}
        order by v.model_id, v.version desc`,
  );
  return rows.map((r) => ({
    ...r,
    createdAt: ts(r.createdAt),
    publishedAt: r.publishedAt === null ? null : ts(r.publishedAt),
  }));
}

export async function insertModel(
  db: Db,
  row: { workspaceId: string; id: string; name: string; description: string | null; priority: number },
) {
  await db.execute(sql`
    insert into health_models (workspace_id, id, name, description, priority)
    values (${row.workspaceId}, ${row.id}, ${row.name}, ${row.description}, ${row.priority})`);
}

export async function updateModelRow(
  db: Db,
  workspaceId: string,
  id: string,
  set: { name?: string; description?: string | null; priority?: number; archived?: boolean },
): Promise<boolean> {
  const rows = await queryRows<{ id: string }>(
    db,
    sql`update health_models set
          name = coalesce(${set.name ?? null}, name),
          description = case when ${set.description !== undefined} then ${set.description ?? null} else description end,
          priority = coalesce(${set.priority ?? null}::int, priority),
          archived = coalesce(${set.archived ?? null}::boolean, archived),
          updated_at = now()
        where workspace_id = ${workspaceId} and id = ${id}
        returning id`,
  );
  return rows.length > 0;
}

/** Saves the draft: replaces the one there is, or starts the next version number. */
export async function saveDraft(
  db: Db,
  workspaceId: string,
  modelId: string,
  definition: ModelDefinition,
  createdBy: string | null,
) {
  await db.execute(sql`
    with replaced as (
      update health_model_versions set definition = ${JSON.stringify(definition)}::jsonb,
        created_by = ${createdBy}, created_at = now()
      where workspace_id = ${workspaceId} and model_id = ${modelId} and status = 'draft'
      returning 1
    )
    insert into health_model_versions (workspace_id, model_id, version, status, definition, created_by)
    select ${workspaceId}, ${modelId},
      coalesce((select max(version) from health_model_versions where workspace_id = ${workspaceId} and model_id = ${modelId}), 0) + 1,
      'draft', ${JSON.stringify(definition)}::jsonb, ${createdBy}
    where not exists (select 1 from replaced)`);
}

/** Makes the draft the published version and retires the one it replaces; false without a draft. */
export async function publishDraft(db: Db, workspaceId: string, modelId: string): Promise<boolean> {
  const [draft] = await queryRows<{ version: number }>(
    db,
    sql`select version from health_model_versions
        where workspace_id = ${workspaceId} and model_id = ${modelId} and status = 'draft' for update`,
  );
  if (!draft) return false;
  await db.execute(sql`update health_model_versions set status = 'retired'
    where workspace_id = ${workspaceId} and model_id = ${modelId} and status = 'published'`);
  await db.execute(sql`update health_model_versions set status = 'published', published_at = now()
    where workspace_id = ${workspaceId} and model_id = ${modelId} and version = ${draft.version}`);
  await db.execute(
    sql`update health_models set updated_at = now() where workspace_id = ${workspaceId} and id = ${modelId}`,
  );
  return true;
}

export async function deleteDraft(db: Db, workspaceId: string, modelId: string): Promise<boolean> {
  const rows = await queryRows<{ version: number }>(
    db,
    sql`delete from health_model_versions
        where workspace_id = ${workspaceId} and model_id = ${modelId} and status = 'draft' returning version`,
  );
  return rows.length > 0;
}

export async function modelCount(db: Db, workspaceId: string): Promise<number> {
  const [row] = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from health_models where workspace_id = ${workspaceId}`,
  );
  return row?.n ?? 0;
}

/** The id of the workspace's model with this name (case-insensitive), `except` one. */
export async function modelIdNamed(
  db: Db,
  workspaceId: string,
  name: string,
  except?: string,
): Promise<string | undefined> {
  const [taken] = await queryRows<{ id: string }>(
    db,
    sql`select id from health_models where workspace_id = ${workspaceId} and lower(name) = lower(${name})
          ${except ? sql`and id <> ${except}` : sql``}`,
  );
  return taken?.id;
}

/** Locks the workspace's row until the transaction ends: serializes installers of its default models. */
export async function lockWorkspaceRow(db: Db, workspaceId: string) {
  await db.execute(sql`select id from workspaces where id = ${workspaceId} for update`);
}

/**
 * Workspaces that have no health model. Installation-wide: it finds the workspaces made before
 * health models existed, to give them the defaults.
 */
export async function listWorkspaceIdsWithoutModels(db: Db): Promise<{ id: string }[]> {
  return queryRows<{ id: string }>(
    db,
    sql`select w.id from workspaces w where not exists (select 1 from health_models m where m.workspace_id = w.id)`,
  );
}

/** The model's name and the definition of one of its versions. */
export async function modelVersionDefinition(
  db: Db,
  workspaceId: string,
  modelId: string,
  version: number,
): Promise<{ name: string; definition: unknown } | undefined> {
  const [model] = await queryRows<{ name: string; definition: unknown }>(
    db,
    sql`select m.name, v.definition from health_models m
        join health_model_versions v on v.workspace_id = m.workspace_id and v.model_id = m.id and v.version = ${version}
        where m.workspace_id = ${workspaceId} and m.id = ${modelId}`,
  );
  return model;
}

/** The backtested version of the model and its published one (the same row when it is the published one). */
export async function backtestedVersions(
  db: Db,
  workspaceId: string,
  modelId: string,
  version: number,
): Promise<{ version: number; status: string; definition: unknown }[]> {
  return queryRows<{ version: number; status: string; definition: unknown }>(
    db,
    sql`select version, status, definition from health_model_versions
        where workspace_id = ${workspaceId} and model_id = ${modelId}
          and (version = ${version} or status = 'published')`,
  );
}
