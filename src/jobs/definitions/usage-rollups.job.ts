import { z } from "zod";
import { catchUpRollups } from "../../domain/usage/index.ts";
import { defineJob } from "../define.ts";

/**
 * Rebuilds the rollups of (account, day) pairs marked dirty (bulk loads, re-attributed events).
 * Idempotent: a rebuild recomputes from raw events; a run cut short leaves the marks for the next.
 */
export const usageRollupCatchUp = defineJob({
  name: "usage.rollups",
  description: "Rebuilds daily usage summaries for days whose events changed.",
  schedule: "* * * * *",
  payload: z.strictObject({}),
  retry: { limit: 3, delaySeconds: 30, backoff: true },
  handler: async (job) => ({ accounts: await catchUpRollups(job.db) }),
});
