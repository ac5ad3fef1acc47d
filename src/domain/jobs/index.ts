export { FAILED_JOBS_KEPT_DAYS, JOBS_SCHEMA, spendNoMoreRetries } from "./job.queries.ts";
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
export { listAllJobs, listJobs } from "./list-jobs.ts";
export { retryAnyJob, retryJob } from "./retry-job.ts";
