import type { UsageSettings } from "../../contract/usage.ts";
import { withTx } from "../../db/transaction.ts";
import { recordAudit } from "../audit/index.ts";
import type { Ctx } from "../context.ts";
import { findUsageSettings, upsertUsageSettings } from "./settings.queries.ts";

/** Changes the fields given; an empty patch changes nothing and answers the settings. */
export async function updateUsageSettings(ctx: Ctx, patch: Partial<UsageSettings>): Promise<UsageSettings> {
  const changes = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
  if (!Object.keys(changes).length) return findUsageSettings(ctx.db, ctx.workspaceId);
  return withTx(ctx.db, async (db) => {
    const before = await findUsageSettings(db, ctx.workspaceId);
    await upsertUsageSettings(db, ctx.workspaceId, changes);
    const after = await findUsageSettings(db, ctx.workspaceId);
    await recordAudit(
      { ...ctx, db },
      { action: "usage_settings.update", targetType: "usage_settings", details: { before, after } },
    );
    return after;
  });
}
