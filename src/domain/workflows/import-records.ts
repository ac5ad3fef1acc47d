import type { ImportEntity, ImportReport } from "../../contract/imports.ts";
import type { Ctx } from "../context.ts";
import { type ImportRequestInput, runImport } from "../imports/index.ts";
import { rescoreWorkspace } from "./rescore.ts";

/**
 * Imports a CSV file (or checks it, on a dry run) the same way from the API, the web wizard and
 * `steward import`. Committed records change what health reads, so every customer is rescored
 * before the answer; usage reaches scores through the hourly recompute, like ingested usage.
 */
export async function importRecords(
  ctx: Ctx,
  entity: ImportEntity,
  request: ImportRequestInput,
): Promise<ImportReport> {
  const report = await runImport(ctx, entity, request);
  if (report.status === "committed" && report.entity !== "usage") await rescoreWorkspace(ctx);
  return report;
}
