import { utcToday } from "../../common/dates.ts";
import { notFound } from "../../common/errors.ts";
import type { Task, TaskCounts, TaskListQuery } from "../../contract/tasks.ts";
import { actorPerson, type Ctx } from "../context.ts";
import { memberNames, reportsOf } from "../members/index.ts";
import {
  countOpenTasks,
  findTaskRows,
  pageTasks,
  type TaskFilter,
  type TaskRow,
  teammates,
} from "./task.queries.ts";
import { toTask } from "./task.rules.ts";

/**
 * The person's team for the inbox: themselves, everyone reporting to them and the members of
 * their named team; null (the whole workspace) when they have neither reports nor a team.
 */
async function teamOf(ctx: Ctx, userId: string | null): Promise<string[] | null> {
  if (!userId) return null;
  const ids = new Set([userId, ...(await reportsOf(ctx.db, ctx.workspaceId, userId))]);
  for (const id of await teammates(ctx.db, ctx.workspaceId, userId)) ids.add(id);
  return ids.size > 1 ? [...ids] : null;
}

/** Rows to items, naming the people each was escalated to. */
export async function toTasks(ctx: Ctx, rows: TaskRow[], now = new Date()): Promise<Task[]> {
  const escalated = [...new Set(rows.flatMap((r) => r.escalatedTo))];
  const names = new Map(
    (await memberNames(ctx.db, ctx.workspaceId, escalated)).map((m) => [m.id, m.name] as const),
  );
  const today = utcToday(now);
  return rows.map((r) => toTask(r, names, now, today));
}

export async function listTasks(
  ctx: Ctx,
  q: TaskListQuery,
): Promise<{ data: Task[]; nextCursor: string | null }> {
  const now = new Date();
  const me = actorPerson(ctx.actor);
  const filter: TaskFilter = {
    status: q.status,
    ownerId: q.ownerId,
    accountId: q.accountId,
    type: q.type,
    priority: q.priority,
  };
  if (q.view === "mine") {
    // Steward itself owns nothing: its "mine" is empty rather than everything.
    if (!me) return { data: [], nextCursor: null };
    filter.mine = me;
  }
  if (q.view === "team") {
    const team = await teamOf(ctx, me);
    if (team) filter.teamIds = team;
  }
  if (q.view === "overdue") filter.overdue = true;
  const page = await pageTasks(ctx.db, ctx.workspaceId, {
    filter,
    sort: q.sort,
    limit: q.limit,
    cursor: q.cursor,
    now,
    today: utcToday(now),
  });
  return { data: await toTasks(ctx, page.data, now), nextCursor: page.nextCursor };
}

export async function getTask(ctx: Ctx, id: string): Promise<Task> {
  const [row] = await findTaskRows(ctx.db, ctx.workspaceId, [id]);
  if (!row) throw notFound("Task");
  const [task] = await toTasks(ctx, [row]);
  return task as Task;
}

export async function countTasks(ctx: Ctx): Promise<TaskCounts> {
  const now = new Date();
  const me = actorPerson(ctx.actor);
  return countOpenTasks(ctx.db, ctx.workspaceId, {
    userId: me,
    teamIds: await teamOf(ctx, me),
    now,
    today: utcToday(now),
  });
}
