import { AppError, notFound } from "../../common/errors.ts";
import { newId } from "../../common/ids.ts";
import {
  type HealthModel,
  type ModelDefinition,
  type ModelVersion,
  ZHealthModelCreate,
  ZHealthModelUpdate,
  ZModelDefinition,
} from "../../contract/health.ts";
import { type Db, withTx } from "../../db/transaction.ts";
import { recordAudit } from "../audit/index.ts";
import { actorUserId, type Ctx } from "../context.ts";
import { DEFAULT_MODELS } from "./default-models.ts";
import {
  deleteDraft,
  findModels,
  findVersions,
  insertModel,
  listWorkspaceIdsWithoutModels,
  lockWorkspaceRow,
  type ModelRow,
  modelCount,
  modelIdNamed,
  publishDraft,
  saveDraft,
  updateModelRow,
  type VersionRow,
} from "./model.queries.ts";
import { recomputeHealth } from "./recompute-health.ts";

const toVersion = (v: VersionRow): ModelVersion => ({
  version: v.version,
  status: v.status,
  definition: ZModelDefinition.parse(v.definition),
  createdAt: v.createdAt.toISOString(),
  createdByName: v.createdByName,
  publishedAt: v.publishedAt?.toISOString() ?? null,
});

function toModel(m: ModelRow, versions: VersionRow[]): HealthModel {
  const mine = versions.filter((v) => v.modelId === m.id);
  const published = mine.find((v) => v.status === "published");
  const draft = mine.find((v) => v.status === "draft");
  return {
    id: m.id,
    name: m.name,
    description: m.description,
    priority: m.priority,
    archived: m.archived,
    published: published ? toVersion(published) : null,
    draft: draft ? toVersion(draft) : null,
    accounts: m.accounts,
    createdAt: m.createdAt.toISOString(),
    updatedAt: m.updatedAt.toISOString(),
  };
}

export async function listHealthModels(ctx: Ctx, includeArchived = false): Promise<HealthModel[]> {
  const models = await findModels(ctx.db, ctx.workspaceId, { includeArchived });
  const versions = await findVersions(
    ctx.db,
    ctx.workspaceId,
    models.map((m) => m.id),
    true,
  );
  return models.map((m) => toModel(m, versions));
}

export async function getHealthModel(ctx: Ctx, id: string): Promise<HealthModel> {
  const [model] = await findModels(ctx.db, ctx.workspaceId, { id });
  if (!model) throw notFound("Health model");
  return toModel(model, await findVersions(ctx.db, ctx.workspaceId, [id], true));
}

export async function listHealthModelVersions(ctx: Ctx, id: string): Promise<ModelVersion[]> {
  await getHealthModel(ctx, id);
  return (await findVersions(ctx.db, ctx.workspaceId, [id], false)).map(toVersion);
}

async function assertNameFree(db: Db, workspaceId: string, name: string, except?: string) {
  const taken = await modelIdNamed(db, workspaceId, name, except);
  if (taken) throw new AppError("CONFLICT", `A health model named "${name}" already exists`);
}

/** A new model; its definition is version 1, a draft until published. */
export async function createHealthModel(ctx: Ctx, input: unknown): Promise<HealthModel> {
  const body = ZHealthModelCreate.parse(input);
  const id = newId();
  await withTx(ctx.db, async (db) => {
    await assertNameFree(db, ctx.workspaceId, body.name);
    await insertModel(db, {
      workspaceId: ctx.workspaceId,
      id,
      name: body.name,
      description: body.description ?? null,
      priority: body.priority ?? 100,
    });
    await saveDraft(db, ctx.workspaceId, id, body.definition, actorUserId(ctx.actor));
    await recordAudit(
      { ...ctx, db },
      {
        action: "health_model.create",
        targetType: "health_model",
        targetId: id,
        details: { name: body.name },
      },
    );
  });
  return getHealthModel(ctx, id);
}

/**
 * Renames, reprioritizes, archives or restores a model, or saves its draft. Archiving or a new
 * priority changes which model scores which account, so scores are recomputed then.
 */
export async function updateHealthModel(ctx: Ctx, id: string, input: unknown): Promise<HealthModel> {
  const body = ZHealthModelUpdate.parse(input);
  await withTx(ctx.db, async (db) => {
    if (body.name) await assertNameFree(db, ctx.workspaceId, body.name, id);
    const found = await updateModelRow(db, ctx.workspaceId, id, body);
    if (!found) throw notFound("Health model");
    if (body.definition) await saveDraft(db, ctx.workspaceId, id, body.definition, actorUserId(ctx.actor));
    await recordAudit(
      { ...ctx, db },
      {
        action: "health_model.update",
        targetType: "health_model",
        targetId: id,
        details: { ...body, definition: body.definition ? "draft saved" : undefined },
      },
    );
  });
  if (body.archived !== undefined || body.priority !== undefined)
    await recomputeHealth(ctx.db, ctx.workspaceId);
  return getHealthModel(ctx, id);
}

/** The draft becomes the published version (the previous one is retired); scores are recomputed. */
export async function publishHealthModel(ctx: Ctx, id: string): Promise<HealthModel> {
  await withTx(ctx.db, async (db) => {
    const [model] = await findModels(db, ctx.workspaceId, { id });
    if (!model) throw notFound("Health model");
    if (!(await publishDraft(db, ctx.workspaceId, id))) {
      throw new AppError("CONFLICT", "The model has no draft to publish; save a draft first");
    }
    await recordAudit(
      { ...ctx, db },
      { action: "health_model.publish", targetType: "health_model", targetId: id },
    );
  });
  await recomputeHealth(ctx.db, ctx.workspaceId);
  return getHealthModel(ctx, id);
}

export async function discardHealthModelDraft(ctx: Ctx, id: string): Promise<HealthModel> {
  await withTx(ctx.db, async (db) => {
    const [model] = await findModels(db, ctx.workspaceId, { id });
    if (!model) throw notFound("Health model");
    if (!(await deleteDraft(db, ctx.workspaceId, id)))
      throw new AppError("NOT_FOUND", "The model has no draft");
    await recordAudit(
      { ...ctx, db },
      { action: "health_model.discard_draft", targetType: "health_model", targetId: id },
    );
  });
  return getHealthModel(ctx, id);
}

/**
 * Gives a workspace without any health model the two default ones, published. Idempotent: a
 * workspace that has models (even archived ones) is left alone.
 */
export async function installDefaultModels(db: Db, workspaceId: string): Promise<number> {
  return withTx(db, async (tx) => {
    // Serializes two installers of one workspace (a server start and a workspace creation).
    await lockWorkspaceRow(tx, workspaceId);
    if ((await modelCount(tx, workspaceId)) > 0) return 0;
    for (const m of DEFAULT_MODELS) {
      const id = newId();
      const definition: ModelDefinition = ZModelDefinition.parse(m.definition);
      await insertModel(tx, {
        workspaceId,
        id,
        name: m.name,
        description: m.description,
        priority: m.priority,
      });
      await saveDraft(tx, workspaceId, id, definition, null);
      await publishDraft(tx, workspaceId, id);
    }
    return DEFAULT_MODELS.length;
  });
}

/**
 * Default models, and today's scores with them, for every workspace that has no model
 * (workspaces made before health models existed).
 */
export async function installMissingDefaultModels(db: Db): Promise<number> {
  const rows = await listWorkspaceIdsWithoutModels(db);
  for (const w of rows) {
    await installDefaultModels(db, w.id);
    await recomputeHealth(db, w.id);
  }
  return rows.length;
}
