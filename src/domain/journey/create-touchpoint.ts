import { AppError } from "../../common/errors.ts";
import { newId } from "../../common/ids.ts";
import type { Touchpoint, TouchpointCreate } from "../../contract/touchpoints.ts";
import { withTx } from "../../db/transaction.ts";
import type { Ctx } from "../context.ts";
import { lockKey } from "../kernel/locks.queries.ts";
import { getTouchpoint } from "./get-touchpoint.ts";
import { upsertTouchpoints } from "./upsert-touchpoints.ts";

/** Logs a touchpoint: the bulk upsert with one row (its timeline entry and event included). */
export async function createTouchpoint(ctx: Ctx, input: TouchpointCreate): Promise<Touchpoint> {
  return withTx(ctx.db, async (db) => {
    const tx = { ...ctx, db };
    const { externalId = null, ...fields } = input;
    if (externalId !== null) await lockKey(db, "touchpoints.external_id", ctx.workspaceId, externalId);
    const [done] = await upsertTouchpoints(tx, [
      { id: newId(), externalId, input: { ...fields, source: "manual" } },
    ]);
    if (!done) throw new AppError("INTERNAL", "touchpoint vanished after upsert");
    if (!done.created) {
      throw new AppError("CONFLICT", `A touchpoint with external id "${externalId}" already exists`, {
        issues: [{ path: "externalId", message: "is already used by another touchpoint" }],
      });
    }
    return getTouchpoint(tx, done.id);
  });
}
