import type { JobListQuery } from "../../contract/index.ts";
import type { Db } from "../../db/index.ts";
import type { Ctx } from "../context.ts";
import { jobTablesExist, selectJobs } from "./job.queries.ts";

const empty = { data: [], nextCursor: null };

/** The workspace's jobs (those whose payload names it), newest first; failed ones by default. */
export async function listJobs(ctx: Ctx, query: JobListQuery) {
  if (!(await jobTablesExist(ctx.db))) return empty;
  return selectJobs(ctx.db, ctx.workspaceId, query);
}

/** Every job of the installation, workspace-wide or not (the CLI's view). */
export async function listAllJobs(db: Db, query: JobListQuery) {
  if (!(await jobTablesExist(db))) return empty;
  return selectJobs(db, null, query);
}
