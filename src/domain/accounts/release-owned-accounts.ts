import type { Ctx } from "../context.ts";
import { recordTimeline } from "../timeline/index.ts";
import { clearAccountOwner } from "./account.queries.ts";

/**
 * Clears the owner of every account the person owns, in the caller's transaction, with a timeline
 * entry on each: for someone leaving the workspace. Answers how many accounts lost their owner.
 */
export async function releaseOwnedAccounts(ctx: Ctx, userId: string, personName: string): Promise<number> {
  const ids = await clearAccountOwner(ctx.db, ctx.workspaceId, userId);
  await recordTimeline(
    ctx,
    ids.map((accountId) => ({
      accountId,
      kind: "account" as const,
      title: `${personName} left the workspace: owner cleared`,
    })),
  );
  return ids.length;
}
