import { z } from "zod";
import { TEAM_ROLES } from "./account-team.ts";
import { ZDate, ZId, ZPage, ZPageQuery, ZTimestamp } from "./common.ts";
import { defineRoute } from "./route.ts";
import { ZTaskOutcome, ZTaskPriority, ZTaskType } from "./tasks.ts";

/**
 * Playbooks (PRODUCT.md capability 10): templates of ordered steps — each a task with a due offset
 * and an owner role resolved through the account team — applied to an account by hand or by a
 * rule, their progress on the account. A rule can hold out a share of the accounts it matches,
 * chosen by a seeded hash, and the playbook's report compares treated and held-out accounts over
 * the following 90 days (docs/playbooks.md).
 */

/** Steward's default playbooks, by key: a workspace starts with them and can restore any it deleted. */
export const DEFAULT_PLAYBOOK_KEYS = [
  "onboarding",
  "risk",
  "renewal",
  "expansion",
  "champion_left",
  "detractor",
] as const;
export const ZDefaultPlaybookKey = z.enum(DEFAULT_PLAYBOOK_KEYS);

/** Who a step's task goes to: someone in this role on the account team, or the account's owner. */
export const PLAYBOOK_OWNER_ROLES = ["account_owner", ...TEAM_ROLES] as const;
export const ZPlaybookOwnerRole = z.enum(PLAYBOOK_OWNER_ROLES);
export type PlaybookOwnerRole = z.infer<typeof ZPlaybookOwnerRole>;

export const PLAYBOOK_RUN_STATUSES = ["active", "completed", "cancelled", "held_out"] as const;
export const ZPlaybookRunStatus = z.enum(PLAYBOOK_RUN_STATUSES);

/** The days a playbook's effect is followed after it starts (or after an account is held out). */
export const PLAYBOOK_FOLLOW_DAYS = 90;
/** Fewer followed accounts than this in either group and the report says it cannot tell yet. */
export const PLAYBOOK_MIN_GROUP = 30;
/** A rule may hold out at most half of what it matches: a playbook is for acting. */
export const MAX_HOLD_OUT_PERCENT = 50;

const ZText = (max: number) => z.string().trim().min(1, "is required").max(max);

export const ZPlaybookStep = z.strictObject({
  title: ZText(300),
  description: z.string().trim().max(5000).nullable().default(null),
  /** Due this many days after the playbook starts. */
  dueInDays: z.number().int().min(0, "cannot be before the start").max(365, "is at most a year"),
  ownerRole: ZPlaybookOwnerRole.default("account_owner"),
  priority: ZTaskPriority.default("medium"),
});
export type PlaybookStep = z.infer<typeof ZPlaybookStep>;
export type PlaybookStepIn = z.input<typeof ZPlaybookStep>;

export const ZPlaybook = z.object({
  id: ZId,
  /** One of Steward's defaults, or null for the workspace's own. */
  key: ZDefaultPlaybookKey.nullable(),
  name: z.string(),
  description: z.string().nullable(),
  /** The inbox type of its tasks. */
  type: ZTaskType,
  steps: z.array(ZPlaybookStep),
  /** Archived: kept with its runs and report, but no longer started by hand or by rules. */
  archived: z.boolean(),
  runs: z.object({ active: z.number().int(), completed: z.number().int(), heldOut: z.number().int() }),
  createdAt: ZTimestamp,
  updatedAt: ZTimestamp,
});
export type Playbook = z.infer<typeof ZPlaybook>;

const playbookFields = {
  name: ZText(120),
  description: z.string().trim().max(2000).nullable(),
  type: ZTaskType,
  steps: z.array(ZPlaybookStep).min(1, "needs at least one step").max(30, "has at most 30 steps"),
};
export const ZPlaybookCreate = z.strictObject({
  ...playbookFields,
  description: playbookFields.description.default(null),
});
export type PlaybookCreate = z.infer<typeof ZPlaybookCreate>;
export type PlaybookCreateIn = z.input<typeof ZPlaybookCreate>;
export const ZPlaybookUpdate = z
  .strictObject({
    name: playbookFields.name.optional(),
    description: playbookFields.description.optional(),
    type: playbookFields.type.optional(),
    steps: playbookFields.steps.optional(),
    archived: z.boolean().optional(),
  })
  .refine((v) => Object.values(v).some((x) => x !== undefined), "Nothing to change");
export type PlaybookUpdate = z.infer<typeof ZPlaybookUpdate>;

const ZPerson = z.object({ userId: ZId, name: z.string() });

export const ZPlaybookRunTask = z.object({
  id: ZId,
  step: z.number().int(),
  title: z.string(),
  ownerRole: ZPlaybookOwnerRole,
  owner: ZPerson.nullable(),
  dueDate: ZDate.nullable(),
  status: z.enum(["open", "closed"]),
  outcome: ZTaskOutcome.nullable(),
  closedAt: ZTimestamp.nullable(),
});

export const ZPlaybookRun = z.object({
  id: ZId,
  playbook: z.object({ id: ZId, name: z.string(), type: ZTaskType }),
  account: z.object({ id: ZId, name: z.string() }),
  /** The rule that started it (its name kept when the rule is gone), or null when started by hand. */
  rule: z.object({ id: ZId.nullable(), name: z.string() }).nullable(),
  status: ZPlaybookRunStatus,
  /** Held out by its rule to measure the playbook's effect: no tasks, followed for 90 days. */
  heldOut: z.boolean(),
  holdOutPercent: z.number().int(),
  /** Why it started, in words. */
  reason: z.string(),
  startedBy: ZPerson.nullable(),
  startedAt: ZTimestamp,
  endedAt: ZTimestamp.nullable(),
  /** Steps closed (any outcome) out of its steps; a held-out run has none. */
  progress: z.object({ closed: z.number().int(), total: z.number().int(), overdue: z.number().int() }),
});
export type PlaybookRun = z.infer<typeof ZPlaybookRun>;

export const ZPlaybookRunDetail = ZPlaybookRun.extend({ tasks: z.array(ZPlaybookRunTask) });
export type PlaybookRunDetail = z.infer<typeof ZPlaybookRunDetail>;

export const ZPlaybookRunQuery = z.strictObject({
  playbookId: ZId.optional(),
  accountId: ZId.optional(),
  status: ZPlaybookRunStatus.optional(),
  ...ZPageQuery,
});
export type PlaybookRunQuery = z.infer<typeof ZPlaybookRunQuery>;

export const ZPlaybookStart = z.strictObject({ accountId: ZId });

/** One side of the comparison: accounts followed for the full 90 days, and what became of them. */
export const ZPlaybookGroup = z.object({
  /** Accounts whose 90 days have passed. */
  followed: z.number().int(),
  /** Still inside their 90 days: not counted yet. */
  following: z.number().int(),
  /** Average change of the health score over the 90 days; null when no account had a score both days. */
  healthChange: z.number().nullable(),
  /** Accounts with a health score at the start and at the end (those the average rests on). */
  healthMeasured: z.number().int(),
  churned: z.number().int(),
  contracted: z.number().int(),
  /** Shares of `followed`; null when nobody was followed. */
  churnRate: z.number().nullable(),
  contractionRate: z.number().nullable(),
});
export type PlaybookGroup = z.infer<typeof ZPlaybookGroup>;

export const ZPlaybookReport = z.object({
  playbook: z.object({ id: ZId, name: z.string() }),
  followDays: z.number().int(),
  /** The rules that started it with a hold-out (the comparison is within their matches). */
  rules: z.array(z.object({ id: ZId.nullable(), name: z.string(), holdOutPercent: z.number().int() })),
  treated: ZPlaybookGroup,
  heldOut: ZPlaybookGroup,
  /** Treated minus held out; null where either side has no figure. */
  difference: z.object({
    healthChange: z.number().nullable(),
    churnRate: z.number().nullable(),
    contractionRate: z.number().nullable(),
  }),
  /** Why the figures cannot tell yet (too few accounts in a group), or null. */
  caution: z.string().nullable(),
  /** The comparison in plain words. */
  summary: z.string(),
});
export type PlaybookReport = z.infer<typeof ZPlaybookReport>;

const tag = "Playbooks";
const ZPlaybookParams = z.strictObject({ playbookId: ZId });
const ZRunParams = z.strictObject({ runId: ZId });

export const playbookRoutes = {
  listPlaybooks: defineRoute({
    method: "GET",
    path: "/api/v1/playbooks",
    access: "read",
    tag,
    summary: "The workspace's playbooks, with how many runs each has",
    query: z.strictObject({ archived: z.enum(["true", "false", "all"]).default("false") }),
    response: z.object({ data: z.array(ZPlaybook) }),
  }),
  createPlaybook: defineRoute({
    method: "POST",
    path: "/api/v1/playbooks",
    access: "admin",
    tag,
    summary: "Create a playbook",
    body: ZPlaybookCreate,
    response: ZPlaybook,
    status: 201,
  }),
  restoreDefaultPlaybooks: defineRoute({
    method: "POST",
    path: "/api/v1/playbooks/defaults",
    access: "admin",
    tag,
    summary: "Add back any of Steward's six default playbooks the workspace no longer has",
    response: z.object({ data: z.array(ZPlaybook) }),
  }),
  getPlaybook: defineRoute({
    method: "GET",
    path: "/api/v1/playbooks/:playbookId",
    access: "read",
    tag,
    summary: "One playbook",
    params: ZPlaybookParams,
    response: ZPlaybook,
  }),
  updatePlaybook: defineRoute({
    method: "PATCH",
    path: "/api/v1/playbooks/:playbookId",
    access: "admin",
    tag,
    summary: "Change a playbook (runs started already keep their tasks), or archive it",
    params: ZPlaybookParams,
    body: ZPlaybookUpdate,
    response: ZPlaybook,
  }),
  deletePlaybook: defineRoute({
    method: "DELETE",
    path: "/api/v1/playbooks/:playbookId",
    access: "admin",
    tag,
    summary: "Delete a playbook that never ran and no rule starts (archive one that did)",
    params: ZPlaybookParams,
    response: null,
    status: 204,
  }),
  startPlaybook: defineRoute({
    method: "POST",
    path: "/api/v1/playbooks/:playbookId/runs",
    access: "write",
    tag,
    summary: "Apply the playbook to an account: its steps become tasks for the account team",
    params: ZPlaybookParams,
    body: ZPlaybookStart,
    response: ZPlaybookRunDetail,
    status: 201,
  }),
  playbookReport: defineRoute({
    method: "GET",
    path: "/api/v1/playbooks/:playbookId/report",
    access: "read",
    tag,
    summary:
      "The playbook's effect: accounts its rules treated against those they held out, over the following 90 days",
    params: ZPlaybookParams,
    response: ZPlaybookReport,
  }),
  listPlaybookRuns: defineRoute({
    method: "GET",
    path: "/api/v1/playbook-runs",
    access: "read",
    tag,
    summary: "Playbook runs with their progress, newest first (by playbook, account or status)",
    query: ZPlaybookRunQuery,
    response: ZPage(ZPlaybookRun),
  }),
  getPlaybookRun: defineRoute({
    method: "GET",
    path: "/api/v1/playbook-runs/:runId",
    access: "read",
    tag,
    summary: "One playbook run with its steps' tasks",
    params: ZRunParams,
    response: ZPlaybookRunDetail,
  }),
  cancelPlaybookRun: defineRoute({
    method: "POST",
    path: "/api/v1/playbook-runs/:runId/cancel",
    access: "write",
    tag,
    summary: "Stop a running playbook: its open tasks close as not needed",
    params: ZRunParams,
    response: ZPlaybookRunDetail,
  }),
} as const;
