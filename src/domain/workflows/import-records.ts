import type { ImportEntity, ImportReport } from "../../contract/imports.ts";
import type { Ctx } from "../context.ts";
import { type ImportRequestInput, runImport } from "../imports/index.ts";

/**
 * Imports a CSV file (or checks it, on a dry run) the same way from the API, the web wizard and
 * `steward import`. A committed import is published as `import.committed`, on which health
 * rescoring rescores every customer (before an API request answers, before a CLI command exits).
 */
export async function importRecords(
  ctx: Ctx,
  entity: ImportEntity,
  request: ImportRequestInput,
): Promise<ImportReport> {
  return runImport(ctx, entity, request);
}
