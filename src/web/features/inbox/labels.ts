import type {
  TaskKind,
  TaskOutcome,
  TaskPriority,
  TaskReasonKind,
  TaskType,
  TaskView,
} from "../../../contract/index.ts";

/** Priority in words first; the colour only repeats what the word says. */
export const PRIORITY_LABELS: Record<TaskPriority, string> = {
  urgent: "Urgent",
  high: "High",
  medium: "Medium",
  low: "Low",
};

export const PRIORITY_COLORS: Record<TaskPriority, string> = {
  urgent: "red",
  high: "orange",
  medium: "blue",
  low: "gray",
};

export const TYPE_LABELS: Record<TaskType, string> = {
  risk: "Risk",
  opportunity: "Opportunity",
  lifecycle: "Lifecycle",
  activity: "Activity",
};

export const KIND_LABELS: Record<TaskKind, string> = {
  alert: "Alert",
  task: "Task",
};

/** How an item was closed, as a CSM would say it; `auto_resolved` is Steward's own. */
export const OUTCOME_LABELS: Record<TaskOutcome, string> = {
  done: "Done",
  resolved: "Resolved",
  not_needed: "No action needed",
  unsuccessful: "Didn't work out",
  auto_resolved: "Resolved by itself",
};

/** What closing with each outcome means, under the choice in the close dialog. */
export const OUTCOME_HINTS: Record<Exclude<TaskOutcome, "auto_resolved">, string> = {
  done: "The work is done",
  resolved: "The problem behind it is solved",
  not_needed: "On a closer look nothing had to be done",
  unsuccessful: "You tried and it did not help — say what happened",
};

export const REASON_KIND_LABELS: Record<TaskReasonKind, string> = {
  manual: "Given by hand",
  survey_follow_up: "Survey follow-up",
  stakeholder_risk: "Relationship risk",
  rule: "Rule",
  playbook: "Playbook",
};

/** The inbox's tabs, in the order a CSM works through them. */
export const VIEW_TABS: { value: TaskView; label: string }[] = [
  { value: "mine", label: "Mine" },
  { value: "team", label: "Team" },
  { value: "overdue", label: "Overdue" },
  { value: "all", label: "All" },
];

export const STATUS_TABS = [
  { value: "open", label: "Open" },
  { value: "snoozed", label: "Snoozed" },
  { value: "closed", label: "Closed" },
] as const;
export type StatusTab = (typeof STATUS_TABS)[number]["value"];
