import type { SurveyKind } from "../../contract/experience.ts";
import { contactName } from "../contacts/index.ts";
import type { Ctx } from "../context.ts";
import { recordEvents } from "../events/index.ts";
import { recordTimeline } from "../timeline/index.ts";
import { markAlerted, responsesByIds } from "./experience.queries.ts";
import { followUpAlert, needsFollowUp } from "./experience.rules.ts";

/**
 * The closed loop: each answer that calls for a call back (a detractor, a CSAT of 1–2, a CES of 2
 * or less) puts an alert on the account's timeline — who answered, what and their comment — and
 * publishes `survey.follow_up_needed` for the inbox to pick up. Once per answer: an edited answer
 * does not alert twice, and one edited out of the alarming range before it was handled does not alert.
 */
export async function raiseFollowUps(ctx: Ctx, responseIds: string[]): Promise<number> {
  const rows = (await responsesByIds(ctx.db, ctx.workspaceId, responseIds)).filter(
    (r) => r.alertedAt === null && needsFollowUp(r.kind as SurveyKind, r.score),
  );
  if (rows.length === 0) return 0;
  await markAlerted(
    ctx.db,
    ctx.workspaceId,
    rows.map((r) => r.id),
  );
  await recordTimeline(
    ctx,
    rows.map((r) => {
      const who = contactName({
        firstName: r.contactFirstName,
        lastName: r.contactLastName,
        email: r.contactEmail,
      });
      return {
        accountId: r.accountId,
        kind: "alert" as const,
        ...followUpAlert({ ...r, kind: r.kind as SurveyKind, who }),
        contactId: r.contactId,
        occurredAt: r.answeredAt,
      };
    }),
  );
  await recordEvents(
    ctx,
    rows.map((r) => ({
      type: "survey.follow_up_needed" as const,
      data: { accountId: r.accountId, contactId: r.contactId, responseId: r.id },
    })),
  );
  return rows.length;
}
