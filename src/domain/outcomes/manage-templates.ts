import { AppError, notFound } from "../../common/errors.ts";
import { newId } from "../../common/ids.ts";
import type { OutcomeTemplate } from "../../contract/outcomes.ts";
import { withTx } from "../../db/transaction.ts";
import type { Ctx } from "../context.ts";
import { isUniqueViolation } from "../kernel/index.ts";
import {
  deleteTemplateRow,
  findTemplate,
  insertTemplates,
  listTemplates,
  type TemplateRow,
  updateTemplateRow,
} from "./outcome.queries.ts";
import { DEFAULT_OUTCOME_TEMPLATES } from "./outcome.rules.ts";

type TemplateFields = Omit<OutcomeTemplate, "id" | "createdAt">;

const toTemplate = (r: TemplateRow): OutcomeTemplate => ({
  id: r.id,
  kind: r.kind as OutcomeTemplate["kind"],
  title: r.title,
  measure: r.measure,
  unit: r.unit,
  description: r.description,
  createdAt: r.createdAt.toISOString(),
});

const duplicate = (title: string) =>
  new AppError("CONFLICT", `The library already has "${title}" of that kind`, {
    issues: [{ path: "title", message: "is already in the library for that kind" }],
  });

export async function findOutcomeTemplates(ctx: Ctx, kinds?: string[]) {
  return { data: (await listTemplates(ctx.db, ctx.workspaceId, kinds)).map(toTemplate) };
}

/** A new workspace's starting library (provisioning). */
export async function addDefaultOutcomeTemplates(ctx: Ctx): Promise<void> {
  await insertTemplates(
    ctx.db,
    DEFAULT_OUTCOME_TEMPLATES.map((t) => ({ ...t, workspaceId: ctx.workspaceId, id: newId() })),
  );
}

export async function createOutcomeTemplate(
  ctx: Ctx,
  input: Pick<TemplateFields, "kind" | "title"> & Partial<TemplateFields>,
): Promise<OutcomeTemplate> {
  const id = newId();
  const inserted = await insertTemplates(ctx.db, [
    {
      workspaceId: ctx.workspaceId,
      id,
      kind: input.kind,
      title: input.title,
      measure: input.measure ?? null,
      unit: input.unit ?? null,
      description: input.description ?? null,
    },
  ]);
  if (inserted.length === 0) throw duplicate(input.title);
  const row = await findTemplate(ctx.db, ctx.workspaceId, id);
  if (!row) throw notFound("Template");
  return toTemplate(row);
}

export async function updateOutcomeTemplate(
  ctx: Ctx,
  id: string,
  patch: Partial<TemplateFields>,
): Promise<OutcomeTemplate> {
  if (Object.keys(patch).length === 0) {
    const row = await findTemplate(ctx.db, ctx.workspaceId, id);
    if (!row) throw notFound("Template");
    return toTemplate(row);
  }
  try {
    // A savepoint: a title taken by another template fails this statement only.
    const updated = await withTx(ctx.db, (db) => updateTemplateRow(db, ctx.workspaceId, id, patch));
    if (updated.length === 0) throw notFound("Template");
  } catch (e) {
    if (isUniqueViolation(e)) throw duplicate(patch.title ?? "that title");
    throw e;
  }
  const row = await findTemplate(ctx.db, ctx.workspaceId, id);
  if (!row) throw notFound("Template");
  return toTemplate(row);
}

export async function deleteOutcomeTemplate(ctx: Ctx, id: string): Promise<void> {
  if (!(await deleteTemplateRow(ctx.db, ctx.workspaceId, id))) throw notFound("Template");
}
