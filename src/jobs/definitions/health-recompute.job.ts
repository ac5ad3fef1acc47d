import { z } from "zod";
import { recomputeAllHealth } from "../../domain/health/index.ts";
import { defineJob } from "../define.ts";

/**
 * Today's health score of every customer in every workspace, from the rollups as they stand:
 * hourly, so usage, subscription and key-player changes reach scores within the hour and each
 * new UTC day gets its row of history. Idempotent: a rerun replaces the day's scores.
 */
export const healthRecompute = defineJob({
  name: "health.recompute",
  description:
    "Recomputes every customer's health score from the latest usage, subscriptions and key players.",
  schedule: "20 * * * *",
  payload: z.strictObject({}),
  retry: { limit: 3, delaySeconds: 120, backoff: true },
  handler: (job) => recomputeAllHealth(job.db),
});
