import { notFound } from "../../common/errors.ts";
import { newId } from "../../common/ids.ts";
import { withTx } from "../../db/transaction.ts";
import type { Ctx } from "../context.ts";
import { recordEvents } from "../events/index.ts";
import { recordTimeline } from "../timeline/index.ts";
import { updateOutcome } from "./manage-outcomes.ts";
import { findOutcome, insertEvidence } from "./outcome.queries.ts";
import { outcomeLabel } from "./outcome.rules.ts";

export type CustomerConfirmation = {
  /** The key player confirming: the outcome's own contact (the caller checked the link is theirs). */
  contactId: string;
  contactName: string;
  verdict: "achieved" | "not_yet";
  comment: string | null;
  /** The plan whose link was used. */
  planId: string;
};

/**
 * A key player's own word on their outcome, given through their success plan link: kept as
 * customer-confirmed evidence with who said it. "Achieved" also marks the outcome achieved (its
 * history says so); "not yet" leaves the status to the owner, who sees the comment.
 */
export async function confirmOutcomeByCustomer(
  ctx: Ctx,
  outcomeId: string,
  c: CustomerConfirmation,
): Promise<void> {
  await withTx(ctx.db, async (db) => {
    const tx = { ...ctx, db };
    const outcome = await findOutcome(db, ctx.workspaceId, outcomeId);
    if (!outcome || outcome.contactId !== c.contactId) throw notFound("Outcome");
    await insertEvidence(db, {
      workspaceId: ctx.workspaceId,
      id: newId(),
      outcomeId,
      note: c.comment,
      source: "customer_confirmed",
      contactId: c.contactId,
      verdict: c.verdict,
    });
    const label = outcomeLabel(outcome.kind);
    await recordTimeline(tx, [
      {
        accountId: outcome.accountId,
        kind: "outcome",
        title:
          c.verdict === "achieved"
            ? `${label} confirmed achieved by ${c.contactName}: ${outcome.title}`
            : `${label} not yet achieved, says ${c.contactName}: ${outcome.title}`,
        body: c.comment,
        contactId: c.contactId,
      },
    ]);
    await recordEvents(tx, [
      {
        type: "outcome.customer_confirmed",
        data: {
          accountId: outcome.accountId,
          contactId: c.contactId,
          outcomeId,
          planId: c.planId,
          verdict: c.verdict,
        },
      },
      {
        type: "outcome.changed",
        data: { accountId: outcome.accountId, contactId: c.contactId, outcomeId, fields: ["evidence"] },
      },
    ]);
    if (c.verdict === "achieved" && outcome.status !== "achieved") {
      await updateOutcome(tx, outcomeId, { status: "achieved" }, { timeline: false });
    }
  });
}
