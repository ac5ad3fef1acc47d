import { z } from "zod";
import { refreshAllSegments } from "../../domain/segments/index.ts";
import { defineJob } from "../define.ts";

/**
 * Every 15 minutes: each segment's membership follows the data (health moved, a renewal came
 * closer); each entry and exit is recorded with its time and published for rules. Idempotent: a
 * rerun finds nothing new to record.
 */
export const segmentsRefresh = defineJob({
  name: "segments.refresh",
  description: "Refreshes segment membership as the data changes, recording who entered and left.",
  schedule: "*/15 * * * *",
  payload: z.strictObject({}),
  retry: { limit: 2, delaySeconds: 60, backoff: true },
  expireInSeconds: 1800,
  handler: (job) => refreshAllSegments(job.db),
});
