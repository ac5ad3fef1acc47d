import type { z } from "zod";
import type { Db } from "../db/index.ts";
import type { Ctx } from "../domain/context.ts";

/** How a failed run is retried: `limit` more runs, `delaySeconds` apart, doubling when `backoff`. */
export type RetrySettings = { limit: number; delaySeconds: number; backoff: boolean };

/** What a handler gets besides its payload. */
export type JobContext = {
  db: Db;
  jobId: string;
  name: string;
  /** 0 on the first run, then 1, 2, … on retries. */
  retryCount: number;
};

/**
 * One kind of background job. Runs are at least once (a crash or a stop past its grace period
 * means a run again), so handlers must be idempotent: recompute, upsert, skip what exists.
 */
export type JobDefinition<P extends z.ZodType = z.ZodType> = {
  /** Queue name, `module.verb` (e.g. `revenue.refresh`); also the cron schedule's name. */
  name: string;
  /** What it does, in a sentence an admin understands (the jobs page shows it). */
  description: string;
  /** Cron expression in UTC (e.g. `15 * * * *`: hourly at :15); each firing sends the payload `{}`. */
  schedule?: string;
  /** Validated when sent and again when run; a payload that does not parse never reaches the handler. */
  payload: P;
  retry: RetrySettings;
  /** A run lasting longer counts as failed (and is retried); pg-boss's default is 15 minutes. */
  expireInSeconds?: number;
  /** Calls one domain function (through its module's index.ts); the result is kept as the job's output. */
  handler(job: JobContext, payload: z.infer<P>): Promise<unknown>;
};

/** Schedules fire in this time zone. */
export const SCHEDULE_TIMEZONE = "UTC";

/** Keeps the payload type of a definition flowing into its handler. */
export const defineJob = <P extends z.ZodType>(definition: JobDefinition<P>): JobDefinition<P> => definition;

/** The domain context of a per-workspace job (its payload carries `workspaceId`). */
export const workspaceJobCtx = (job: JobContext, workspaceId: string): Ctx => ({
  db: job.db,
  workspaceId,
  actor: { kind: "system", label: `job ${job.name}` },
});
