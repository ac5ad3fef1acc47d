import { type Db, withTx } from "../../db/transaction.ts";
import type { Ctx } from "../context.ts";
import { listWorkspaces } from "../workspaces/index.ts";
import {
  hasMovements,
  rebuildMovements,
  recountMonthTotals,
  workspaceHasSubscriptions,
} from "./revenue.queries.ts";

/**
 * Rebuilds the MRR movements of these accounts (every account when null) from their whole
 * subscription history: an edit, a back-dated subscription or a late import changes every month
 * it touches, so an account is always rebuilt whole.
 */
export async function rebuildRevenueMovements(ctx: Ctx, accountIds: string[] | null): Promise<void> {
  await rebuildMovements(ctx.db, ctx.workspaceId, accountIds);
}

/** Sums the workspace's month totals again from its movements, after accounts were deleted. */
export async function recountRevenueTotals(ctx: Ctx): Promise<void> {
  await recountMonthTotals(ctx.db, ctx.workspaceId);
}

/**
 * Builds the movements of every workspace that has subscriptions but none yet (an installation
 * upgraded from before movements were kept); answers how many it built.
 */
export async function backfillRevenueMovements(db: Db): Promise<number> {
  let built = 0;
  for (const ws of await listWorkspaces(db)) {
    if ((await hasMovements(db, ws.id)) || !(await workspaceHasSubscriptions(db, ws.id))) continue;
    await withTx(db, (tx) => rebuildMovements(tx, ws.id, null));
    built += 1;
  }
  return built;
}
