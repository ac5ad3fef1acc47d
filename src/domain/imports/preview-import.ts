import type { z } from "zod";
import type { ImportEntity, ZImportPreview } from "../../contract/imports.ts";
import type { Ctx } from "../context.ts";
import { selectCustomFieldDefs } from "../custom-fields/index.ts";
import { parseCsv } from "./csv.rules.ts";
import { selectMappings } from "./import.queries.ts";
import { parseEntity } from "./run-import.ts";
import { CUSTOM_ENTITY, suggestMapping, targetViews } from "./targets.rules.ts";

export type ImportPreview = z.infer<typeof ZImportPreview>;

const SAMPLE_ROWS = 10;

/** Reads a CSV's headers and first rows, and offers targets, a suggested mapping and saved mappings. */
export async function previewImport(ctx: Ctx, entity: ImportEntity, csv: string): Promise<ImportPreview> {
  const target = parseEntity(entity);
  const file = parseCsv(csv);
  const fieldEntity = CUSTOM_ENTITY[target];
  const defs = fieldEntity ? await selectCustomFieldDefs(ctx.db, ctx.workspaceId, fieldEntity) : [];
  return {
    headers: file.headers,
    sampleRows: file.rows.slice(0, SAMPLE_ROWS).map((r) => file.headers.map((_, i) => r[i] ?? "")),
    rowCount: file.rows.length,
    targets: targetViews(target, defs),
    suggestedMapping: suggestMapping(target, file.headers),
    savedMappings: await selectMappings(ctx.db, ctx.workspaceId, target),
  };
}
