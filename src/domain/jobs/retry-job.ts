import { AppError, notFound } from "../../common/errors.ts";
import { UUID_RE } from "../../common/ids.ts";
import type { Job } from "../../contract/index.ts";
import type { Db } from "../../db/index.ts";
import type { Ctx } from "../context.ts";
import { FAILED_JOBS_KEPT_DAYS, jobTablesExist, requeueFailedJob, selectJob } from "./job.queries.ts";

/**
 * Gives a failed (dead) job of the workspace one more run; a running worker picks it up within
 * seconds. A job of another workspace, or an installation-wide one, is not found.
 */
export const retryJob = (ctx: Ctx, id: string): Promise<Job> => retry(ctx.db, ctx.workspaceId, id);

/** The same for any job of the installation (the CLI's view). */
export const retryAnyJob = (db: Db, id: string): Promise<Job> => retry(db, null, id);

/** Only a failed job can be retried: anything else is still going, done, or archived. */
async function retry(db: Db, workspaceId: string | null, id: string): Promise<Job> {
  if (!UUID_RE.test(id)) throw new AppError("VALIDATION_FAILED", `"${id}" is not a job id (a UUID)`);
  if (!(await jobTablesExist(db))) throw notFound(`Job ${id}`);
  const requeued = await requeueFailedJob(db, workspaceId, id);
  const job = await selectJob(db, workspaceId, id);
  if (!job) throw notFound(`Job ${id}`);
  if (requeued) return job;
  if (job.archived) {
    throw new AppError(
      "CONFLICT",
      `Job ${id} failed more than ${FAILED_JOBS_KEPT_DAYS} days ago and was archived: it can no longer be retried`,
    );
  }
  throw new AppError("CONFLICT", `Job ${id} is ${job.state}: only failed jobs can be retried`);
}
