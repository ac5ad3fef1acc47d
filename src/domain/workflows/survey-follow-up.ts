import { EVENT_PAYLOADS } from "../../contract/events.ts";
import type { EventConsumer } from "../events/index.ts";
import { needsFollowUp, raiseFollowUps } from "../experience/index.ts";

/**
 * The closed loop as a consumer of `survey.answered`, whichever way the answer came (the answer
 * page, the API, a CSV import): an alarming answer gets its alert on the account (and the event the
 * inbox will consume). Raising is idempotent per answer, so a redelivered event alerts once.
 */
export const surveyFollowUp: EventConsumer = {
  name: "survey.follow_up",
  types: ["survey.answered"],
  async handle(ctx, events) {
    const due = events.flatMap((e) => {
      const answer = EVENT_PAYLOADS["survey.answered"].safeParse(e.data);
      return answer.success && needsFollowUp(answer.data.kind, answer.data.score)
        ? [answer.data.responseId]
        : [];
    });
    if (due.length > 0) await raiseFollowUps(ctx, due);
  },
};
