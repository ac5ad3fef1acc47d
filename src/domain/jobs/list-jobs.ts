import type { JobListQuery } from "../../contract/index.ts";
import type { Db } from "../../db/index.ts";
import type { Ctx } from "../context.ts";
import { decodeCursorFor } from "../kernel/pagination.queries.ts";
import { jobSortKey, jobTablesExist, selectJobs } from "./job.queries.ts";

/** No job tables, no jobs; a forged cursor is refused all the same, as it is once they exist. */
function empty(query: JobListQuery) {
  if (query.cursor) decodeCursorFor(jobSortKey.type, query.cursor);
  return { data: [], nextCursor: null };
}

/** The workspace's jobs (those whose payload names it), newest first; failed ones by default. */
export async function listJobs(ctx: Ctx, query: JobListQuery) {
  if (!(await jobTablesExist(ctx.db))) return empty(query);
  return selectJobs(ctx.db, ctx.workspaceId, query);
}

/** Every job of the installation, workspace-wide or not (the CLI's view). */
export async function listAllJobs(db: Db, query: JobListQuery) {
  if (!(await jobTablesExist(db))) return empty(query);
  return selectJobs(db, null, query);
}
