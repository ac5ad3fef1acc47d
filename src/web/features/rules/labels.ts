import type {
  Assignee,
  RuleAction,
  RuleActionIn,
  RuleTrigger,
  RuleTriggerKind,
  THRESHOLD_METRICS,
} from "../../../contract/index.ts";
import { STAGE_LABELS } from "../../lib/labels.ts";
import { COVERAGE_LABELS } from "../health/healthText.ts";
import { KIND_LABELS, PRIORITY_LABELS, TYPE_LABELS } from "../inbox/labels.ts";

/** The trigger kinds as a person picks them, in the order they are usually wanted. */
export const TRIGGER_KIND_LABELS: Record<RuleTriggerKind, string> = {
  health_band: "Health band changes",
  threshold: "A number crosses a line",
  segment: "Enters or leaves a segment",
  stage_change: "Lifecycle stage changes",
  survey_answer: "A survey is answered",
  renewal: "Renewal is coming up",
  key_player_left: "A key player leaves",
  outcome_at_risk: "An outcome goes at risk",
  event: "Something happens (an event)",
  schedule: "On a schedule",
};

export const METRIC_LABELS: Record<(typeof THRESHOLD_METRICS)[number], string> = {
  "health.score": "Health score",
  "churn.probability": "Churn probability",
  "expansion.probability": "Expansion probability",
  "success.index": "Success index",
  "usage.activeUsers30d": "Active users (30 days)",
  "usage.events30d": "Usage events (30 days)",
};

export const SURVEY_KIND_LABELS: Record<"nps" | "csat" | "ces", string> = {
  nps: "NPS",
  csat: "CSAT",
  ces: "CES",
};

export const ACTION_KIND_LABELS: Record<RuleAction["kind"], string> = {
  create_task: "Open an alert or task",
  send_email: "Send an email",
  update_field: "Set a field",
  set_stage: "Set the lifecycle stage",
  set_coverage: "Set the coverage",
  assign_owner: "Assign an owner",
  start_playbook: "Start a playbook",
};

/** Where a run came from, in words. */
export const CAUSE_LABELS: Record<string, string> = {
  event: "An event",
  schedule: "The schedule",
  evaluation: "Standing check",
  manual: "Run by hand",
};

/** A stage by the workspace's name for it when given, else the built-in name, in a sentence. */
const stage = (s: string, stageName?: (key: string) => string) =>
  stageName ? stageName(s) : (STAGE_LABELS[s]?.toLowerCase() ?? s);

/** The trigger as a sentence's start: "When health turns poor". */
export function triggerText(
  t: RuleTrigger,
  segmentName?: (id: string) => string | undefined,
  stageName?: (key: string) => string,
): string {
  switch (t.kind) {
    case "event":
      return `When ${t.eventType} happens`;
    case "schedule":
      return `On schedule ${t.cron} (UTC)`;
    case "threshold":
      return `When ${METRIC_LABELS[t.metric]} ${t.direction === "drops_below" ? "drops below" : "rises above"} ${t.value}`;
    case "health_band":
      return t.to ? `When health turns ${t.to}` : "When the health band changes";
    case "segment":
      return `When an account ${t.change === "entered" ? "enters" : "leaves"} ${segmentName?.(t.segmentId) ?? "a segment"}`;
    case "stage_change":
      return t.to ? `When the stage becomes ${stage(t.to, stageName)}` : "When the lifecycle stage changes";
    case "survey_answer": {
      const kind = t.surveyKind ? SURVEY_KIND_LABELS[t.surveyKind] : "survey";
      const range =
        t.scoreAtLeast !== undefined && t.scoreAtMost !== undefined
          ? ` scoring ${t.scoreAtLeast}–${t.scoreAtMost}`
          : t.scoreAtMost !== undefined
            ? ` scoring ${t.scoreAtMost} or less`
            : t.scoreAtLeast !== undefined
              ? ` scoring ${t.scoreAtLeast} or more`
              : "";
      return `When a ${kind} answer comes in${range}`;
    }
    case "renewal":
      return `${t.daysBefore} days before renewal`;
    case "key_player_left":
      return "When a key player leaves the company";
    case "outcome_at_risk":
      return "When a key player's outcome goes at risk";
  }
}

const assigneeText = (a: Assignee | undefined, memberName?: (id: string) => string | undefined) =>
  !a || a.kind === "account_owner"
    ? "the account owner"
    : a.kind === "user"
      ? (memberName?.(a.userId) ?? "a member")
      : `the ${a.team} team in turn`;

/** One action in words: "Open a high risk alert “Call them” for the account owner". */
export function actionText(
  a: RuleActionIn,
  memberName?: (id: string) => string | undefined,
  playbookName?: (id: string) => string | undefined,
  stageName?: (key: string) => string,
): string {
  switch (a.kind) {
    case "create_task":
      return `Open a ${PRIORITY_LABELS[a.priority].toLowerCase()} ${TYPE_LABELS[a.type].toLowerCase()} ${KIND_LABELS[a.taskKind ?? "task"].toLowerCase()} “${a.title}” for ${assigneeText(a.assignee, memberName)}`;
    case "send_email":
      return `Email ${a.to === "account_owner" ? "the account owner" : "the key players"}: “${a.subject}”`;
    case "update_field":
      return `Set ${a.field} to ${a.value === null ? "empty" : String(a.value)}`;
    case "set_stage":
      return `Move to the ${stage(a.stage, stageName)} stage`;
    case "set_coverage":
      return `Set coverage to ${COVERAGE_LABELS[a.coverage]?.toLowerCase() ?? a.coverage}`;
    case "assign_owner":
      return `Make ${assigneeText(a.assignee, memberName)} the owner`;
    case "start_playbook":
      return `Start the ${playbookName?.(a.playbookId) ?? "chosen"} playbook${a.holdOutPercent ? `, holding out ${a.holdOutPercent}% of accounts to measure its effect` : ""}`;
  }
}
