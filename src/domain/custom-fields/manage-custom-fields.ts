import { AppError, notFound } from "../../common/errors.ts";
import type { CustomFieldDef } from "../../contract/workspace.ts";
import { withTx } from "../../db/transaction.ts";
import { recordAudit } from "../audit/index.ts";
import type { Ctx } from "../context.ts";
import {
  countCustomFieldUse,
  deleteCustomFieldDef,
  insertCustomFieldDef,
  selectCustomFieldDefs,
} from "./custom-field.queries.ts";
import {
  type CustomFieldProblem,
  type CustomValues,
  changedCustomFields,
  customFieldProblems,
  validateCustomFields,
} from "./custom-field.rules.ts";

/**
 * The definitions with how many records use each; asked for one entity (as the edit forms do), the
 * most used come first so a form can show those and fold the rest.
 */
export async function listCustomFields(ctx: Ctx, entity?: CustomFieldDef["entity"]) {
  const defs = await selectCustomFieldDefs(ctx.db, ctx.workspaceId, entity);
  const entities = [...new Set(defs.map((d) => d.entity))];
  const counts = new Map<string, Map<string, number>>();
  for (const e of entities) counts.set(e, await countCustomFieldUse(ctx.db, ctx.workspaceId, e));
  const data = defs.map((d) => ({ ...d, used: counts.get(d.entity)?.get(d.key) ?? 0 }));
  if (entity) data.sort((a, b) => b.used - a.used || a.key.localeCompare(b.key));
  return { data };
}

export async function createCustomField(
  ctx: Ctx,
  input: Omit<CustomFieldDef, "options"> & { options?: string[] | null },
): Promise<CustomFieldDef> {
  const { min, max, integer, ...rest } = input;
  const def: CustomFieldDef = {
    ...rest,
    options: input.type === "select" ? (input.options ?? []) : null,
    ...(input.type === "number" ? numberBoundsOf({ min, max, integer }) : {}),
  };
  return withTx(ctx.db, async (db) => {
    const inserted = await insertCustomFieldDef(db, ctx.workspaceId, def);
    if (inserted.length === 0)
      throw new AppError("CONFLICT", `The ${def.entity} field "${def.key}" already exists`);
    await recordAudit({ ...ctx, db }, customFieldCreated(def));
    return def;
  });
}

const numberBoundsOf = (b: Pick<CustomFieldDef, "min" | "max" | "integer">) => ({
  ...(b.min !== undefined ? { min: b.min } : {}),
  ...(b.max !== undefined ? { max: b.max } : {}),
  ...(b.integer ? { integer: true } : {}),
});

/** The audit row for a new definition, however it was made (settings or an import). */
export const customFieldCreated = (def: CustomFieldDef, details: Record<string, unknown> = {}) => ({
  action: "custom_field.create" as const,
  targetType: "custom_field",
  targetId: `${def.entity}.${def.key}`,
  details: { label: def.label, type: def.type, ...details },
});

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

/**
 * Loads the entity's definitions and refuses values that do not fit them. On update pass the
 * stored values: only the keys the write changes are checked, so a record whose field definition
 * was deleted stays editable as long as that value is sent back unchanged.
 */
export async function assertCustomFields(
  ctx: Ctx,
  entity: CustomFieldDef["entity"],
  values: CustomValues | undefined,
  previous?: CustomValues | null,
): Promise<void> {
  if (!values) return;
  const changed = changedCustomFields(values, previous);
  if (Object.keys(changed).length === 0) return;
  validateCustomFields(await selectCustomFieldDefs(ctx.db, ctx.workspaceId, entity), changed);
}

/**
 * `assertCustomFields` for many rows at once (bulk upserts): the definitions read once, each row's
 * changed values checked, every problem answered with the row's index instead of thrown.
 */
export async function customFieldIssues(
  ctx: Ctx,
  entity: CustomFieldDef["entity"],
  rows: { values: CustomValues | undefined; previous?: CustomValues | null }[],
): Promise<(CustomFieldProblem & { index: number })[]> {
  const changed = rows.map((r) => (r.values ? changedCustomFields(r.values, r.previous) : {}));
  if (changed.every((c) => Object.keys(c).length === 0)) return [];
  const defs = await selectCustomFieldDefs(ctx.db, ctx.workspaceId, entity);
  return changed.flatMap((values, index) => customFieldProblems(defs, values).map((p) => ({ index, ...p })));
}
