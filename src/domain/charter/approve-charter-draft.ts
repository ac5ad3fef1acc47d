import { AppError } from "../../common/errors.ts";
import type { CharterVersion } from "../../contract/charter.ts";
import { withTx } from "../../db/transaction.ts";
import { recordAudit } from "../audit/index.ts";
import { actorPerson, type Ctx } from "../context.ts";
import { recordEvents } from "../events/index.ts";
import { lockKey } from "../kernel/locks.queries.ts";
import { approveDraftRow, charterRow } from "./charter.queries.ts";
import { toCharterVersion } from "./charter.rules.ts";

/** The draft becomes the current charter, approved by the caller; 409 when there is no draft. */
export async function approveCharterDraft(ctx: Ctx): Promise<CharterVersion> {
  return withTx(ctx.db, async (db) => {
    const tx = { ...ctx, db };
    await lockKey(db, "charter", ctx.workspaceId);
    const approved = await approveDraftRow(db, ctx.workspaceId, actorPerson(ctx.actor));
    if (!approved) {
      throw new AppError("CONFLICT", "There is no draft charter to approve: save a draft first", {
        reason: "no_draft",
      });
    }
    await recordAudit(tx, {
      action: "charter.approve",
      targetType: "charter_version",
      targetId: approved.id,
      details: { version: approved.version },
    });
    await recordEvents(tx, [
      { type: "charter.approved", data: { charterVersionId: approved.id, version: approved.version } },
    ]);
    const row = await charterRow(db, ctx.workspaceId, approved.id);
    if (!row) throw new Error("the approved charter vanished");
    return toCharterVersion(row);
  });
}
