import { z } from "zod";
import { recordAllSuccessHistory } from "../../domain/outcomes/index.ts";
import { defineJob } from "../define.ts";

/**
 * Each account's success index for the new day, in every workspace: time passing moves open
 * outcomes ahead of or behind schedule, and experience ratings age. Idempotent: a rerun rewrites
 * the day's values.
 */
export const successHistoryDaily = defineJob({
  name: "success.history",
  description: "Records each account's success index for the new day.",
  schedule: "10 0 * * *",
  payload: z.strictObject({}),
  retry: { limit: 3, delaySeconds: 300, backoff: true },
  expireInSeconds: 3600,
  handler: (job) => recordAllSuccessHistory(job.db),
});
