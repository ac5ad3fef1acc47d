import { notFound } from "../../common/errors.ts";
import type { Touchpoint, TouchpointUpdate } from "../../contract/touchpoints.ts";
import { withTx } from "../../db/transaction.ts";
import type { Ctx } from "../context.ts";
import { getTouchpoint } from "./get-touchpoint.ts";
import { findTouchpoint } from "./touchpoint.queries.ts";
import { upsertTouchpoints } from "./upsert-touchpoints.ts";

/** Changes the fields given; `contactIds` replaces the key players; a new quality rating takes the actor as rater. */
export async function updateTouchpoint(ctx: Ctx, id: string, patch: TouchpointUpdate): Promise<Touchpoint> {
  return withTx(ctx.db, async (db) => {
    const tx = { ...ctx, db };
    if (!(await findTouchpoint(db, ctx.workspaceId, id))) throw notFound("Touchpoint");
    if (Object.keys(patch).length > 0) await upsertTouchpoints(tx, [{ id, externalId: null, input: patch }]);
    return getTouchpoint(tx, id);
  });
}
