export { discardAnyJob, discardJob } from "./discard-job.ts";
export { FAILED_JOBS_KEPT_DAYS, JOBS_SCHEMA, spendNoMoreRetries } from "./job.queries.ts";
export type { JobKind } from "./job.rules.ts";
export {
  ABANDONED_MESSAGE,
  type CompletedRun,
  completeRuns,
  currentRuns,
  type JobRun,
  lockQueueSetup,
  type ReclaimedJob,
  reclaimAbandonedJobs,
  releaseJobLeases,
  runIsCurrent,
  tryLeaseJobs,
  unlockQueueSetup,
} from "./job-lease.queries.ts";
export { listJobQueues } from "./list-job-queues.ts";
export { listJobSchedules } from "./list-job-schedules.ts";
export { listAllJobs, listJobs } from "./list-jobs.ts";
export { retryAnyJob, retryJob } from "./retry-job.ts";
