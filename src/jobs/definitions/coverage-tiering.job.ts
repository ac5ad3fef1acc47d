import { z } from "zod";
import { applyTieringEverywhere } from "../../domain/coverage/index.ts";
import { defineJob } from "../define.ts";

/**
 * Nightly: workspaces that switched tiering on have their tiering rules applied (settings made by
 * hand stay). Idempotent: a rerun finds every account already as the rules say.
 */
export const coverageTiering = defineJob({
  name: "coverage.tiering",
  description: "Applies the tiering rules of workspaces that switched nightly tiering on",
  schedule: "40 2 * * *",
  payload: z.strictObject({}),
  retry: { limit: 2, delaySeconds: 300, backoff: true },
  handler: (job) => applyTieringEverywhere(job.db),
});
