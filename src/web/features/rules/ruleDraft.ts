import type {
  Assignee,
  COVERAGE_MODELS,
  DomainEventType,
  HealthBand,
  Issue,
  Rule,
  RuleActionIn,
  RuleCreate,
  RuleTrigger,
  RuleTriggerKind,
  TaskKind,
  TaskPriority,
  TaskType,
  THRESHOLD_METRICS,
} from "../../../contract/index.ts";
import type { FieldLabels } from "../../lib/issues.ts";
import { type DraftGroup, draftOf, filterOf } from "../segments/filterDraft.ts";

type Coverage = (typeof COVERAGE_MODELS)[number];

/**
 * A rule as its form edits it. The trigger and each action keep the fields of every kind (so
 * switching kind and back keeps what was typed); `bodyOf` sends only the chosen kind's. Field
 * paths are the API's own (`trigger.cron`, `actions.1.assignee.team`), so a refused save's issues
 * land on the field they name.
 */
export type Num = number | "";

export type TriggerDraft = {
  kind: RuleTriggerKind;
  eventType: DomainEventType | "";
  cron: string;
  metric: (typeof THRESHOLD_METRICS)[number];
  direction: "drops_below" | "rises_above";
  value: Num;
  /** health_band: a band, or "" for any change. */
  band: HealthBand | "";
  /** stage_change: a stage, or "" for any change. */
  stage: string;
  segmentId: string;
  change: "entered" | "left";
  surveyKind: "nps" | "csat" | "ces" | "";
  scoreAtLeast: Num;
  scoreAtMost: Num;
  daysBefore: Num;
};

export type AssigneeDraft = { kind: Assignee["kind"]; userId: string; team: string };

export type ActionDraft = {
  /** Keeps a row's identity while rows above it are removed. */
  key: string;
  kind: RuleActionIn["kind"];
  taskKind: TaskKind;
  type: TaskType;
  priority: TaskPriority;
  title: string;
  description: string;
  dueInDays: Num;
  assignee: AssigneeDraft;
  to: "account_owner" | "key_players";
  subject: string;
  text: string;
  field: string;
  value: string;
  /** How `value` is sent: custom number and yes/no fields take their type. */
  valueType: "text" | "number" | "boolean";
  stage: string;
  coverage: Coverage;
  playbookId: string;
  /** The share of matching accounts held out of the playbook to measure its effect. */
  holdOutPercent: Num;
};

export type RuleValues = {
  name: string;
  description: string;
  trigger: TriggerDraft;
  conditions: DraftGroup;
  actions: ActionDraft[];
};

const blankTrigger = (): TriggerDraft => ({
  kind: "health_band",
  eventType: "",
  cron: "0 8 * * 1",
  metric: "health.score",
  direction: "drops_below",
  value: "",
  band: "poor",
  stage: "",
  segmentId: "",
  change: "entered",
  surveyKind: "nps",
  scoreAtLeast: "",
  scoreAtMost: "",
  daysBefore: 90,
});

let seq = 0;
export const blankAction = (): ActionDraft => ({
  key: `action-${++seq}`,
  kind: "create_task",
  taskKind: "alert",
  type: "risk",
  priority: "high",
  title: "",
  description: "",
  dueInDays: "",
  assignee: { kind: "account_owner", userId: "", team: "" },
  to: "account_owner",
  subject: "",
  text: "",
  field: "tier",
  value: "",
  valueType: "text",
  stage: "adoption",
  coverage: "one_to_one",
  playbookId: "",
  holdOutPercent: 10,
});

const num = (v: number | undefined): Num => (v === undefined ? "" : v);

const triggerDraft = (t: RuleTrigger): TriggerDraft => {
  const d = { ...blankTrigger(), kind: t.kind };
  switch (t.kind) {
    case "event":
      return { ...d, eventType: t.eventType };
    case "schedule":
      return { ...d, cron: t.cron };
    case "threshold":
      return { ...d, metric: t.metric, direction: t.direction, value: t.value };
    case "health_band":
      return { ...d, band: t.to ?? "" };
    case "segment":
      return { ...d, segmentId: t.segmentId, change: t.change };
    case "stage_change":
      return { ...d, stage: t.to ?? "" };
    case "survey_answer":
      return {
        ...d,
        surveyKind: t.surveyKind ?? "",
        scoreAtLeast: num(t.scoreAtLeast),
        scoreAtMost: num(t.scoreAtMost),
      };
    case "renewal":
      return { ...d, daysBefore: t.daysBefore };
    default:
      return d;
  }
};

const assigneeDraft = (a: Assignee | undefined): AssigneeDraft => ({
  kind: a?.kind ?? "account_owner",
  userId: a?.kind === "user" ? a.userId : "",
  team: a?.kind === "round_robin" ? a.team : "",
});

const actionDraft = (a: RuleActionIn): ActionDraft => {
  const d = { ...blankAction(), kind: a.kind };
  switch (a.kind) {
    case "create_task":
      return {
        ...d,
        taskKind: a.taskKind ?? "task",
        type: a.type,
        priority: a.priority,
        title: a.title,
        description: a.description ?? "",
        dueInDays: num(a.dueInDays),
        assignee: assigneeDraft(a.assignee),
      };
    case "send_email":
      return { ...d, to: a.to, subject: a.subject, text: a.text };
    case "update_field":
      return {
        ...d,
        field: a.field,
        value: a.value === null ? "" : String(a.value),
        valueType: typeof a.value === "number" ? "number" : typeof a.value === "boolean" ? "boolean" : "text",
      };
    case "set_stage":
      return { ...d, stage: a.stage };
    case "set_coverage":
      return { ...d, coverage: a.coverage };
    case "assign_owner":
      return { ...d, assignee: assigneeDraft(a.assignee) };
    case "start_playbook":
      return { ...d, playbookId: a.playbookId, holdOutPercent: a.holdOutPercent ?? 0 };
  }
};

export const valuesOf = (rule: Rule | undefined): RuleValues =>
  rule
    ? {
        name: rule.name,
        description: rule.description ?? "",
        trigger: triggerDraft(rule.trigger),
        conditions: draftOf(rule.conditions),
        actions: rule.actions.map(actionDraft),
      }
    : {
        name: "",
        description: "",
        trigger: blankTrigger(),
        conditions: draftOf({ match: "all", conditions: [] }),
        actions: [blankAction()],
      };

// An empty number box is left out (optional) or sent as NaN-free undefined, which the schema names.
const opt = (v: Num): number | undefined => (v === "" ? undefined : v);

/** The trigger as the API takes it: only the chosen kind's fields. */
export const triggerOf = (d: TriggerDraft): RuleTrigger => {
  switch (d.kind) {
    case "event":
      return { kind: "event", eventType: d.eventType as DomainEventType };
    case "schedule":
      return { kind: "schedule", cron: d.cron };
    case "threshold":
      return { kind: "threshold", metric: d.metric, direction: d.direction, value: opt(d.value) as number };
    case "health_band":
      return { kind: "health_band", ...(d.band ? { to: d.band } : {}) };
    case "segment":
      return { kind: "segment", segmentId: d.segmentId, change: d.change };
    case "stage_change":
      return { kind: "stage_change", ...(d.stage ? { to: d.stage } : {}) };
    case "survey_answer":
      return {
        kind: "survey_answer",
        ...(d.surveyKind ? { surveyKind: d.surveyKind } : {}),
        ...(d.scoreAtLeast !== "" ? { scoreAtLeast: d.scoreAtLeast } : {}),
        ...(d.scoreAtMost !== "" ? { scoreAtMost: d.scoreAtMost } : {}),
      };
    case "renewal":
      return { kind: "renewal", daysBefore: opt(d.daysBefore) as number };
    case "key_player_left":
      return { kind: "key_player_left" };
    case "outcome_at_risk":
      return { kind: "outcome_at_risk" };
  }
};

const assigneeOf = (a: AssigneeDraft): Assignee =>
  a.kind === "user"
    ? { kind: "user", userId: a.userId }
    : a.kind === "round_robin"
      ? { kind: "round_robin", team: a.team }
      : { kind: "account_owner" };

/** An `update_field` value: custom number and yes/no fields take their type, empty is null. */
export const fieldValue = (v: string, type: ActionDraft["valueType"]): string | number | boolean | null => {
  const t = v.trim();
  if (t === "") return null;
  if (type === "boolean") return t === "true";
  if (type === "number") return Number.isFinite(Number(t)) ? Number(t) : t;
  return t;
};

export const actionOf = (d: ActionDraft): RuleActionIn => {
  switch (d.kind) {
    case "create_task":
      return {
        kind: "create_task",
        taskKind: d.taskKind,
        type: d.type,
        priority: d.priority,
        title: d.title,
        ...(d.description.trim() ? { description: d.description } : {}),
        ...(d.dueInDays !== "" ? { dueInDays: d.dueInDays } : {}),
        assignee: assigneeOf(d.assignee),
      };
    case "send_email":
      return { kind: "send_email", to: d.to, subject: d.subject, text: d.text };
    case "update_field":
      return { kind: "update_field", field: d.field.trim(), value: fieldValue(d.value, d.valueType) };
    case "set_stage":
      return { kind: "set_stage", stage: d.stage };
    case "set_coverage":
      return { kind: "set_coverage", coverage: d.coverage };
    case "assign_owner":
      return { kind: "assign_owner", assignee: assigneeOf(d.assignee) };
    case "start_playbook":
      return {
        kind: "start_playbook",
        playbookId: d.playbookId,
        holdOutPercent: d.holdOutPercent === "" ? 0 : d.holdOutPercent,
      };
  }
};

export const bodyOf = (v: RuleValues) =>
  ({
    name: v.name.trim(),
    description: v.description.trim() === "" ? null : v.description.trim(),
    trigger: triggerOf(v.trigger),
    conditions: filterOf(v.conditions),
    actions: v.actions.map(actionOf),
  }) satisfies Omit<RuleCreate, "enabled">;

// Issues at their fields

const TRIGGER_LABELS: FieldLabels = {
  "trigger.kind": "Trigger",
  "trigger.eventType": "Event",
  "trigger.cron": "Schedule",
  "trigger.metric": "Number",
  "trigger.direction": "Direction",
  "trigger.value": "Line",
  "trigger.band": "Band",
  "trigger.stage": "Stage",
  "trigger.segmentId": "Segment",
  "trigger.change": "Change",
  "trigger.surveyKind": "Survey",
  "trigger.scoreAtLeast": "Lowest score",
  "trigger.scoreAtMost": "Highest score",
  "trigger.daysBefore": "Days before",
};

const ACTION_FIELD_LABELS: Record<string, string> = {
  title: "Title",
  description: "Description",
  dueInDays: "Due in",
  "assignee.userId": "Member",
  "assignee.team": "Team",
  assignee: "Assignee",
  subject: "Subject",
  text: "Text",
  field: "Field",
  value: "Value",
  stage: "Stage",
  coverage: "Coverage",
  to: "To",
  playbookId: "Playbook",
  holdOutPercent: "Hold out",
};

/** Labels of every field the form shows, for its `actions` rows as they are now. */
export const ruleLabels = (actionCount: number): FieldLabels => {
  const out: FieldLabels = {
    name: "Name",
    description: "Description",
    actions: "Actions",
    ...TRIGGER_LABELS,
  };
  for (let i = 0; i < actionCount; i++) {
    for (const [k, label] of Object.entries(ACTION_FIELD_LABELS)) out[`actions.${i}.${k}`] = label;
  }
  return out;
};

/** The form field an API path points at: the band or stage rule's `to` is two different boxes. */
export const formPath = (path: string, kind: RuleTriggerKind): string =>
  path === "trigger.to" ? (kind === "stage_change" ? "trigger.stage" : "trigger.band") : path;

export const isConditionIssue = (i: Issue) => i.path === "conditions" || i.path.startsWith("conditions.");

/** A rule's condition issues as the filter builder reads a segment's (`filter.…`). */
export const asFilterIssues = (issues: Issue[]): Issue[] =>
  issues.filter(isConditionIssue).map((i) => ({ ...i, path: `filter${i.path.slice("conditions".length)}` }));
