import { notFound } from "../../common/errors.ts";
import { withTx } from "../../db/transaction.ts";
import type { Ctx } from "../context.ts";
import { recordEvents } from "../events/index.ts";
import { recordTimeline } from "../timeline/index.ts";
import { deleteTouchpointRow, findTouchpoint } from "./touchpoint.queries.ts";
import { touchpointTitle } from "./touchpoint.rules.ts";

/** Deletes a touchpoint with its key players; the account's timeline says it was removed. */
export async function deleteTouchpoint(ctx: Ctx, id: string): Promise<void> {
  await withTx(ctx.db, async (db) => {
    const tx = { ...ctx, db };
    const row = await findTouchpoint(db, ctx.workspaceId, id);
    if (!row) throw notFound("Touchpoint");
    await deleteTouchpointRow(db, ctx.workspaceId, id);
    await recordTimeline(tx, [
      { accountId: row.accountId, kind: "touchpoint", title: `Touchpoint removed: ${touchpointTitle(row)}` },
    ]);
    await recordEvents(tx, [
      { type: "touchpoint.deleted", data: { accountId: row.accountId, touchpointId: id } },
    ]);
  });
}
