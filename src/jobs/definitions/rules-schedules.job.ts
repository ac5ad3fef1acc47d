import { z } from "zod";
import { runDueSchedules } from "../../domain/rules/index.ts";
import { defineJob } from "../define.ts";

/** Every minute: scheduled rules whose cron came round since their last run. A rerun finds them run. */
export const rulesSchedules = defineJob({
  name: "rules.schedules",
  description: "Runs scheduled rules whose time has come.",
  schedule: "* * * * *",
  payload: z.strictObject({}),
  retry: { limit: 1, delaySeconds: 30, backoff: false },
  handler: (job) => runDueSchedules(job.db),
});
