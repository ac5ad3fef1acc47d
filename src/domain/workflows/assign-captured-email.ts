import { AppError } from "../../common/errors.ts";
import { newId } from "../../common/ids.ts";
import type { CaptureAssign, CapturedEmail } from "../../contract/capture.ts";
import { captureToAssign, getCapturedEmail, linkCapturedEmail, touchpointOf } from "../capture/index.ts";
import type { Ctx } from "../context.ts";
import { upsertTouchpoints } from "../journey/index.ts";
import { transact } from "./transact.ts";

/**
 * Makes an unmatched (or dismissed) captured email a touchpoint of the account chosen, with the
 * contacts who were present, through the journey's write path: the same touchpoint capture would
 * have made (its sender as employee while still a member, else the person assigning it).
 */
export async function assignCapturedEmail(
  ctx: Ctx,
  id: string,
  input: CaptureAssign,
): Promise<CapturedEmail> {
  return transact(ctx, async (tx) => {
    const email = await captureToAssign(tx, id);
    const touchpoint = touchpointOf({
      accountId: input.accountId,
      contactIds: input.contactIds,
      employee: email.sender,
      subject: email.subject,
      text: email.text,
      sentAt: email.sentAt,
    });
    const [made] = await upsertTouchpoints(tx, [
      { id: newId(), externalId: null, input: { ...touchpoint, source: "email" } },
    ]);
    if (!made) throw new AppError("INTERNAL", "touchpoint vanished after upsert");
    await linkCapturedEmail(tx, id, { accountId: made.accountId, touchpointId: made.id, assigned: true });
    return getCapturedEmail(tx, id);
  });
}
