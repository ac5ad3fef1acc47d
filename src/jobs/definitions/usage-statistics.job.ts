import { z } from "zod";
import { refreshUsageStatistics } from "../../domain/usage/index.ts";
import { defineJob } from "../define.ts";

/** Keeps the ingestion lookups' planner statistics fresh (the embedded database has no autovacuum). Idempotent. */
export const usageStatistics = defineJob({
  name: "usage.statistics",
  description: "Refreshes the database's statistics for usage lookups.",
  schedule: "25 * * * *",
  payload: z.strictObject({}),
  retry: { limit: 2, delaySeconds: 60, backoff: false },
  handler: (job) => refreshUsageStatistics(job.db),
});
