import { AppError } from "../../common/errors.ts";
import { newId } from "../../common/ids.ts";
import {
  type ImportEntity,
  type ImportMapping,
  type ImportRowError,
  ZImportMapping,
} from "../../contract/imports.ts";
import type { Db } from "../../db/index.ts";
import { workspaceStages } from "../accounts/index.ts";
import type { Ctx } from "../context.ts";
import { selectCustomFieldDefs } from "../custom-fields/index.ts";
import type { RowIssue } from "../kernel/bulk.rules.ts";
import type { ParsedCsv } from "./csv.rules.ts";
import { checkEntityRows, type Outcome } from "./entity-writes.ts";
import { findMapping, loadLookups } from "./import.queries.ts";
import { compilePlan, type Plan } from "./mapping.rules.ts";
import { collectRefs, flagDuplicates, resolveRows, type WriteRow } from "./resolve.rules.ts";
import { type AnyRow, fieldOfPath, readRows } from "./rows.rules.ts";
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
  /** What the entity's upsert would do to each of `rows`. */
  outcomes: Outcome[];
  errors: ImportRowError[];
  warnings: string[];
  unknownIds: number;
};

/**
 * Validates every row of the file against the mapping and the workspace's data, without
 * writing: coercion, required fields, the contract's rules, duplicates and references, then the
 * entity's own checks (the same as its bulk upsert's) with each problem at its row and column.
 */
export async function evaluateImport(
  ctx: Ctx,
  entity: RecordEntity,
  file: ParsedCsv,
  mapping: ImportMapping,
): Promise<Evaluation> {
  const defs = await selectCustomFieldDefs(ctx.db, ctx.workspaceId, exportFieldEntity(entity));
  const stages = entity === "accounts" ? await workspaceStages(ctx) : [];
  const plan = compilePlan(entity, file.headers, file.rows, mapping, defs, stages);
  const errors: ImportRowError[] = [];
  const sink = (e: ImportRowError) => {
    errors.push(e);
  };
  const columnOf = (field: string) => plan.fields.get(field)?.header ?? null;
  const read = readRows(plan, file.rows, file.headers.length, sink).filter((r): r is AnyRow => r !== null);
  const duplicates = flagDuplicates(read, sink, columnOf);
  const unique = read.filter((r) => !duplicates.has(r.row));
  const lookups = await loadLookups(ctx.db, ctx.workspaceId, entity, collectRefs(entity, unique));
  const resolved = resolveRows(entity, unique, lookups, sink, {
    newId,
    has: (f) => plan.fields.has(f),
    columnOf,
  });
  // Fields the commit defines first are not defined yet: the entity checks the others.
  const newKeys = plan.custom.filter((c) => c.isNew).map((c) => c.key);
  const checked = await checkEntityRows(
    ctx,
    entity,
    resolved.rows.map((r) => withoutKeys(r, newKeys)),
  );
  const refused = new Set<number>();
  for (const issue of checked.issues) {
    const r = resolved.rows[issue.index];
    if (!r) continue;
    refused.add(issue.index);
    sink(entityError(plan, file, r.row, issue));
  }
  const warnings = [...plan.warnings];
  if (
    entity === "subscriptions" &&
    plan.fields.has("arr") &&
    (plan.fields.has("mrr") || plan.fields.has("mrrMinor"))
  ) {
    warnings.push("Both an MRR and an ARR column are mapped: ARR is used only where the MRR cell is empty.");
  }
  return {
    plan,
    rows: resolved.rows.filter((_, i) => !refused.has(i)),
    outcomes: checked.outcomes.filter((_, i) => !refused.has(i)),
    errors,
    warnings,
    unknownIds: resolved.unknownIds,
  };
}

function withoutKeys(r: WriteRow, keys: string[]): WriteRow {
  const custom = r.input.customFields;
  if (!custom || keys.length === 0) return r;
  const kept = Object.fromEntries(Object.entries(custom).filter(([k]) => !keys.includes(k)));
  return { ...r, input: { ...r.input, customFields: kept } } as WriteRow;
}

/** The file's field for an entity input's path: references are given by external id or email. */
function fieldOfIssue(plan: Plan, path: string): string {
  if (path === "parentId") return "parentExternalId";
  if (path === "ownerId") return "ownerEmail";
  if (path === "accountId") return plan.fields.has("accountExternalId") ? "accountExternalId" : "accountId";
  return fieldOfPath(plan, path);
}

/** An entity's refusal of a row as the import reports it: its row, column, cell and the API's message. */
export function entityError(plan: Plan, file: ParsedCsv, row: number, issue: RowIssue): ImportRowError {
  const field = fieldOfIssue(plan, issue.path);
  const slot = field.startsWith("custom:")
    ? plan.custom.find((c) => `custom:${c.key}` === field)
    : plan.fields.get(field);
  const col = slot?.col ?? null;
  return {
    row,
    column: slot?.header ?? null,
    field,
    value: col === null ? null : (file.rows[row - 1]?.[col] ?? null),
    code: issue.code,
    message: `${field} ${issue.message}`,
  };
}
