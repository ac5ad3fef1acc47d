import { withTx } from "../../db/transaction.ts";
import { recordAudit } from "../audit/index.ts";
import type { Ctx } from "../context.ts";
import { lockKey } from "../kernel/locks.queries.ts";
import { deleteDraftRow } from "./charter.queries.ts";

/** Throws the draft away; without one there is nothing to do (and nothing is audited). */
export async function discardCharterDraft(ctx: Ctx): Promise<void> {
  await withTx(ctx.db, async (db) => {
    await lockKey(db, "charter", ctx.workspaceId);
    const discarded = await deleteDraftRow(db, ctx.workspaceId);
    if (!discarded) return;
    await recordAudit(
      { ...ctx, db },
      {
        action: "charter.discard_draft",
        targetType: "charter_version",
        targetId: discarded.id,
        details: { version: discarded.version },
      },
    );
  });
}
