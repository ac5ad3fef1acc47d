import type { Ctx } from "../context.ts";
import { recordEvents } from "../events/index.ts";
import { updateCapturedEmail } from "./capture.queries.ts";

/** Records the touchpoint a captured email became; by hand (`assigned`) with its own event. */
export async function linkCapturedEmail(
  ctx: Ctx,
  id: string,
  link: { accountId: string; touchpointId: string; assigned: boolean },
): Promise<void> {
  await updateCapturedEmail(ctx.db, ctx.workspaceId, id, {
    status: "matched",
    accountId: link.accountId,
    touchpointId: link.touchpointId,
  });
  if (link.assigned) {
    await recordEvents(ctx, [
      {
        type: "captured_email.assigned",
        data: { accountId: link.accountId, capturedEmailId: id, touchpointId: link.touchpointId },
      },
    ]);
  }
}
