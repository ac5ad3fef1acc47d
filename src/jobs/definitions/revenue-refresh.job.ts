import { z } from "zod";
import { refreshAllAccountRevenue } from "../../domain/subscriptions/index.ts";
import { defineJob } from "../define.ts";

/**
 * Accounts' MRR and next renewal depend on the date (subscriptions start, end and renew without
 * a write), so they are recomputed every three hours (and by the server at start). Idempotent:
 * a recomputation from the subscriptions, whatever ran before.
 */
export const revenueRefresh = defineJob({
  name: "revenue.refresh",
  description: "Recomputes accounts' MRR and next renewal as subscriptions start, end and renew.",
  schedule: "0 */3 * * *",
  payload: z.strictObject({}),
  retry: { limit: 3, delaySeconds: 60, backoff: true },
  handler: (job) => refreshAllAccountRevenue(job.db),
});
