import type { Job } from "../../contract/index.ts";
import type { Db } from "../../db/index.ts";
import type { Ctx } from "../context.ts";
import { changeFailedJob } from "./failed-job.ts";
import { requeueFailedJob } from "./job.queries.ts";

/**
 * Gives a failed (dead) job of the workspace one more run; a running worker picks it up within
 * seconds. A job of another workspace, or an installation-wide one, is not found.
 */
export const retryJob = (ctx: Ctx, id: string): Promise<Job> =>
  changeFailedJob(ctx.db, ctx.workspaceId, id, requeueFailedJob, "retried");

/** The same for any job of the installation (the CLI's view). */
export const retryAnyJob = (db: Db, id: string): Promise<Job> =>
  changeFailedJob(db, null, id, requeueFailedJob, "retried");
