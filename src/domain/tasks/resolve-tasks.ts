import type { Ctx } from "../context.ts";
import { recordEvents } from "../events/index.ts";
import { recordTimeline } from "../timeline/index.ts";
import { findTaskRows, openTasksByReason, updateTaskRow } from "./task.queries.ts";
import { closedTimelineTitle } from "./task.rules.ts";

/**
 * Closes, as `auto_resolved`, the open items of these accounts whose signal has cleared (their
 * reason key is among `reasonKeys`): a champion named again, a risk gone. Nobody has to tidy an
 * inbox of alarms that are no longer true; the account's timeline says what happened.
 */
export async function autoResolveTasks(
  ctx: Ctx,
  accountIds: string[],
  reasonKeys: string[],
  note: string,
): Promise<string[]> {
  const open = await openTasksByReason(ctx.db, ctx.workspaceId, accountIds, reasonKeys);
  if (open.length === 0) return [];
  const rows = await findTaskRows(
    ctx.db,
    ctx.workspaceId,
    open.map((t) => t.id),
  );
  const closedAt = new Date();
  for (const t of rows) {
    await updateTaskRow(ctx.db, ctx.workspaceId, t.id, {
      closedAt,
      closedBy: null,
      outcome: "auto_resolved",
      outcomeNote: note,
      snoozedUntil: null,
    });
  }
  await recordTimeline(
    ctx,
    rows.map((t) => ({
      accountId: t.accountId,
      kind: "task" as const,
      title: closedTimelineTitle(t.title, "auto_resolved"),
      body: note,
    })),
  );
  await recordEvents(
    ctx,
    rows.map((t) => ({
      type: "task.closed" as const,
      data: { accountId: t.accountId, taskId: t.id, outcome: "auto_resolved" as const },
    })),
  );
  return rows.map((t) => t.id);
}
