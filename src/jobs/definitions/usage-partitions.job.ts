import { z } from "zod";
import { ensureUsagePartitions } from "../../domain/usage/index.ts";
import { defineJob } from "../define.ts";

/**
 * Keeps monthly partitions of raw usage events three months ahead, and moves events that arrived
 * before their month's partition existed out of the default one. Idempotent: creates what is missing.
 */
export const usagePartitions = defineJob({
  name: "usage.partitions",
  description: "Creates monthly storage for usage events ahead of time.",
  schedule: "17 * * * *",
  payload: z.strictObject({}),
  retry: { limit: 5, delaySeconds: 60, backoff: true },
  handler: async (job) => ({ created: await ensureUsagePartitions(job.db) }),
});
