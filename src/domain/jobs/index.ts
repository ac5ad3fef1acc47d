export { FAILED_JOBS_KEPT_DAYS, JOBS_SCHEMA, spendNoMoreRetries } from "./job.queries.ts";
export { listAllJobs, listJobs } from "./list-jobs.ts";
export { retryAnyJob, retryJob } from "./retry-job.ts";
