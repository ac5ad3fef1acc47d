import { notFound } from "../../common/errors.ts";
import { UUID_RE } from "../../common/ids.ts";
import type { ImportReport } from "../../contract/imports.ts";
import type { Ctx } from "../context.ts";
import { findImportRun } from "./import.queries.ts";

/** One import run's report (with its listed errors); NOT_FOUND outside this workspace. */
export async function getImport(ctx: Ctx, id: string): Promise<ImportReport> {
  if (!UUID_RE.test(id)) throw notFound("Import");
  const report = await findImportRun(ctx.db, ctx.workspaceId, id);
  if (!report) throw notFound("Import");
  return report as ImportReport;
}
