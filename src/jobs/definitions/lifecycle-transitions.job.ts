import { z } from "zod";
import { applyTransitionsEverywhere } from "../../domain/lifecycle/index.ts";
import { defineJob } from "../define.ts";

/**
 * Nightly, after tiering: accounts meeting an automatic stage's entry criteria move into it (forward
 * only). Idempotent: a rerun finds every account already where the criteria put it.
 */
export const lifecycleTransitions = defineJob({
  name: "lifecycle.transitions",
  description: "Moves accounts into the automatic lifecycle stages whose entry criteria they meet",
  schedule: "50 2 * * *",
  payload: z.strictObject({}),
  retry: { limit: 2, delaySeconds: 300, backoff: true },
  handler: (job) => applyTransitionsEverywhere(job.db),
});
