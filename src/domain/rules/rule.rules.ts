import cronParser from "cron-parser";
import type { RuleAction, RuleTrigger } from "../../contract/rules.ts";
import type { Condition, FilterGroup, SegmentField } from "../../contract/segments.ts";

/** Key players as rules speak of them: the people whose departure or mood moves a renewal. */
export const KEY_ROLES = ["economic_buyer", "decision_maker", "champion"] as const;

/** Fields an `update_field` action may set besides custom fields (the rest have their own actions). */
export const UPDATABLE_FIELDS = ["tier", "industry", "region", "country"] as const;

/** Matches listed in a run's log; the count covers them all. */
export const LOGGED_MATCHES = 1000;

/** Why a cron expression cannot be used, in words; null when it can. */
export function cronProblem(expression: string): string | null {
  if (expression.trim().split(/\s+/).length !== 5) {
    return "must have five parts: minute hour day-of-month month day-of-week (e.g. 0 8 * * 1)";
  }
  try {
    cronParser.parseExpression(expression, { tz: "UTC" });
    return null;
  } catch (e) {
    return `is not a cron expression: ${e instanceof Error ? e.message : String(e)}`;
  }
}

/** The first firing of a cron schedule after `after` (UTC). */
export const nextFiring = (expression: string, after: Date): Date =>
  cronParser.parseExpression(expression, { tz: "UTC", currentDate: after }).next().toDate();

/** The trigger's own test, as extra conditions on the account (a stage it must now be in). */
export function triggerConditions(trigger: RuleTrigger): Condition[] {
  if (trigger.kind === "stage_change" && trigger.to) {
    return [{ field: "lifecycleStage", op: "in", value: [trigger.to] }];
  }
  return [];
}

/** The rule's conditions with its trigger's own. */
export const effectiveConditions = (trigger: RuleTrigger, conditions: FilterGroup): FilterGroup => {
  const extra = triggerConditions(trigger);
  return extra.length === 0 ? conditions : { match: "all", conditions: [...extra, conditions] };
};

/** The threshold trigger as a condition: the accounts on the far side of its line. */
export const thresholdCondition = (t: Extract<RuleTrigger, { kind: "threshold" }>): Condition => ({
  field: t.metric,
  op: t.direction === "drops_below" ? "lt" : "gt",
  value: t.value,
});

const STAGE_WORDS: Record<string, string> = { value: "performance and value outcomes", roi: "ROI" };
const words = (v: string) => STAGE_WORDS[v] ?? v.replace(/_/g, " ");

/** The trigger in words, for the log and the inbox's reason. */
export function triggerWords(
  trigger: RuleTrigger,
  labels: Map<string, string>,
  segmentName?: string,
): string {
  switch (trigger.kind) {
    case "event":
      return `${trigger.eventType} received`;
    case "schedule":
      return `on schedule (${trigger.cron} UTC)`;
    case "threshold":
      return `${labels.get(trigger.metric) ?? trigger.metric} ${trigger.direction === "drops_below" ? "dropped below" : "rose above"} ${trigger.value}`;
    case "health_band":
      return trigger.to ? `health turned ${trigger.to}` : "health band changed";
    case "segment":
      return `${trigger.change} segment ${segmentName ?? trigger.segmentId}`;
    case "stage_change":
      return trigger.to ? `moved to the ${words(trigger.to)} stage` : "lifecycle stage changed";
    case "survey_answer": {
      const kind = trigger.surveyKind ? trigger.surveyKind.toUpperCase() : "survey";
      const range =
        trigger.scoreAtMost !== undefined && trigger.scoreAtLeast !== undefined
          ? ` ${trigger.scoreAtLeast}–${trigger.scoreAtMost}`
          : trigger.scoreAtMost !== undefined
            ? ` of ${trigger.scoreAtMost} or less`
            : trigger.scoreAtLeast !== undefined
              ? ` of ${trigger.scoreAtLeast} or more`
              : "";
      return `${kind} answer${range}`;
    }
    case "renewal":
      return `renewal ${trigger.daysBefore} days away`;
    case "key_player_left":
      return "a key player left the company";
    case "outcome_at_risk":
      return "a key player's outcome went at risk";
  }
}

const shown = (v: unknown): string => {
  if (v === null || v === undefined) return "empty";
  if (typeof v === "number") return String(Math.round(v * 100) / 100);
  if (typeof v === "boolean") return v ? "yes" : "no";
  return String(v);
};

/** Why an account matched: the trigger, then each tested field's value ("Tier: Enterprise"). */
export function whyText(
  trigger: string,
  values: Record<string, unknown>,
  fields: Map<string, SegmentField>,
): string {
  const parts = Object.entries(values).map(([k, v]) => {
    const f = fields.get(k);
    const label = f?.options?.find((o) => o.value === v)?.label ?? shown(v);
    return `${f?.label ?? k}: ${label}`;
  });
  return parts.length === 0 ? trigger : `${trigger}; ${parts.join(", ")}`;
}

/** Replaces `{account}`, `{firstName}` and `{owner}`; nothing else in the text is interpreted. */
export const fillTemplate = (text: string, values: { account: string; firstName: string; owner: string }) =>
  text.replace(/\{(account|firstName|owner)\}/g, (_, k: keyof typeof values) => values[k]);

/**
 * Round robin: the team's members (sorted) take turns, starting after the one who got the last;
 * answers each account's member and the turn to start from next time.
 */
export function roundRobin(
  members: string[],
  turn: number,
  count: number,
): { picks: string[]; next: number } {
  if (members.length === 0) return { picks: [], next: turn };
  const picks = Array.from({ length: count }, (_, i) => members[(turn + i) % members.length] as string);
  return { picks, next: (turn + count) % members.length };
}

/** The reason key of an action's tasks: one open task per rule and action on an account. */
export const taskReasonKey = (ruleId: string, actionIndex: number) => `rule:${ruleId}:${actionIndex}`;

/** The words of what an action does, for a dry run; `playbookName` names a start_playbook action's playbook. */
export function plannedWords(action: RuleAction, playbookName = "a"): string {
  switch (action.kind) {
    case "create_task":
      return `would open ${action.taskKind === "alert" ? "an alert" : "a task"}: ${action.title}`;
    case "send_email":
      return `would email the ${action.to === "account_owner" ? "account owner" : "key players"}: ${action.subject}`;
    case "update_field":
      return `would set ${action.field} to ${shown(action.value)}`;
    case "set_stage":
      return `would move it to the ${words(action.stage)} stage`;
    case "set_coverage":
      return `would set coverage to ${words(action.coverage)}`;
    case "assign_owner":
      return action.assignee.kind === "round_robin"
        ? `would assign an owner from ${action.assignee.team} in turn`
        : "would assign its owner";
    case "start_playbook":
      return `would start the ${playbookName} playbook${action.holdOutPercent > 0 ? ` (or hold the account out, ${action.holdOutPercent}% at random, to measure its effect)` : ""}`;
  }
}
