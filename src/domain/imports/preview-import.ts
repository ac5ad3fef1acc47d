import type { z } from "zod";
import type { ImportEntity, ZImportPreview } from "../../contract/imports.ts";
import { workspaceStages } from "../accounts/index.ts";
import type { Ctx } from "../context.ts";
import { selectCustomFieldDefs } from "../custom-fields/index.ts";
import { parseCsv } from "./csv.rules.ts";
import { selectMappings } from "./import.queries.ts";
import { REQUIRED } from "./mapping.rules.ts";
import { parseEntity } from "./run-import.ts";
import { CUSTOM_ENTITY, suggestMapping, targetViews } from "./targets.rules.ts";

export type ImportPreview = z.infer<typeof ZImportPreview>;

const SAMPLE_ROWS = 10;
const DISTINCT_VALUES = 50;

/** Each column's distinct non-empty values with their row counts, most frequent first. */
export function columnValues(headers: string[], rows: string[][]): ImportPreview["columnValues"] {
  return headers.map((_, col) => {
    const counts = new Map<string, number>();
    for (const r of rows) {
      const v = (r[col] ?? "").trim();
      if (v !== "") counts.set(v, (counts.get(v) ?? 0) + 1);
    }
    const sorted = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    return {
      values: sorted.slice(0, DISTINCT_VALUES).map(([value, n]) => ({ value, rows: n })),
      more: sorted.length > DISTINCT_VALUES,
    };
  });
}

/**
 * Reads a CSV's headers and first rows, and offers targets, what must be filled, each column's
 * values, a suggested mapping and saved mappings.
 */
export async function previewImport(ctx: Ctx, entity: ImportEntity, csv: string): Promise<ImportPreview> {
  const target = parseEntity(entity);
  const file = parseCsv(csv);
  const fieldEntity = CUSTOM_ENTITY[target];
  const defs = fieldEntity ? await selectCustomFieldDefs(ctx.db, ctx.workspaceId, fieldEntity) : [];
  return {
    headers: file.headers,
    sampleRows: file.rows.slice(0, SAMPLE_ROWS).map((r) => file.headers.map((_, i) => r[i] ?? "")),
    rowCount: file.rows.length,
    targets: targetViews(target, defs, target === "accounts" ? await workspaceStages(ctx) : []),
    suggestedMapping: suggestMapping(target, file.headers),
    savedMappings: await selectMappings(ctx.db, ctx.workspaceId, target),
    required: REQUIRED[target].map((r) => ({ fields: r.fields })),
    columnValues: columnValues(file.headers, file.rows),
  };
}
