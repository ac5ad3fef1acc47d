import type { TaskOutcome } from "../../contract/tasks.ts";
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
  return closeBySteward(
    ctx,
    open.map((t) => t.id),
    "auto_resolved",
    note,
  );
}

/**
 * Closes these open items as Steward (no person closed them), with an outcome and a note: the
 * timeline says so and each gets its `task.closed` event. Items already closed are left alone.
 */
export async function closeBySteward(
  ctx: Ctx,
  ids: string[],
  outcome: TaskOutcome,
  note: string,
): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = (await findTaskRows(ctx.db, ctx.workspaceId, ids)).filter((t) => t.closedAt === null);
  const closedAt = new Date();
  for (const t of rows) {
    await updateTaskRow(ctx.db, ctx.workspaceId, t.id, {
      closedAt,
      closedBy: null,
      outcome,
      outcomeNote: note,
      snoozedUntil: null,
    });
  }
  await recordTimeline(
    ctx,
    rows.map((t) => ({
      accountId: t.accountId,
      kind: "task" as const,
      title: closedTimelineTitle(t.title, outcome),
      body: note,
    })),
  );
  await recordEvents(
    ctx,
    rows.map((t) => ({
      type: "task.closed" as const,
      data: { accountId: t.accountId, taskId: t.id, outcome },
    })),
  );
  return rows.map((t) => t.id);
}
