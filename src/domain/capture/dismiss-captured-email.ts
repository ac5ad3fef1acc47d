import { AppError, notFound } from "../../common/errors.ts";
import type { CapturedEmail } from "../../contract/capture.ts";
import { withTx } from "../../db/transaction.ts";
import type { Ctx } from "../context.ts";
import { recordEvents } from "../events/index.ts";
import { findCapturedEmail, updateCapturedEmail } from "./capture.queries.ts";
import { getCapturedEmail } from "./find-captured-emails.ts";

/** Takes an unmatched email off the review list; it stays kept (and can still be assigned). */
export async function dismissCapturedEmail(ctx: Ctx, id: string): Promise<CapturedEmail> {
  return withTx(ctx.db, async (db) => {
    const tx = { ...ctx, db };
    const row = await findCapturedEmail(db, ctx.workspaceId, id);
    if (!row) throw notFound("Captured email");
    if (row.status !== "unmatched") {
      throw new AppError(
        "CONFLICT",
        row.status === "matched"
          ? "This email is a touchpoint already: delete the touchpoint on its account instead"
          : "This email is dismissed already",
      );
    }
    await updateCapturedEmail(db, ctx.workspaceId, id, { status: "dismissed" });
    await recordEvents(tx, [{ type: "captured_email.dismissed", data: { capturedEmailId: id } }]);
    return getCapturedEmail(tx, id);
  });
}
