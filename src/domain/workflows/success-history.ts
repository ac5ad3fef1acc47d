import type { DomainEventType } from "../../contract/events.ts";
import { accountsConcerned, type EventConsumer } from "../events/index.ts";
import { recordSuccessHistory } from "../outcomes/index.ts";

/** What the success index reads: outcomes, key players, and their experience ratings. */
const RECORDED_BY: DomainEventType[] = [
  "outcome.created",
  "outcome.changed",
  "outcome.deleted",
  "contact.created",
  "contact.changed",
  "contact.deleted",
  "touchpoint.created",
  "touchpoint.changed",
  "touchpoint.deleted",
  "survey.answered",
  "survey.response_deleted",
  "import.committed",
];

const INPUT_IMPORTS = ["contacts", "touchpoints", "survey-responses"];

/**
 * Keeps the success index's daily history current: a change to what it reads rewrites today's
 * value for the accounts concerned (an import, for the whole workspace). Idempotent: redelivery
 * rewrites the same value.
 */
export const successHistory: EventConsumer = {
  name: "success.history",
  types: RECORDED_BY,
  async handle(ctx, events) {
    // Imports of the index's inputs rewrite the whole workspace's day (set-based: a few reads).
    if (events.some((e) => e.type === "import.committed" && INPUT_IMPORTS.includes(String(e.data.target)))) {
      await recordSuccessHistory(ctx);
      return;
    }
    const ids = accountsConcerned(events);
    if (ids.length > 0) await recordSuccessHistory(ctx, ids);
  },
};
