import type { Job } from "../../contract/index.ts";
import type { Db } from "../../db/index.ts";
import type { Ctx } from "../context.ts";
import { changeFailedJob } from "./failed-job.ts";
import { cancelFailedJob } from "./job.queries.ts";

/**
 * Drops a failed job of the workspace for good, when its cause will not go away (an object it
 * needed is gone, a payload an older release sent): it is never run again, leaves the failures
 * and stays listed as `cancelled` until the archive lets it go.
 */
export const discardJob = (ctx: Ctx, id: string): Promise<Job> =>
  changeFailedJob(ctx.db, ctx.workspaceId, id, cancelFailedJob, "discarded");

/** The same for any job of the installation (the CLI's view). */
export const discardAnyJob = (db: Db, id: string): Promise<Job> =>
  changeFailedJob(db, null, id, cancelFailedJob, "discarded");
