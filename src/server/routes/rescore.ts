import type { Ctx } from "../../domain/context.ts";
import { recomputeHealth } from "../../domain/health/index.ts";

/**
 * A write changed what an account's health reads (its subscriptions, key players, coverage or
 * tier): its score for today is recomputed before the answer goes out, so the account page shows
 * the new score at once. Usage changes reach scores through the hourly job.
 */
export async function rescore<T>(ctx: Ctx, accountIds: (string | null | undefined)[], result: T): Promise<T> {
  const ids = [...new Set(accountIds.filter((id): id is string => !!id))];
  if (ids.length > 0) await recomputeHealth(ctx.db, ctx.workspaceId, { accountIds: ids });
  return result;
}

/** After a bulk change (an import): every customer of the workspace. */
export async function rescoreAll<T>(ctx: Ctx, result: T): Promise<T> {
  await recomputeHealth(ctx.db, ctx.workspaceId);
  return result;
}
