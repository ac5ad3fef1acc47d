import { z } from "zod";
import { mailConfigFromEnv } from "../../common/mail-config.ts";
import { escalateOverdueTasks } from "../../domain/tasks/index.ts";
import { defineJob } from "../define.ts";

/**
 * Hourly: open inbox items past their due date go to the owner's manager (or the admins), once
 * each, with one email per person. Idempotent: an escalated item is never escalated again.
 */
export const tasksEscalate = defineJob({
  name: "tasks.escalate",
  description:
    "Sends overdue inbox items to the owner's manager (or the admins), once each, with one email per person.",
  schedule: "5 * * * *",
  payload: z.strictObject({}),
  retry: { limit: 3, delaySeconds: 120, backoff: true },
  handler: (job) => escalateOverdueTasks(job.db, mailConfigFromEnv()),
});
