import type { ImportReport } from "../../contract/imports.ts";
import type { Ctx } from "../context.ts";
import { pageImportRuns } from "./import.queries.ts";

export type ImportSummary = Omit<ImportReport, "errors">;

/** Earlier imports and dry runs, newest first, without their error lists. */
export async function listImports(
  ctx: Ctx,
  query: { limit: number; cursor?: string; entity?: string[]; sort?: { desc: boolean } },
): Promise<{ data: ImportSummary[]; nextCursor: string | null }> {
  const page = await pageImportRuns(ctx.db, ctx.workspaceId, query);
  return { data: page.data.map((r) => r.report as ImportSummary), nextCursor: page.nextCursor };
}
