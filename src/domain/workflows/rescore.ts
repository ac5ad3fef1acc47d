import type { Ctx } from "../context.ts";
import { recomputeHealth } from "../health/index.ts";

/**
 * A write changed what an account's health reads (its subscriptions, key players, coverage or
 * tier): its score for today is recomputed before the caller answers, so the account page shows
 * the new score at once. Usage changes reach scores through the hourly job.
 */
export async function rescoreAccounts(ctx: Ctx, accountIds: (string | null | undefined)[]): Promise<void> {
  const ids = [...new Set(accountIds.filter((id): id is string => !!id))];
  if (ids.length > 0) await recomputeHealth(ctx.db, ctx.workspaceId, { accountIds: ids });
}

/** After a bulk change (an import): every customer of the workspace. */
export async function rescoreWorkspace(ctx: Ctx): Promise<void> {
  await recomputeHealth(ctx.db, ctx.workspaceId);
}
