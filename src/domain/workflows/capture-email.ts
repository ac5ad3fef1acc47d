import { AppError } from "../../common/errors.ts";
import { newId } from "../../common/ids.ts";
import type { InboundMail } from "../../contract/capture.ts";
import { keepCapturedEmail, linkCapturedEmail, planCapture } from "../capture/index.ts";
import type { Ctx } from "../context.ts";
import { upsertTouchpoints } from "../journey/index.ts";
import { transact } from "./transact.ts";

export type CaptureOutcome = {
  /** `duplicate`: the workspace had this email already, nothing was written. */
  status: "matched" | "unmatched" | "duplicate";
  capturedEmailId: string | null;
  touchpointId: string | null;
  accountId: string | null;
};

/**
 * An email sent to the workspace's capture address (docs/email-capture.md), in one transaction: kept
 * with its participants and, when they point to exactly one account, made an email touchpoint of it
 * through the journey's own write path (its key players, timeline entry, event and consumers as for
 * one logged by hand); otherwise left unmatched for the review list. A sender who is not a member
 * who may log touchpoints is refused (FORBIDDEN) and nothing is kept.
 */
export async function captureEmail(
  ctx: Ctx,
  mail: InboundMail,
  options: { captureDomain: string; receivedAt?: Date },
): Promise<CaptureOutcome> {
  return transact(ctx, async (tx) => {
    const { email, touchpoint } = await planCapture(tx, mail, {
      captureDomain: options.captureDomain,
      receivedAt: options.receivedAt ?? new Date(),
    });
    if (!(await keepCapturedEmail(tx, email))) {
      return { status: "duplicate", capturedEmailId: null, touchpointId: null, accountId: null };
    }
    if (!touchpoint)
      return { status: "unmatched", capturedEmailId: email.id, touchpointId: null, accountId: null };
    const [made] = await upsertTouchpoints(tx, [
      { id: newId(), externalId: null, input: { ...touchpoint, source: "email" } },
    ]);
    if (!made) throw new AppError("INTERNAL", "touchpoint vanished after upsert");
    await linkCapturedEmail(tx, email.id, {
      accountId: made.accountId,
      touchpointId: made.id,
      assigned: false,
    });
    return { status: "matched", capturedEmailId: email.id, touchpointId: made.id, accountId: made.accountId };
  });
}
