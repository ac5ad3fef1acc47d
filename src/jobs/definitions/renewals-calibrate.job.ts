import { z } from "zod";
import { refreshAllCalibrations } from "../../domain/renewals/index.ts";
import { defineJob } from "../define.ts";

/**
 * Daily, after the churn scores of the day are kept: every workspace's renewal probability is
 * refitted on its past renewals, so the pipeline reads a fit at most a day old. Idempotent.
 */
export const renewalsCalibrate = defineJob({
  name: "renewals.calibrate",
  description: "Refits how churn scores become renewal probabilities on each workspace's past renewals.",
  schedule: "45 0 * * *",
  payload: z.strictObject({}),
  retry: { limit: 3, delaySeconds: 300, backoff: true },
  handler: (job) => refreshAllCalibrations(job.db),
});
