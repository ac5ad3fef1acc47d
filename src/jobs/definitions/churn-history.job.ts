import { z } from "zod";
import { recordProbabilityHistory } from "../../domain/churn/index.ts";
import { defineJob } from "../define.ts";

/**
 * Daily: every account's churn and expansion probability is kept as that day's, so a rule's
 * replay reads them as they stood. Idempotent: a rerun rewrites the day.
 */
export const churnHistory = defineJob({
  name: "churn.history",
  description:
    "Keeps each account's churn and expansion probability for the day, so replays read them as they stood.",
  schedule: "15 0 * * *",
  payload: z.strictObject({}),
  retry: { limit: 3, delaySeconds: 300, backoff: true },
  handler: (job) => recordProbabilityHistory(job.db),
});
