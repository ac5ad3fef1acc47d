import { z } from "zod";
import { EVENT_RETENTION_DAYS, pruneOldEvents } from "../../domain/events/index.ts";
import { defineJob } from "../define.ts";

/**
 * Deletes domain events older than 30 days in every workspace; a `/api/v1/changes` cursor from
 * before them then answers 410. Idempotent: a second run finds nothing older.
 */
export const eventsRetention = defineJob({
  name: "events.retention",
  description: "Deletes change events older than 30 days.",
  schedule: "50 3 * * *",
  payload: z.strictObject({}),
  retry: { limit: 3, delaySeconds: 300, backoff: true },
  handler: async (job) => ({ days: EVENT_RETENTION_DAYS, deleted: await pruneOldEvents(job.db) }),
});
