import type { SurveyKind } from "../../contract/experience.ts";
import { contactName } from "../contacts/index.ts";
import type { Ctx } from "../context.ts";
import { recordEvents } from "../events/index.ts";
import { recordTimeline } from "../timeline/index.ts";
import { markAlerted, responsesByIds } from "./experience.queries.ts";
import { followUpAlert, needsFollowUp } from "./experience.rules.ts";

/** An answer that calls for a call back, with the words of its alert. */
export type FollowUp = {
  responseId: string;
  accountId: string;
  contactId: string;
  kind: SurveyKind;
  score: number;
  who: string;
  answeredAt: Date;
  alertedAt: Date | null;
  title: string;
  body: string;
};

/** The answers among these that call for a call back (whatever became of their alert). */
export async function findFollowUps(ctx: Ctx, responseIds: string[]): Promise<FollowUp[]> {
  const rows = (await responsesByIds(ctx.db, ctx.workspaceId, responseIds)).filter((r) =>
    needsFollowUp(r.kind as SurveyKind, r.score),
  );
  return rows.map((r) => {
    const who = contactName({
      firstName: r.contactFirstName,
      lastName: r.contactLastName,
      email: r.contactEmail,
    });
    const kind = r.kind as SurveyKind;
    return {
      responseId: r.id,
      accountId: r.accountId,
      contactId: r.contactId,
      kind,
      score: r.score,
      who,
      answeredAt: r.answeredAt,
      alertedAt: r.alertedAt,
      ...followUpAlert({ ...r, kind, who }),
    };
  });
}

/**
 * The closed loop: each answer that calls for a call back (a detractor, a CSAT of 1–2, a CES of 2
 * or less) puts an alert on the account's timeline — who answered, what and their comment — and
 * publishes `survey.follow_up_needed`, which the inbox consumes. Once per answer: an edited answer
 * does not alert twice, and one edited out of the alarming range before it was handled does not alert.
 */
export async function raiseFollowUps(ctx: Ctx, responseIds: string[]): Promise<number> {
  const due = (await findFollowUps(ctx, responseIds)).filter((f) => f.alertedAt === null);
  if (due.length === 0) return 0;
  await markAlerted(
    ctx.db,
    ctx.workspaceId,
    due.map((f) => f.responseId),
  );
  await recordTimeline(
    ctx,
    due.map((f) => ({
      accountId: f.accountId,
      kind: "alert" as const,
      title: f.title,
      body: f.body,
      contactId: f.contactId,
      occurredAt: f.answeredAt,
    })),
  );
  await recordEvents(
    ctx,
    due.map((f) => ({
      type: "survey.follow_up_needed" as const,
      data: { accountId: f.accountId, contactId: f.contactId, responseId: f.responseId },
    })),
  );
  return due.length;
}
