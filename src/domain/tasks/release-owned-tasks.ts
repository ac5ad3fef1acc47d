import type { Ctx } from "../context.ts";
import { recordEvents } from "../events/index.ts";
import { releaseOpenTasks } from "./task.queries.ts";

/**
 * For someone leaving the workspace, in the caller's transaction: their open items go to the team
 * (no owner, so the team view shows them) and escalations to them are withdrawn. Answers how many.
 */
export async function releaseOwnedTasks(ctx: Ctx, userId: string): Promise<number> {
  const released = await releaseOpenTasks(ctx.db, ctx.workspaceId, userId);
  await recordEvents(
    ctx,
    released.map((t) => ({
      type: "task.changed" as const,
      data: { accountId: t.account_id, taskId: t.id, fields: ["ownerId"] },
    })),
  );
  return released.length;
}
