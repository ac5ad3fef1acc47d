import { z } from "zod";
import { ZId, ZIdParams, ZPage, ZPageQuery, ZTimestamp } from "./common.ts";
import { defineRoute } from "./route.ts";

/** A background job's life: waiting (`created`, `retry`), running, then one of the three ends. */
export const JOB_STATES = ["created", "retry", "active", "completed", "cancelled", "failed"] as const;
export const ZJobState = z.enum(JOB_STATES);
export type JobState = z.infer<typeof ZJobState>;
export const ZJobStateFilter = z.enum([...JOB_STATES, "all"]);
export type JobStateFilter = z.infer<typeof ZJobStateFilter>;

export const ZJob = z.object({
  id: ZId,
  /** The job definition, e.g. `revenue.refresh`. */
  name: z.string(),
  state: ZJobState,
  payload: z.record(z.string(), z.unknown()),
  /** Runs after the first one; `retryLimit` is how many it may have. */
  retryCount: z.number().int(),
  retryLimit: z.number().int(),
  createdAt: ZTimestamp,
  startedAt: ZTimestamp.nullable(),
  finishedAt: ZTimestamp.nullable(),
  /** Why the last run failed (the message only, never a stack). */
  error: z.string().nullable(),
  /** Moved out of the live table (failed jobs after 14 days): listed, no longer retryable. */
  archived: z.boolean(),
});
export type Job = z.infer<typeof ZJob>;

export const ZJobListQuery = z.strictObject({
  ...ZPageQuery,
  state: ZJobStateFilter.default("failed"),
});
export type JobListQuery = z.infer<typeof ZJobListQuery>;

export const jobRoutes = {
  listJobs: defineRoute({
    method: "GET",
    path: "/api/v1/jobs",
    access: "admin",
    tag: "jobs",
    summary: "This workspace's background jobs, newest first; by default the failed ones (kept 14 days)",
    query: ZJobListQuery,
    response: ZPage(ZJob),
  }),
  retryJob: defineRoute({
    method: "POST",
    path: "/api/v1/jobs/:id/retry",
    access: "admin",
    tag: "jobs",
    summary: "Run a failed job of this workspace once more (a worker picks it up within seconds)",
    params: ZIdParams,
    response: ZJob,
  }),
} as const;
