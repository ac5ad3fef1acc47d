export { discardAnyJob, discardJob } from "./discard-job.ts";
export { FAILED_JOBS_KEPT_DAYS, JOBS_SCHEMA, spendNoMoreRetries } from "./job.queries.ts";
export type { JobKind } from "./job.rules.ts";
export {
  ABANDONED_MESSAGE,
  completeRun,
  lockQueueSetup,
  type ReclaimedJob,
  reclaimAbandonedJobs,
  releaseJobLease,
  runIsCurrent,
  tryLeaseJob,
  unlockQueueSetup,
} from "./job-lease.queries.ts";
export { listJobQueues } from "./list-job-queues.ts";
export { listJobSchedules } from "./list-job-schedules.ts";
export { listAllJobs, listJobs } from "./list-jobs.ts";
export { retryAnyJob, retryJob } from "./retry-job.ts";
