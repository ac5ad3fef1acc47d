import { z } from "zod";
import { retrainAllWorkspaces } from "../../domain/churn/index.ts";
import { defineJob } from "../define.ts";

/**
 * Retrains the churn and expansion models of every workspace each week (Mondays 03:30 UTC), so
 * predictions follow the latest history. A workspace without enough history is skipped, the
 * reason in the job's output. Idempotent: a retraining replaces the predictions of its kind.
 */
export const churnTrain = defineJob({
  name: "churn.train",
  description: "Retrains every workspace's churn and expansion models on its latest history.",
  schedule: "30 3 * * 1",
  payload: z.strictObject({}),
  retry: { limit: 2, delaySeconds: 600, backoff: true },
  expireInSeconds: 3600,
  handler: (job) => retrainAllWorkspaces(job.db, `job ${job.name}`),
});
