import { z } from "zod";
import { mailConfigFromEnv } from "../../common/mail-config.ts";
import { deliverQueuedMail } from "../../domain/mail/index.ts";
import { defineJob } from "../define.ts";

/**
 * Mail starts going out in the process that queued it; this sends whatever a stopped process left
 * queued, and retries failed attempts. Each message is claimed before it is sent, so a run beside
 * another deliverer never sends one twice at once.
 */
export const mailDeliver = defineJob({
  name: "mail.deliver",
  description: "Sends queued email and retries failed attempts.",
  schedule: "* * * * *",
  payload: z.strictObject({}),
  retry: { limit: 2, delaySeconds: 60, backoff: true },
  handler: (job) => deliverQueuedMail(job.db, mailConfigFromEnv()),
});
