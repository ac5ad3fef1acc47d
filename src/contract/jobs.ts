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

/** A kind of job, with how many of this workspace's jobs of that kind are in each state. */
export const ZJobQueue = z.object({
  /** The job definition, e.g. `tasks.escalate`. */
  name: z.string(),
  description: z.string(),
  /** Cron expression when it also runs on a schedule (see the schedules list). */
  schedule: z.string().nullable(),
  /** New or retrying jobs waiting for a worker. */
  waiting: z.number().int(),
  /** Running now. */
  active: z.number().int(),
  /** Failed for good and kept 14 days: retry or discard them. */
  failed: z.number().int(),
  completedLast24h: z.number().int(),
});
export type JobQueue = z.infer<typeof ZJobQueue>;

/** The latest run of a scheduled job (installation-wide: what it did stays with the operator). */
export const ZScheduledRun = z.object({
  state: ZJobState,
  startedAt: ZTimestamp,
  finishedAt: ZTimestamp.nullable(),
});

export const ZJobSchedule = z.object({
  name: z.string(),
  description: z.string(),
  cron: z.string(),
  timezone: z.string(),
  lastRun: ZScheduledRun.nullable(),
  nextRunAt: ZTimestamp,
});
export type JobSchedule = z.infer<typeof ZJobSchedule>;

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
  discardJob: defineRoute({
    method: "POST",
    path: "/api/v1/jobs/:id/discard",
    access: "admin",
    tag: "jobs",
    summary:
      "Drop a failed job of this workspace: it is never run again and leaves the failures (listed as cancelled)",
    params: ZIdParams,
    response: ZJob,
  }),
  listJobQueues: defineRoute({
    method: "GET",
    path: "/api/v1/jobs/queues",
    access: "admin",
    tag: "jobs",
    summary: "Every kind of background job, with this workspace's jobs counted by state",
    response: z.object({ data: z.array(ZJobQueue) }),
  }),
  listJobSchedules: defineRoute({
    method: "GET",
    path: "/api/v1/jobs/schedules",
    access: "admin",
    tag: "jobs",
    summary:
      "The installation's scheduled jobs: what each does, its cron, when it last ran (and how it ended) and when it runs next",
    response: z.object({ data: z.array(ZJobSchedule) }),
  }),
} as const;
