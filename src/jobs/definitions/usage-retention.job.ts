import { z } from "zod";
import { applyUsageRetention } from "../../domain/usage/index.ts";
import { defineJob } from "../define.ts";

// Read where it is used: only this job needs it, and a bad value fails the run with a clear message.
const ZRetention = z.coerce.number().int().min(1).max(1200).default(25);

/**
 * Drops raw-event partitions older than STEWARD_USAGE_RETENTION_MONTHS (default 25) and forgets
 * old message ids; rollups stay. Idempotent: dropping what is already gone does nothing.
 */
export const usageRetention = defineJob({
  name: "usage.retention",
  description: "Drops raw usage events older than the retention period; daily summaries stay.",
  schedule: "40 3 * * *",
  payload: z.strictObject({}),
  retry: { limit: 3, delaySeconds: 300, backoff: true },
  handler: async (job) => {
    const months = ZRetention.parse(process.env.STEWARD_USAGE_RETENTION_MONTHS || undefined);
    return { months, dropped: await applyUsageRetention(job.db, { months }) };
  },
});
