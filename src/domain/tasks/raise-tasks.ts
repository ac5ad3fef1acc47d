import { utcToday } from "../../common/dates.ts";
import { newId } from "../../common/ids.ts";
import type { Ctx } from "../context.ts";
import { actorPerson } from "../context.ts";
import { recordEvents } from "../events/index.ts";
import { insertTasks } from "./task.queries.ts";
import { dueDateFor, type RaisedTask } from "./task.rules.ts";

/** Each item's task (opened now, or the open one it repeated), in the order raised; then the ids of both kinds. */
export type Raised = {
  items: { accountId: string; type: string; reasonKey: string; taskId: string; created: boolean }[];
  opened: string[];
  repeated: string[];
};

/**
 * The inbox's one write path for new items, set-based: the closed loop, relationship risks, rules
 * and playbooks raise through it, and so does a person giving a task. An item whose account, type
 * and reason key already has an open one opens nothing new: the open one counts an occurrence.
 * Items get the account's owner and a due date by priority unless they name their own.
 */
export async function raiseTasks(ctx: Ctx, items: RaisedTask[], now = new Date()): Promise<Raised> {
  if (items.length === 0) return { items: [], opened: [], repeated: [] };
  const today = utcToday(now);
  // A due date per priority, worked out once for the thousands of items a rule may raise.
  const dueDates = new Map<RaisedTask["priority"], string>();
  const dueDate = (p: RaisedTask["priority"]) =>
    dueDates.get(p) ?? (dueDates.set(p, dueDateFor(p, today)).get(p) as string);
  const byId = new Map<string, RaisedTask>();
  // One statement cannot touch the same open item twice: the last of a repeated reason stands for it.
  const unique = [...new Map(items.map((i) => [`${i.accountId}|${i.type}|${i.reasonKey}`, i])).values()];
  const rows = unique.map((i) => {
    const id = newId();
    byId.set(id, i);
    return {
      id,
      accountId: i.accountId,
      kind: i.kind,
      type: i.type,
      title: i.title,
      description: i.description ?? null,
      priority: i.priority,
      ownerId: i.ownerId ?? null,
      ownerFromAccount: i.ownerId === undefined,
      dueDate: i.dueDate !== undefined ? i.dueDate : dueDate(i.priority),
      reason: i.reason,
      reasonKey: i.reasonKey,
      ruleId: i.reason.ruleId ?? null,
      playbookRunId: i.playbookRunId ?? null,
      playbookStep: i.playbookStep ?? null,
      createdBy: actorPerson(ctx.actor),
    };
  });
  const written = await insertTasks(ctx.db, ctx.workspaceId, rows);
  const opened = written.filter((w) => w.created);
  await recordEvents(
    ctx,
    opened.map((w) => {
      const item = byId.get(w.id) as RaisedTask;
      return {
        type: "task.created" as const,
        data: {
          accountId: w.accountId,
          taskId: w.id,
          kind: item.kind,
          type: item.type,
          reasonKind: item.reason.kind,
          ruleId: item.reason.ruleId ?? null,
        },
      };
    }),
  );
  const byKey = new Map(written.map((w) => [`${w.accountId}|${w.type}|${w.reasonKey}`, w]));
  return {
    items: items.flatMap((i) => {
      const w = byKey.get(`${i.accountId}|${i.type}|${i.reasonKey}`);
      return w
        ? [{ accountId: i.accountId, type: i.type, reasonKey: i.reasonKey, taskId: w.id, created: w.created }]
        : [];
    }),
    opened: opened.map((w) => w.id),
    repeated: written.filter((w) => !w.created).map((w) => w.id),
  };
}
