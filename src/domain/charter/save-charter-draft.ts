import { newId } from "../../common/ids.ts";
import {
  type CharterDraftInput,
  type CharterVersion,
  inChainOrder,
  ZCharterDraftInput,
} from "../../contract/charter.ts";
import { withTx } from "../../db/transaction.ts";
import { recordAudit } from "../audit/index.ts";
import { actorPerson, type Ctx } from "../context.ts";
import { lockKey } from "../kernel/locks.queries.ts";
import { charterRow, writeDraft } from "./charter.queries.ts";
import { toCharterVersion } from "./charter.rules.ts";

/**
 * Writes the charter's draft: creates it (the next version number) or replaces its text. Starting
 * from the current charter's text is the caller's part; approved versions stay as they were.
 */
export async function saveCharterDraft(ctx: Ctx, input: CharterDraftInput): Promise<CharterVersion> {
  const body = ZCharterDraftInput.parse(input);
  return withTx(ctx.db, async (db) => {
    // Two saves at once: the second replaces the draft the first made, never a second draft.
    await lockKey(db, "charter", ctx.workspaceId);
    const id = await writeDraft(
      db,
      ctx.workspaceId,
      newId(),
      {
        vision: body.vision,
        mission: body.mission,
        objectives: inChainOrder(body.objectives),
        changeNote: body.changeNote || null,
      },
      actorPerson(ctx.actor),
    );
    const row = await charterRow(db, ctx.workspaceId, id);
    if (!row) throw new Error("the charter draft vanished");
    await recordAudit(
      { ...ctx, db },
      {
        action: "charter.save_draft",
        targetType: "charter_version",
        targetId: id,
        details: { version: row.version },
      },
    );
    return toCharterVersion(row);
  });
}
