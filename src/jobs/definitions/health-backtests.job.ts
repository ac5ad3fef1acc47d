import { z } from "zod";
import { runPendingBacktests } from "../../domain/health/index.ts";
import { defineJob } from "../define.ts";

/**
 * Backtests start in the process that queued them; this runs any a stopped process left queued
 * or cut short. Rerunning one recomputes its whole report.
 */
export const healthBacktests = defineJob({
  name: "health.backtests",
  description: "Runs health backtests that were queued or cut short by a restart.",
  schedule: "* * * * *",
  payload: z.strictObject({}),
  retry: { limit: 2, delaySeconds: 60, backoff: true },
  handler: (job) => runPendingBacktests(job.db),
});
