import { AppError } from "../../common/errors.ts";
import { newId } from "../../common/ids.ts";
import type { CaptureAddress } from "../../contract/capture.ts";
import { withTx } from "../../db/transaction.ts";
import { recordAudit } from "../audit/index.ts";
import { actorPerson, type Ctx } from "../context.ts";
import { insertAddress, revokeAddresses } from "./capture.queries.ts";
import { CAPTURE_OFF, getCaptureAddress, newCaptureToken } from "./get-capture-address.ts";

/** Replaces the capture address with a new one (audited); mail to the old one is refused from then on. */
export async function regenerateCaptureAddress(ctx: Ctx, domain: string | null): Promise<CaptureAddress> {
  if (!domain) throw new AppError("CONFLICT", `There is no capture address to regenerate. ${CAPTURE_OFF}`);
  return withTx(ctx.db, async (db) => {
    const tx = { ...ctx, db };
    await revokeAddresses(db, ctx.workspaceId);
    const id = newId();
    await insertAddress(db, ctx.workspaceId, {
      id,
      token: newCaptureToken(),
      createdBy: actorPerson(ctx.actor),
    });
    await recordAudit(tx, {
      action: "capture_address.regenerate",
      targetType: "capture_address",
      targetId: id,
    });
    return getCaptureAddress(tx, domain);
  });
}
