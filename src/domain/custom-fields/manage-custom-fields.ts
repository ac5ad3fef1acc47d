import { AppError, notFound } from "../../common/errors.ts";
import type { CustomFieldDef } from "../../contract/workspace.ts";
import { recordAudit } from "../audit/index.ts";
import type { Ctx } from "../context.ts";
import { deleteCustomFieldDef, insertCustomFieldDef, selectCustomFieldDefs } from "./custom-field.queries.ts";
import { validateCustomFields } from "./custom-field.rules.ts";

export const listCustomFields = async (ctx: Ctx, entity?: CustomFieldDef["entity"]) => ({
  data: await selectCustomFieldDefs(ctx.db, ctx.workspaceId, entity),
});

export async function createCustomField(
  ctx: Ctx,
  input: Omit<CustomFieldDef, "options"> & { options?: string[] | null },
): Promise<CustomFieldDef> {
  const def: CustomFieldDef = { ...input, options: input.type === "select" ? (input.options ?? []) : null };
  const inserted = await insertCustomFieldDef(ctx.db, ctx.workspaceId, def);
  if (inserted.length === 0)
    throw new AppError("CONFLICT", `The ${def.entity} field "${def.key}" already exists`);
  return def;
}

export async function deleteCustomField(
  ctx: Ctx,
  entity: CustomFieldDef["entity"],
  key: string,
): Promise<void> {
  const deleted = await deleteCustomFieldDef(ctx.db, ctx.workspaceId, entity, key);
  if (deleted.length === 0) throw notFound("Custom field");
  await recordAudit(ctx, {
    action: "custom_field.delete",
    targetType: "custom_field",
    targetId: `${entity}.${key}`,
  });
}

/** Loads the entity's definitions and refuses values that do not fit them. */
export async function assertCustomFields(
  ctx: Ctx,
  entity: CustomFieldDef["entity"],
  values: Record<string, string | number | boolean | null> | undefined,
): Promise<void> {
  if (!values || Object.keys(values).length === 0) return;
  validateCustomFields(await selectCustomFieldDefs(ctx.db, ctx.workspaceId, entity), values);
}
