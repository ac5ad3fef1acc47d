import { AppError, notFound } from "../../common/errors.ts";
import { UUID_RE } from "../../common/ids.ts";
import type { Job } from "../../contract/index.ts";
import type { Db } from "../../db/index.ts";
import { FAILED_JOBS_KEPT_DAYS, jobTablesExist, selectJob } from "./job.queries.ts";
import { notFailedReason } from "./job.rules.ts";

/** A change to a failed job; answers whether it found one to change. */
export type FailedJobChange = (db: Db, workspaceId: string | null, id: string) => Promise<boolean>;

/**
 * Changes a failed job of the workspace (null: of the installation) and answers it as it now is.
 * A job of another workspace, or an installation-wide one for a workspace, is not found; one that
 * is not failed (waiting, running, done, discarded, archived) is a conflict that says which.
 */
export async function changeFailedJob(
  db: Db,
  workspaceId: string | null,
  id: string,
  change: FailedJobChange,
  verb: "retried" | "discarded",
): Promise<Job> {
  if (!UUID_RE.test(id)) throw new AppError("VALIDATION_FAILED", `"${id}" is not a job id (a UUID)`);
  if (!(await jobTablesExist(db))) throw notFound(`Job ${id}`);
  const changed = await change(db, workspaceId, id);
  const job = await selectJob(db, workspaceId, id);
  if (!job) throw notFound(`Job ${id}`);
  if (changed) return job;
  throw new AppError(
    "CONFLICT",
    `Job ${id} ${notFailedReason(job.state, job.archived, FAILED_JOBS_KEPT_DAYS)}: only failed jobs can be ${verb}`,
    { state: job.state, archived: job.archived },
  );
}
