import { z } from "zod";
import { ZCoverage, ZLifecycleStage } from "./accounts.ts";
import { ZId, ZPage, ZPageQuery, ZTimestamp } from "./common.ts";
import { ZDomainEventType } from "./events.ts";
import { ZHealthBand } from "./health.ts";
import { MAX_HOLD_OUT_PERCENT } from "./playbooks.ts";
import { defineRoute } from "./route.ts";
import { ZFilterGroup } from "./segments.ts";
import { ZTaskKind, ZTaskPriority, ZTaskType } from "./tasks.ts";

/**
 * Rules (PRODUCT.md capability 10): when something happens to an account (the trigger) and the
 * account fits (the conditions, as a segment's filter), do something (the actions). Every run is
 * logged with what matched and why; a dry run shows what a rule would do now and a replay what it
 * would have done over past days, before it is switched on (docs/rules.md).
 */

/** Numbers a threshold trigger watches, as segments name them. */
export const THRESHOLD_METRICS = [
  "health.score",
  "churn.probability",
  "expansion.probability",
  "success.index",
  "usage.activeUsers30d",
  "usage.events30d",
] as const;

export const ZRuleTrigger = z.discriminatedUnion("kind", [
  /** Any domain event of this type about an account (e.g. `ticket.created`). */
  z.strictObject({ kind: z.literal("event"), eventType: ZDomainEventType }),
  /** A cron expression in UTC (e.g. `0 8 * * 1`: Mondays at 08:00): every matching account, each time. */
  z.strictObject({ kind: z.literal("schedule"), cron: z.string().trim().min(9).max(100) }),
  /** A number crossing a line: fires when an account goes from one side to the other. */
  z.strictObject({
    kind: z.literal("threshold"),
    metric: z.enum(THRESHOLD_METRICS),
    direction: z.enum(["drops_below", "rises_above"]),
    value: z.number(),
  }),
  /** The health band changed (optionally: to this band). */
  z.strictObject({ kind: z.literal("health_band"), to: ZHealthBand.optional() }),
  z.strictObject({ kind: z.literal("segment"), segmentId: ZId, change: z.enum(["entered", "left"]) }),
  /** The lifecycle stage changed (optionally: to this stage). */
  z.strictObject({ kind: z.literal("stage_change"), to: ZLifecycleStage.optional() }),
  /** A survey answer (optionally of a kind, with a score at most / at least). */
  z.strictObject({
    kind: z.literal("survey_answer"),
    surveyKind: z.enum(["nps", "csat", "ces"]).optional(),
    scoreAtMost: z.number().int().optional(),
    scoreAtLeast: z.number().int().optional(),
  }),
  /** The next renewal is this many days away (once per renewal date). */
  z.strictObject({ kind: z.literal("renewal"), daysBefore: z.number().int().min(1).max(730) }),
  /** A key player (economic buyer, decision maker or champion) left the company. */
  z.strictObject({ kind: z.literal("key_player_left") }),
  /** A key player's outcome went at risk. */
  z.strictObject({ kind: z.literal("outcome_at_risk") }),
]);
export type RuleTrigger = z.infer<typeof ZRuleTrigger>;
export type RuleTriggerKind = RuleTrigger["kind"];

/** Who an action's task or email goes to. */
export const ZAssignee = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("account_owner") }),
  z.strictObject({ kind: z.literal("user"), userId: ZId }),
  /** The team's members in turn (by name), each getting the next one. */
  z.strictObject({ kind: z.literal("round_robin"), team: z.string().trim().min(1).max(100) }),
]);
export type Assignee = z.infer<typeof ZAssignee>;

const ZText = (max: number) => z.string().trim().min(1, "is required").max(max);

export const ZRuleAction = z.discriminatedUnion("kind", [
  z.strictObject({
    kind: z.literal("create_task"),
    taskKind: ZTaskKind.default("task"),
    type: ZTaskType,
    priority: ZTaskPriority,
    title: ZText(300),
    description: z.string().trim().max(5000).optional(),
    dueInDays: z.number().int().min(0).max(365).optional(),
    assignee: ZAssignee.default({ kind: "account_owner" }),
  }),
  /**
   * An email through the workspace's SMTP, to the account's owner or its key players. `{account}`,
   * `{firstName}` and `{owner}` in the subject and text are replaced; nothing else is interpreted.
   */
  z.strictObject({
    kind: z.literal("send_email"),
    to: z.enum(["account_owner", "key_players"]),
    subject: ZText(200),
    text: ZText(10_000),
  }),
  /** Sets an account field: tier, region, industry, or a custom field (`custom.<key>`). */
  z.strictObject({
    kind: z.literal("update_field"),
    field: z.string().min(1).max(120),
    value: z.union([z.string().max(500), z.number(), z.boolean(), z.null()]),
  }),
  /**
   * Applies a playbook to each matching account without one running; `holdOutPercent` of them,
   * chosen by a seeded hash of rule and account, are held out instead to measure its effect.
   */
  z.strictObject({
    kind: z.literal("start_playbook"),
    playbookId: ZId,
    holdOutPercent: z
      .number()
      .int()
      .min(0)
      .max(MAX_HOLD_OUT_PERCENT, `is at most ${MAX_HOLD_OUT_PERCENT}%`)
      .default(0),
  }),
  z.strictObject({ kind: z.literal("set_stage"), stage: ZLifecycleStage }),
  z.strictObject({ kind: z.literal("set_coverage"), coverage: ZCoverage }),
  z.strictObject({ kind: z.literal("assign_owner"), assignee: ZAssignee }),
]);
export type RuleAction = z.infer<typeof ZRuleAction>;
export type RuleActionIn = z.input<typeof ZRuleAction>;

export const ZRule = z.object({
  id: ZId,
  name: z.string(),
  description: z.string().nullable(),
  /** Only enabled rules run; a new rule starts disabled so it can be dry-run and replayed first. */
  enabled: z.boolean(),
  trigger: ZRuleTrigger,
  /** The accounts it acts on, as a segment's filter (an empty group: every account). */
  conditions: ZFilterGroup,
  actions: z.array(ZRuleAction),
  lastRunAt: ZTimestamp.nullable(),
  createdBy: z.object({ userId: ZId, name: z.string() }).nullable(),
  createdAt: ZTimestamp,
  updatedAt: ZTimestamp,
});
export type Rule = z.infer<typeof ZRule>;

const ruleFields = {
  name: ZText(120),
  description: z.string().trim().max(2000).nullable(),
  trigger: ZRuleTrigger,
  conditions: ZFilterGroup,
  actions: z.array(ZRuleAction).min(1, "needs at least one action").max(10),
  enabled: z.boolean(),
};
export const ZRuleCreate = z.strictObject({
  ...ruleFields,
  description: ruleFields.description.optional(),
  conditions: ZFilterGroup.default({ match: "all", conditions: [] }),
  enabled: z.boolean().default(false),
});
export type RuleCreate = z.input<typeof ZRuleCreate>;
/** Only what is sent changes (no defaults here: a switch-on must not reset the conditions). */
export const ZRuleUpdate = z.strictObject(ruleFields).partial();
export type RuleUpdate = z.input<typeof ZRuleUpdate>;

/** What one action did (or, in a dry run, would do) to one account. */
export const ZActionResult = z.object({
  kind: z.string(),
  /** In words: "opened task …", "stage adoption → renewal", "no change: already …". */
  text: z.string(),
  /** The task opened or found open (create_task). */
  taskId: ZId.optional(),
});

/** One account a run matched: why, and what was done. */
export const ZRuleMatch = z.object({
  account: z.object({ id: ZId, name: z.string() }),
  /** The trigger and the values of the conditions' fields that made it match. */
  why: z.string(),
  values: z.record(z.string(), z.unknown()),
  actions: z.array(ZActionResult),
});
export type RuleMatch = z.infer<typeof ZRuleMatch>;

export const ZRuleRun = z.object({
  id: ZId,
  ruleId: ZId,
  /** event | schedule | evaluation (threshold, renewal, segment) | manual */
  cause: z.string(),
  status: z.enum(["succeeded", "failed"]),
  matched: z.number().int(),
  error: z.string().nullable(),
  startedAt: ZTimestamp,
  finishedAt: ZTimestamp.nullable(),
});
export type RuleRun = z.infer<typeof ZRuleRun>;

export const ZRuleRunDetail = ZRuleRun.extend({ matches: z.array(ZRuleMatch) });

export const ZDryRun = z.object({
  /** Accounts the rule would act on now. */
  matched: z.number().int(),
  matches: z.array(ZRuleMatch),
  /** Why the dry run can only approximate (e.g. an event trigger: conditions tested as if the event came now). */
  notes: z.array(z.string()),
});
export type DryRun = z.infer<typeof ZDryRun>;

export const ZReplayQuery = z.strictObject({ days: z.coerce.number().int().min(1).max(365).default(90) });

export const ZReplay = z.object({
  days: z.number().int(),
  from: z.string(),
  to: z.string(),
  /** Times the rule would have fired, and distinct accounts. */
  firings: z.number().int(),
  accounts: z.number().int(),
  /** Of those accounts, how many churned or contracted after the rule first caught them. */
  churned: z.number().int(),
  contracted: z.number().int(),
  caught: z.array(
    z.object({
      account: z.object({ id: ZId, name: z.string() }),
      firstDay: z.string(),
      firings: z.number().int(),
      churned: z.boolean(),
      contracted: z.boolean(),
    }),
  ),
  /** Conditions or triggers the replay could only evaluate on today's values, and other limits. */
  flags: z.array(z.string()),
});
export type Replay = z.infer<typeof ZReplay>;

const ZRuleParams = z.strictObject({ ruleId: ZId });
const tag = "rules";

export const ruleRoutes = {
  listRules: defineRoute({
    method: "GET",
    path: "/api/v1/rules",
    access: "read",
    tag,
    summary: "The workspace's rules",
    response: z.object({ data: z.array(ZRule) }),
  }),
  createRule: defineRoute({
    method: "POST",
    path: "/api/v1/rules",
    access: "admin",
    tag,
    summary: "Create a rule (disabled unless `enabled`: dry-run and replay it first)",
    body: ZRuleCreate,
    response: ZRule,
    status: 201,
  }),
  getRule: defineRoute({
    method: "GET",
    path: "/api/v1/rules/:ruleId",
    access: "read",
    tag,
    summary: "One rule",
    params: ZRuleParams,
    response: ZRule,
  }),
  updateRule: defineRoute({
    method: "PATCH",
    path: "/api/v1/rules/:ruleId",
    access: "admin",
    tag,
    summary: "Change a rule, or switch it on or off",
    params: ZRuleParams,
    body: ZRuleUpdate,
    response: ZRule,
  }),
  deleteRule: defineRoute({
    method: "DELETE",
    path: "/api/v1/rules/:ruleId",
    access: "admin",
    tag,
    summary: "Delete a rule and its run log (the tasks it opened stay)",
    params: ZRuleParams,
    response: null,
    status: 204,
  }),
  dryRunRule: defineRoute({
    method: "POST",
    path: "/api/v1/rules/:ruleId/dry-run",
    access: "read",
    tag,
    summary: "What the rule would do now, account by account, without doing it",
    params: ZRuleParams,
    response: ZDryRun,
  }),
  replayRule: defineRoute({
    method: "POST",
    path: "/api/v1/rules/:ruleId/replay",
    access: "read",
    tag,
    summary:
      "What the rule would have done over the past N days, from history: accounts caught and how many later churned or contracted",
    params: ZRuleParams,
    query: ZReplayQuery,
    response: ZReplay,
  }),
  runRule: defineRoute({
    method: "POST",
    path: "/api/v1/rules/:ruleId/run",
    access: "admin",
    tag,
    summary: "Run the rule now over every account that fits its conditions (logged like any run)",
    params: ZRuleParams,
    response: ZRuleRunDetail,
  }),
  listRuleRuns: defineRoute({
    method: "GET",
    path: "/api/v1/rules/:ruleId/runs",
    access: "read",
    tag,
    summary: "The rule's runs, newest first",
    params: ZRuleParams,
    query: z.strictObject({ ...ZPageQuery }),
    response: ZPage(ZRuleRun),
  }),
  getRuleRun: defineRoute({
    method: "GET",
    path: "/api/v1/rules/:ruleId/runs/:runId",
    access: "read",
    tag,
    summary: "One run: every account it matched, why, and what each action did",
    params: z.strictObject({ ruleId: ZId, runId: ZId }),
    response: ZRuleRunDetail,
  }),
} as const;
