import { z } from "zod";
import { detectNonUsage } from "../../domain/adoption/index.ts";
import { defineJob } from "../define.ts";

/**
 * Records "went quiet" timeline entries for accounts and key players without product activity
 * past the workspace's thresholds. Idempotent: one entry per quiet spell, however often it runs.
 */
export const usageNonUsage = defineJob({
  name: "usage.non-usage",
  description: "Notes accounts and key players that went quiet past the workspace's thresholds.",
  schedule: "10 * * * *",
  payload: z.strictObject({}),
  retry: { limit: 3, delaySeconds: 120, backoff: true },
  handler: (job) => detectNonUsage(job.db),
});
