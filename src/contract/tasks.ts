import { z } from "zod";
import { ZDate, ZId, ZPage, ZPageQuery, ZSort, ZTimestamp } from "./common.ts";
import { defineRoute } from "./route.ts";

/**
 * The task inbox (PRODUCT.md capability 10): alerts Steward raises and tasks people or playbooks
 * give, each on an account, with a type, priority, owner, due date and the **reason** it exists —
 * which rule or which signal made it, and from which data (docs/inbox.md). The same account, type
 * and reason never has two open items: a signal that fires again counts as another occurrence of
 * the open one.
 */

/** An alert is raised by Steward from a signal; a task is work given by a person, a playbook or a rule. */
export const TASK_KINDS = ["alert", "task"] as const;
export const TASK_TYPES = ["risk", "opportunity", "lifecycle", "activity"] as const;
export const TASK_PRIORITIES = ["low", "medium", "high", "urgent"] as const;
/** `open` includes snoozed items: `snoozedUntil` in the future hides them from the inbox until then. */
export const TASK_STATUSES = ["open", "closed"] as const;
/** How an item was closed; `auto_resolved` only by Steward, when the signal that raised it cleared. */
export const TASK_OUTCOMES = ["done", "resolved", "not_needed", "unsuccessful", "auto_resolved"] as const;
/** Where an item came from. */
export const TASK_REASON_KINDS = [
  "manual",
  "survey_follow_up",
  "stakeholder_risk",
  "rule",
  "playbook",
] as const;

export const ZTaskKind = z.enum(TASK_KINDS);
export const ZTaskType = z.enum(TASK_TYPES);
export const ZTaskPriority = z.enum(TASK_PRIORITIES);
export const ZTaskOutcome = z.enum(TASK_OUTCOMES);
export const ZTaskReasonKind = z.enum(TASK_REASON_KINDS);
export type TaskKind = z.infer<typeof ZTaskKind>;
export type TaskType = z.infer<typeof ZTaskType>;
export type TaskPriority = z.infer<typeof ZTaskPriority>;
export type TaskOutcome = z.infer<typeof ZTaskOutcome>;
export type TaskReasonKind = z.infer<typeof ZTaskReasonKind>;

/** Why an item exists: what raised it, in words, and the data it was raised on. */
export const ZTaskReason = z.object({
  kind: ZTaskReasonKind,
  /** The rule that raised it (kind `rule`, or `playbook` when a rule started the playbook). */
  ruleId: ZId.optional(),
  text: z.string(),
  /** The figures and records behind it, e.g. `{ responseId, score }` or `{ riskCode, contactIds }`. */
  data: z.record(z.string(), z.unknown()),
});
export type TaskReason = z.infer<typeof ZTaskReason>;

const ZPerson = z.object({ userId: ZId, name: z.string() });

export const ZTask = z.object({
  id: ZId,
  kind: ZTaskKind,
  type: ZTaskType,
  title: z.string(),
  description: z.string().nullable(),
  priority: ZTaskPriority,
  status: z.enum(TASK_STATUSES),
  account: z.object({ id: ZId, name: z.string() }),
  /** null: nobody owns it yet (the account has no owner); it shows in the team view. */
  owner: ZPerson.nullable(),
  dueDate: ZDate.nullable(),
  /** Open and past its due date (UTC day). */
  overdue: z.boolean(),
  /** Hidden from the inbox until then; null when not snoozed or when the snooze has passed. */
  snoozedUntil: ZTimestamp.nullable(),
  reason: ZTaskReason,
  /** How many times its signal fired while it was open (1 at first). */
  occurrences: z.number().int(),
  lastOccurredAt: ZTimestamp,
  /** Overdue items go to the owner's manager (or the admins when the owner has none). */
  escalatedAt: ZTimestamp.nullable(),
  escalatedTo: z.array(ZPerson),
  createdBy: ZPerson.nullable(),
  createdAt: ZTimestamp,
  updatedAt: ZTimestamp,
  closedAt: ZTimestamp.nullable(),
  closedBy: ZPerson.nullable(),
  outcome: ZTaskOutcome.nullable(),
  outcomeNote: z.string().nullable(),
});
export type Task = z.infer<typeof ZTask>;

export const TASK_VIEWS = ["all", "mine", "team", "overdue"] as const;
export const ZTaskView = z.enum(TASK_VIEWS);
export type TaskView = z.infer<typeof ZTaskView>;
/** `open`: awake open items; `snoozed`: open but snoozed; `closed`; `all`. */
export const TASK_STATUS_FILTERS = ["open", "snoozed", "closed", "all"] as const;

export const ZTaskListQuery = z.strictObject({
  ...ZPageQuery,
  /**
   * `mine`: owned by me or escalated to me; `team`: owned by my team (members of my team and
   * everyone reporting to me; the whole workspace when I have neither) or by nobody; `overdue`:
   * open and past due; `all` (default): the workspace.
   */
  view: ZTaskView.default("all"),
  status: z.enum(TASK_STATUS_FILTERS).default("open"),
  ownerId: ZId.optional(),
  accountId: ZId.optional(),
  type: ZTaskType.optional(),
  priority: ZTaskPriority.optional(),
  /** dueDate: soonest first, undated last; priority: most urgent first; closedAt (open items by creation). */
  sort: ZSort(["dueDate", "priority", "createdAt", "closedAt"], "dueDate"),
});
export type TaskListQuery = z.infer<typeof ZTaskListQuery>;

/** Counts per inbox view for the caller, for the tabs and the navigation badge. */
export const ZTaskCounts = z.object({
  mine: z.number().int(),
  team: z.number().int(),
  overdue: z.number().int(),
  all: z.number().int(),
  snoozed: z.number().int(),
});
export type TaskCounts = z.infer<typeof ZTaskCounts>;

const ZTitle = z.string().trim().min(1, "is required").max(300);
const ZDescription = z.string().trim().max(10_000).nullable();

export const ZTaskCreate = z.strictObject({
  accountId: ZId,
  title: ZTitle,
  description: ZDescription.optional(),
  kind: ZTaskKind.default("task"),
  type: ZTaskType.default("activity"),
  priority: ZTaskPriority.default("medium"),
  /** Omitted: the account's owner, else the person creating it. */
  ownerId: ZId.nullable().optional(),
  dueDate: ZDate.nullable().optional(),
});
export type TaskCreate = z.input<typeof ZTaskCreate>;

export const ZTaskUpdate = z
  .strictObject({
    title: ZTitle,
    description: ZDescription,
    type: ZTaskType,
    priority: ZTaskPriority,
    /** Reassign; null leaves it to the team. */
    ownerId: ZId.nullable(),
    dueDate: ZDate.nullable(),
  })
  .partial();
export type TaskUpdate = z.infer<typeof ZTaskUpdate>;

export const ZTaskSnooze = z.strictObject({
  /** When it comes back into the inbox: within a year; null brings it back now. */
  until: ZTimestamp.nullable(),
});

export const ZTaskClose = z
  .strictObject({
    outcome: ZTaskOutcome.exclude(["auto_resolved"]),
    note: z.string().trim().max(5_000).nullable().optional(),
  })
  .refine((c) => c.outcome !== "unsuccessful" || !!c.note, {
    path: ["note"],
    message: "is required when it did not work out: say what happened",
    params: { code: "note_required" },
  });
export type TaskClose = z.infer<typeof ZTaskClose>;

const ZTaskParams = z.strictObject({ taskId: ZId });
const tag = "tasks";

export const taskRoutes = {
  listTasks: defineRoute({
    method: "GET",
    path: "/api/v1/tasks",
    access: "read",
    tag,
    summary: "Inbox items with their reason: by default the workspace's open ones, soonest due first",
    query: ZTaskListQuery,
    response: ZPage(ZTask),
  }),
  countTasks: defineRoute({
    method: "GET",
    path: "/api/v1/tasks/counts",
    access: "read",
    tag,
    summary: "How many open items each inbox view holds for the caller",
    response: ZTaskCounts,
  }),
  createTask: defineRoute({
    method: "POST",
    path: "/api/v1/tasks",
    access: "write",
    tag,
    summary: "Give a task on an account (its reason says who gave it)",
    body: ZTaskCreate,
    response: ZTask,
    status: 201,
  }),
  getTask: defineRoute({
    method: "GET",
    path: "/api/v1/tasks/:taskId",
    access: "read",
    tag,
    summary: "One inbox item with its reason",
    params: ZTaskParams,
    response: ZTask,
  }),
  updateTask: defineRoute({
    method: "PATCH",
    path: "/api/v1/tasks/:taskId",
    access: "write",
    tag,
    summary: "Change an open item: title, description, type, priority, due date, or reassign it",
    params: ZTaskParams,
    body: ZTaskUpdate,
    response: ZTask,
  }),
  snoozeTask: defineRoute({
    method: "POST",
    path: "/api/v1/tasks/:taskId/snooze",
    access: "write",
    tag,
    summary: "Hide an open item from the inbox until a time (or bring a snoozed one back with null)",
    params: ZTaskParams,
    body: ZTaskSnooze,
    response: ZTask,
  }),
  closeTask: defineRoute({
    method: "POST",
    path: "/api/v1/tasks/:taskId/close",
    access: "write",
    tag,
    summary: "Close an item with its outcome (and a note; required when it did not work out)",
    params: ZTaskParams,
    body: ZTaskClose,
    response: ZTask,
  }),
  reopenTask: defineRoute({
    method: "POST",
    path: "/api/v1/tasks/:taskId/reopen",
    access: "write",
    tag,
    summary: "Reopen a closed item (refused when the same account, type and reason already has an open one)",
    params: ZTaskParams,
    response: ZTask,
  }),
} as const;
