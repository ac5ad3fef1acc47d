import { AppError } from "../../common/errors.ts";
import { newId } from "../../common/ids.ts";
import {
  type ImportEntity,
  type ImportMapping,
  type ImportRowError,
  ZImportMapping,
} from "../../contract/imports.ts";
import type { Db } from "../../db/index.ts";
import { selectCustomFieldDefs } from "../custom-fields/index.ts";
import type { ParsedCsv } from "./csv.rules.ts";
import { findMapping, loadLookups } from "./import.queries.ts";
import { compilePlan, type Plan } from "./mapping.rules.ts";
import { collectRefs, flagDuplicates, resolveRows, type WriteRow } from "./resolve.rules.ts";
import { type AnyRow, readRows } from "./rows.rules.ts";
import { exportFieldEntity, type RecordEntity, suggestMapping } from "./targets.rules.ts";

export type MappingChoice = { mapping?: ImportMapping; mappingName?: string };

/** The mapping a run uses: the one given, else the saved one named, else the suggestion. */
export async function chooseMapping(
  db: Db,
  workspaceId: string,
  entity: ImportEntity,
  choice: MappingChoice,
  headers: string[],
): Promise<{ mapping: ImportMapping; warnings: string[] }> {
  if (choice.mapping) {
    const warnings = choice.mappingName
      ? [`A mapping was given, so the saved mapping "${choice.mappingName}" was not used.`]
      : [];
    return { mapping: choice.mapping, warnings };
  }
  if (choice.mappingName) {
    const saved = await findMapping(db, workspaceId, entity, choice.mappingName);
    if (!saved) {
      throw new AppError(
        "NOT_FOUND",
        `No saved ${entity} mapping is named "${choice.mappingName}"; save one first or send the mapping itself`,
      );
    }
    const parsed = ZImportMapping.safeParse(saved);
    if (!parsed.success) {
      throw new AppError(
        "VALIDATION_FAILED",
        `The saved mapping "${choice.mappingName}" is no longer valid; save it again`,
      );
    }
    return { mapping: parsed.data, warnings: [] };
  }
  return {
    mapping: suggestMapping(entity, headers),
    warnings: ["No mapping was given: columns were matched to fields by their names (see the preview)."],
  };
}

export type Evaluation = {
  plan: Plan;
  rows: WriteRow[];
  errors: ImportRowError[];
  warnings: string[];
  unknownIds: number;
};

/**
 * Validates every row of the file against the mapping and the workspace's data, without
 * writing: coercion, required fields, the API's own rules, duplicates and references.
 */
export async function evaluateImport(
  db: Db,
  workspaceId: string,
  entity: RecordEntity,
  file: ParsedCsv,
  mapping: ImportMapping,
  today: string,
): Promise<Evaluation> {
  const defs = await selectCustomFieldDefs(db, workspaceId, exportFieldEntity(entity));
  const plan = compilePlan(entity, file.headers, file.rows, mapping, defs);
  const errors: ImportRowError[] = [];
  const sink = (e: ImportRowError) => {
    errors.push(e);
  };
  const columnOf = (field: string) => plan.fields.get(field)?.header ?? null;
  const read = readRows(plan, file.rows, file.headers.length, today, sink).filter(
    (r): r is AnyRow => r !== null,
  );
  const duplicates = flagDuplicates(read, sink, columnOf);
  const unique = read.filter((r) => !duplicates.has(r.row));
  const lookups = await loadLookups(db, workspaceId, entity, collectRefs(entity, unique));
  const resolved = resolveRows(entity, unique, lookups, sink, {
    newId,
    parentMapped: plan.fields.has("parentExternalId"),
    columnOf,
  });
  const warnings = [...plan.warnings];
  if (
    entity === "subscriptions" &&
    plan.fields.has("arr") &&
    (plan.fields.has("mrr") || plan.fields.has("mrrMinor"))
  ) {
    warnings.push("Both an MRR and an ARR column are mapped: ARR is used only where the MRR cell is empty.");
  }
  return { plan, rows: resolved.rows, errors, warnings, unknownIds: resolved.unknownIds };
}
