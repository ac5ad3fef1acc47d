import type { Task, TaskReason, TaskView } from "../../../contract/index.ts";
import { OWNER_ROLE_LABELS } from "../playbooks/labels.ts";
import { ownerFromText, type StepRef, stepOfReason } from "../playbooks/playbook.rules.ts";
import { RISK_TITLES } from "../stakeholders/labels.ts";
import type { StatusTab } from "./labels.ts";

/** When a snoozed item comes back: the menu's quick choices, at 9:00 in the browser's time zone. */
export type SnoozeChoice = { key: string; label: string; until: Date };

const at9 = (now: Date, days: number): Date =>
  new Date(now.getFullYear(), now.getMonth(), now.getDate() + days, 9, 0, 0, 0);

/** Tomorrow 9:00, in 3 days, and next week (the coming Monday, 9:00). */
export function snoozeChoices(now: Date): SnoozeChoice[] {
  // Monday is day 1; from a Sunday "next week" is the next day, from a Monday a week on.
  const toMonday = (8 - now.getDay()) % 7 || 7;
  return [
    { key: "tomorrow", label: "Tomorrow at 9:00", until: at9(now, 1) },
    { key: "3days", label: "In 3 days", until: at9(now, 3) },
    { key: "nextweek", label: "Next week (Monday 9:00)", until: at9(now, toMonday) },
  ];
}

const pad = (n: number) => String(n).padStart(2, "0");

/** A time as a `datetime-local` input holds it: local, to the minute. */
export const toLocalInput = (d: Date): string =>
  `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;

/** A `datetime-local` value (local time) as the timestamp the API takes; null when not a time. */
export const fromLocalInput = (v: string): string | null => {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(v)) return null;
  const t = new Date(v);
  return Number.isNaN(t.getTime()) ? null : t.toISOString();
};

/** "fired 3×" when the signal behind an item came back while it was open; nothing the first time. */
export const occurrencesText = (n: number): string | null => (n > 1 ? `fired ${n}×` : null);

/** "Escalated to Grace Liu" (or several names), when an overdue item went up the line. */
export const escalatedText = (t: Pick<Task, "escalatedTo" | "escalatedAt">): string | null =>
  t.escalatedAt && t.escalatedTo.length > 0
    ? `Escalated to ${t.escalatedTo.map((p) => p.name).join(", ")}`
    : t.escalatedAt
      ? "Escalated"
      : null;

/**
 * One figure behind a reason, named for people; contacts are resolved to names by the page, and a
 * playbook step links to its run.
 */
export type ReasonFact = { key: string; label: string; text?: string; contactIds?: string[]; step?: StepRef };

// Ids that only repeat what the reason's text already says (who gave it, which answer), and a
// playbook step's references, which its link carries.
const HIDDEN = new Set(["userId", "responseId"]);
const STEP_KEYS = new Set(["playbookId", "playbookName", "runId", "step", "steps"]);

const factText = (v: unknown): string =>
  typeof v === "string" ? v : typeof v === "number" || typeof v === "boolean" ? String(v) : JSON.stringify(v);

const keyLabel = (key: string): string => {
  const words = key
    .replace(/_/g, " ")
    .replace(/([a-z])([A-Z])/g, "$1 $2")
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
};

/** The data a reason was raised on, as labelled facts: the survey and its score, the risk, the people. */
export function reasonFacts(reason: TaskReason): ReasonFact[] {
  const facts: ReasonFact[] = [];
  const { data } = reason;
  const step = stepOfReason(reason);
  if (step) facts.push({ key: "playbook", label: "Run", step });
  for (const [key, value] of Object.entries(data)) {
    if (HIDDEN.has(key) || value === null || value === undefined) continue;
    if (step && STEP_KEYS.has(key)) continue;
    if (step && key === "ownerRole") {
      const role = OWNER_ROLE_LABELS[value as keyof typeof OWNER_ROLE_LABELS];
      facts.push({ key, label: "Step for", text: role ?? keyLabel(factText(value)) });
    } else if (step && key === "ownerFrom") {
      facts.push({ key, label: "Given to", text: ownerFromText(value) ?? factText(value) });
    } else if (key === "score") {
      const kind = typeof data.surveyKind === "string" ? `${data.surveyKind.toUpperCase()} ` : "";
      facts.push({ key, label: "Score", text: `${kind}${factText(value)}` });
    } else if (key === "surveyKind") {
      facts.push({ key, label: "Survey", text: factText(value).toUpperCase() });
    } else if (key === "riskCode") {
      const code = factText(value);
      facts.push({
        key,
        label: "Risk",
        text: RISK_TITLES[code as keyof typeof RISK_TITLES] ?? keyLabel(code),
      });
    } else if (key === "contactId" && typeof value === "string") {
      facts.push({ key, label: "Contact", contactIds: [value] });
    } else if (key === "contactIds" && Array.isArray(value)) {
      const ids = value.filter((v): v is string => typeof v === "string");
      if (ids.length > 0)
        facts.push({ key, label: ids.length === 1 ? "Contact" : "Contacts", contactIds: ids });
    } else {
      facts.push({ key, label: keyLabel(key), text: factText(value) });
    }
  }
  if (reason.ruleId) facts.push({ key: "ruleId", label: "Rule", text: reason.ruleId });
  return facts;
}

/** What an empty inbox says, by tab and status: what it means and what to do next. */
export function emptyText(view: TaskView, status: StatusTab): { title: string; description: string } {
  if (status === "snoozed")
    return {
      title: "Nothing snoozed",
      description: "Snooze an open item to hide it until a later time; it comes back by itself.",
    };
  if (status === "closed")
    return {
      title: "Nothing closed here yet",
      description: "Items you close with an outcome are kept here and on the account's timeline.",
    };
  switch (view) {
    case "mine":
      return {
        title: "Nothing in your inbox — you're all caught up",
        description:
          "Alerts Steward raises on your accounts and tasks given to you appear here. Look at the Team tab, or create a task.",
      };
    case "team":
      return {
        title: "Nothing waiting for your team",
        description: "Items of your team and items nobody owns yet appear here.",
      };
    case "overdue":
      return {
        title: "Nothing overdue",
        description: "Every open item is within its due date.",
      };
    default:
      return {
        title: "No open items in this workspace",
        description: "Create a task here or on an account's page; alerts appear as Steward raises them.",
      };
  }
}
