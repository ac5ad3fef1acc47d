import { withTx } from "../../db/transaction.ts";
import type { Ctx } from "../context.ts";
import { recordEvents } from "../events/index.ts";
import { insertCapturedEmail, type NewCapturedEmail } from "./capture.queries.ts";

/**
 * Keeps a captured email with its `captured_email.received` event; false (nothing written) when the
 * workspace has the same Message-ID already: a BCC and a forward of one email, or a retry.
 */
export async function keepCapturedEmail(ctx: Ctx, email: NewCapturedEmail): Promise<boolean> {
  return withTx(ctx.db, async (db) => {
    if (!(await insertCapturedEmail(db, ctx.workspaceId, email))) return false;
    await recordEvents({ ...ctx, db }, [
      {
        type: "captured_email.received",
        data: { capturedEmailId: email.id, accountId: email.accountId, status: email.status },
      },
    ]);
    return true;
  });
}
