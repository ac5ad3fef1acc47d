import { z } from "zod";
import { evaluateStandingRules } from "../../domain/rules/index.ts";
import { defineJob } from "../define.ts";

/**
 * Every 15 minutes: threshold and renewal rules, set-based per rule; accounts that crossed the
 * line or came inside the renewal window since the last pass fire. A rerun finds them recorded.
 */
export const rulesEvaluate = defineJob({
  name: "rules.evaluate",
  description: "Checks threshold and renewal rules and fires them for accounts that crossed the line.",
  schedule: "7,22,37,52 * * * *",
  payload: z.strictObject({}),
  retry: { limit: 2, delaySeconds: 60, backoff: true },
  expireInSeconds: 1800,
  handler: (job) => evaluateStandingRules(job.db),
});
