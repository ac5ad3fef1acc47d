import { utcToday } from "../../common/dates.ts";
import { AppError } from "../../common/errors.ts";

import type { UsageFeature } from "../../contract/usage.ts";
import { withTx } from "../../db/transaction.ts";

import { recordAudit } from "../audit/index.ts";

import type { Ctx } from "../context.ts";
import { findFeature, upsertFeature } from "./settings.queries.ts";

/**
 * Names a feature and marks it key or not. The event need not have been seen: features can be
 * defined before their events arrive.
 */
export async function updateUsageFeature(
  ctx: Ctx,
  event: string,
  patch: { name?: string; key?: boolean },
): Promise<UsageFeature> {
  return withTx(ctx.db, async (db) => {
    await upsertFeature(db, ctx.workspaceId, event, patch);
    await recordAudit(
      { ...ctx, db },
      { action: "usage_feature.update", targetType: "usage_feature", targetId: event, details: { ...patch } },
    );
    const feature = await findFeature(db, ctx.workspaceId, event, utcToday());
    if (!feature) throw new AppError("INTERNAL", "feature vanished after upsert");
    return feature;
  });
}
