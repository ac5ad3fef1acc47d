import { notFound } from "../../common/errors.ts";
import { newId } from "../../common/ids.ts";
import type { PlanTemplate, PlanTemplateCreate, PlanTemplateUpdate } from "../../contract/plans.ts";
import type { Ctx } from "../context.ts";
import {
  deleteTemplateRow,
  findTemplateRow,
  insertTemplates,
  listTemplateRows,
  updateTemplateRow,
} from "./plan.queries.ts";
import { DEFAULT_PLAN_TEMPLATES, toPlanTemplate } from "./plan.rules.ts";

export async function listPlanTemplates(ctx: Ctx): Promise<{ data: PlanTemplate[] }> {
  return { data: (await listTemplateRows(ctx.db, ctx.workspaceId)).map(toPlanTemplate) };
}

/** A new workspace's starting templates (provisioning). */
export async function addDefaultPlanTemplates(ctx: Ctx): Promise<void> {
  await insertTemplates(
    ctx.db,
    DEFAULT_PLAN_TEMPLATES.map((t) => ({ ...t, workspaceId: ctx.workspaceId, id: newId() })),
  );
}

export async function createPlanTemplate(ctx: Ctx, input: PlanTemplateCreate): Promise<PlanTemplate> {
  const id = newId();
  await insertTemplates(ctx.db, [
    {
      workspaceId: ctx.workspaceId,
      id,
      name: input.name,
      description: input.description ?? null,
      objectives: input.objectives,
    },
  ]);
  const row = await findTemplateRow(ctx.db, ctx.workspaceId, id);
  if (!row) throw notFound("Plan template");
  return toPlanTemplate(row);
}

export async function updatePlanTemplate(
  ctx: Ctx,
  id: string,
  patch: PlanTemplateUpdate,
): Promise<PlanTemplate> {
  if (!(await findTemplateRow(ctx.db, ctx.workspaceId, id))) throw notFound("Plan template");
  const fields = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
  if (Object.keys(fields).length > 0) await updateTemplateRow(ctx.db, ctx.workspaceId, id, fields);
  const row = await findTemplateRow(ctx.db, ctx.workspaceId, id);
  if (!row) throw notFound("Plan template");
  return toPlanTemplate(row);
}

export async function deletePlanTemplate(ctx: Ctx, id: string): Promise<void> {
  if (!(await deleteTemplateRow(ctx.db, ctx.workspaceId, id))) throw notFound("Plan template");
}
