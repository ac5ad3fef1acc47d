import { AppError, notFound } from "../../common/errors.ts";
import { newId } from "../../common/ids.ts";
import type { Task, TaskClose, TaskCreate, TaskUpdate } from "../../contract/tasks.ts";
import { ZTaskCreate } from "../../contract/tasks.ts";
import { withTx } from "../../db/transaction.ts";
import { findAccount } from "../accounts/index.ts";
import { actorPerson, type Ctx } from "../context.ts";
import { recordEvents } from "../events/index.ts";
import { findMember, memberNames } from "../members/index.ts";
import { recordTimeline } from "../timeline/index.ts";
import { getTask } from "./find-tasks.ts";
import { raiseTasks } from "./raise-tasks.ts";
import { findTaskRows, openTwin, type TaskRow, updateTaskRow } from "./task.queries.ts";
import { closedTimelineTitle, snoozeProblem } from "./task.rules.ts";

const invalid = (path: string, message: string) =>
  new AppError("VALIDATION_FAILED", `${path} ${message}`, { issues: [{ path, message }] });

async function checkOwner(ctx: Ctx, ownerId: string | null | undefined): Promise<void> {
  if (ownerId && !(await findMember(ctx.db, ctx.workspaceId, ownerId))) {
    throw invalid("ownerId", "is not a member of this workspace");
  }
}

async function openRow(ctx: Ctx, id: string): Promise<TaskRow> {
  const [row] = await findTaskRows(ctx.db, ctx.workspaceId, [id]);
  if (!row) throw notFound("Task");
  if (row.closedAt)
    throw new AppError("CONFLICT", "This item is closed: reopen it to change it", { taskId: id });
  return row;
}

/**
 * A person gives a task on an account. Its reason says who gave it; the owner is the one named,
 * else the account's owner, else the giver.
 */
export async function createTask(ctx: Ctx, input: TaskCreate): Promise<Task> {
  const body = ZTaskCreate.parse(input);
  return withTx(ctx.db, async (db) => {
    const tx = { ...ctx, db };
    const account = await findAccount(db, ctx.workspaceId, body.accountId);
    if (!account) throw invalid("accountId", "is not an account here");
    await checkOwner(tx, body.ownerId);
    const giver = actorPerson(ctx.actor);
    const [named] = giver ? await memberNames(db, ctx.workspaceId, [giver]) : [];
    const { opened } = await raiseTasks(tx, [
      {
        accountId: account.id,
        kind: body.kind,
        type: body.type,
        title: body.title,
        description: body.description ?? null,
        priority: body.priority,
        ownerId: body.ownerId !== undefined ? body.ownerId : (account.ownerId ?? giver),
        dueDate: body.dueDate ?? null,
        reason: {
          kind: "manual",
          text: named ? `Created by ${named.name}` : "Created by hand",
          data: giver ? { userId: giver } : {},
        },
        // Every task given by hand is its own reason.
        reasonKey: `manual:${newId()}`,
      },
    ]);
    return getTask(tx, opened[0] as string);
  });
}

const EDITABLE = ["title", "description", "type", "priority", "ownerId", "dueDate"] as const;

/**
 * Changes an open item. Reassigning it or moving its due date starts its escalation afresh: the
 * new owner (or date) gets their own chance before their manager hears of it.
 */
export async function updateTask(ctx: Ctx, id: string, patch: TaskUpdate): Promise<Task> {
  return withTx(ctx.db, async (db) => {
    const tx = { ...ctx, db };
    const before = await openRow(tx, id);
    const fields = EDITABLE.filter((f) => patch[f] !== undefined && patch[f] !== before[f]);
    if (fields.length === 0) return getTask(tx, id);
    if (fields.includes("ownerId")) await checkOwner(tx, patch.ownerId);
    const restart = fields.includes("ownerId") || fields.includes("dueDate");
    await updateTaskRow(db, ctx.workspaceId, id, {
      ...Object.fromEntries(fields.map((f) => [f, patch[f]])),
      ...(restart ? { escalatedAt: null, escalatedTo: [] } : {}),
    });
    await recordEvents(tx, [
      { type: "task.changed", data: { accountId: before.accountId, taskId: id, fields: [...fields].sort() } },
    ]);
    return getTask(tx, id);
  });
}

/** Snoozes an open item until a time, or (null) brings a snoozed one back now. */
export async function snoozeTask(
  ctx: Ctx,
  id: string,
  until: string | null,
  now = new Date(),
): Promise<Task> {
  return withTx(ctx.db, async (db) => {
    const tx = { ...ctx, db };
    const before = await openRow(tx, id);
    const at = until === null ? null : new Date(until);
    const problem = at ? snoozeProblem(at, now) : null;
    if (problem) throw invalid("until", problem);
    await updateTaskRow(db, ctx.workspaceId, id, { snoozedUntil: at });
    await recordEvents(tx, [
      { type: "task.changed", data: { accountId: before.accountId, taskId: id, fields: ["snoozedUntil"] } },
    ]);
    return getTask(tx, id);
  });
}

/** Closes an open item with its outcome; the account's timeline keeps what was done. */
export async function closeTask(ctx: Ctx, id: string, close: TaskClose): Promise<Task> {
  return withTx(ctx.db, async (db) => {
    const tx = { ...ctx, db };
    const before = await openRow(tx, id);
    await updateTaskRow(db, ctx.workspaceId, id, {
      closedAt: new Date(),
      closedBy: actorPerson(ctx.actor),
      outcome: close.outcome,
      outcomeNote: close.note ?? null,
      snoozedUntil: null,
    });
    await recordTimeline(tx, [
      {
        accountId: before.accountId,
        kind: "task",
        title: closedTimelineTitle(before.title, close.outcome),
        ...(close.note ? { body: close.note } : {}),
      },
    ]);
    await recordEvents(tx, [
      { type: "task.closed", data: { accountId: before.accountId, taskId: id, outcome: close.outcome } },
    ]);
    return getTask(tx, id);
  });
}

/** Reopens a closed item, unless its account, type and reason have an open one already. */
export async function reopenTask(ctx: Ctx, id: string): Promise<Task> {
  return withTx(ctx.db, async (db) => {
    const tx = { ...ctx, db };
    const [before] = await findTaskRows(db, ctx.workspaceId, [id]);
    if (!before) throw notFound("Task");
    if (!before.closedAt) return getTask(tx, id);
    const twin = await openTwin(db, ctx.workspaceId, before);
    if (twin) {
      throw new AppError(
        "CONFLICT",
        "An open item with the same account, type and reason exists: work on that one instead",
        { taskId: twin },
      );
    }
    await updateTaskRow(db, ctx.workspaceId, id, {
      closedAt: null,
      closedBy: null,
      outcome: null,
      outcomeNote: null,
      snoozedUntil: null,
      escalatedAt: null,
      escalatedTo: [],
    });
    await recordEvents(tx, [
      { type: "task.changed", data: { accountId: before.accountId, taskId: id, fields: ["reopened"] } },
    ]);
    return getTask(tx, id);
  });
}
