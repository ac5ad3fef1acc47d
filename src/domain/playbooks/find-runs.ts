import { utcToday } from "../../common/dates.ts";
import { notFound } from "../../common/errors.ts";
import type {
  PlaybookOwnerRole,
  PlaybookRun,
  PlaybookRunDetail,
  PlaybookRunQuery,
} from "../../contract/playbooks.ts";
import type { TaskOutcome, TaskType } from "../../contract/tasks.ts";
import type { Ctx } from "../context.ts";
import { findRunRow, pageRunRows, type RunRow, runTaskRows } from "./playbook.queries.ts";

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

const toRun = (r: RunRow): PlaybookRun => ({
  id: r.id,
  playbook: { id: r.playbookId, name: r.playbookName, type: r.playbookType as TaskType },
  account: { id: r.accountId, name: r.accountName },
  rule: r.ruleName !== null ? { id: r.ruleId, name: r.ruleName } : null,
  status: r.status as PlaybookRun["status"],
  heldOut: r.heldOut,
  holdOutPercent: r.holdOutPercent,
  reason: r.reason,
  startedBy: r.startedBy && r.startedByName !== null ? { userId: r.startedBy, name: r.startedByName } : null,
  startedAt: new Date(r.startedAt).toISOString(),
  endedAt: iso(r.endedAt),
  progress: { closed: r.closed, total: r.total, overdue: r.overdue },
});

/** Playbook runs with their progress, newest first. */
export async function listPlaybookRuns(ctx: Ctx, q: PlaybookRunQuery) {
  const page = await pageRunRows(ctx.db, ctx.workspaceId, utcToday(), q);
  return { data: page.data.map(toRun), nextCursor: page.nextCursor };
}

/** One run with its steps' tasks, in step order. */
export async function getPlaybookRun(ctx: Ctx, id: string): Promise<PlaybookRunDetail> {
  const row = await findRunRow(ctx.db, ctx.workspaceId, utcToday(), id);
  if (!row) throw notFound("Playbook run");
  const tasks = await runTaskRows(ctx.db, ctx.workspaceId, id);
  return {
    ...toRun(row),
    tasks: tasks.map((t) => ({
      id: t.id,
      step: t.step + 1,
      title: t.title,
      ownerRole: (t.ownerRole ?? "account_owner") as PlaybookOwnerRole,
      owner: t.ownerId && t.ownerName !== null ? { userId: t.ownerId, name: t.ownerName } : null,
      dueDate: t.dueDate,
      status: t.closedAt ? "closed" : "open",
      outcome: t.outcome as TaskOutcome | null,
      closedAt: iso(t.closedAt),
    })),
  };
}
