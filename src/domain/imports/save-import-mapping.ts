import { z } from "zod";
import { AppError } from "../../common/errors.ts";
import { type ImportEntity, type ImportMapping, ZImportMapping } from "../../contract/imports.ts";
import type { Ctx } from "../context.ts";
import { upsertMapping } from "./import.queries.ts";
import { assertMappingTargets } from "./mapping.rules.ts";
import { parseEntity } from "./run-import.ts";

const ZName = z.string().trim().min(1, "is required").max(100);

/** Saves (or replaces) a named column mapping for the entity in this workspace. */
export async function saveImportMapping(
  ctx: Ctx,
  entity: ImportEntity,
  name: string,
  mapping: ImportMapping,
): Promise<{ name: string; mapping: ImportMapping }> {
  const target = parseEntity(entity);
  const n = ZName.safeParse(name);
  if (!n.success) throw new AppError("VALIDATION_FAILED", "A mapping name is 1 to 100 characters");
  const m = ZImportMapping.safeParse(mapping);
  if (!m.success) throw new AppError("VALIDATION_FAILED", `Invalid mapping: ${z.prettifyError(m.error)}`);
  assertMappingTargets(target, m.data);
  await upsertMapping(ctx.db, ctx.workspaceId, target, n.data, m.data);
  return { name: n.data, mapping: m.data };
}
