import { addDays } from "../../common/dates.ts";
import type {
  Task,
  TaskKind,
  TaskOutcome,
  TaskPriority,
  TaskReason,
  TaskType,
} from "../../contract/tasks.ts";
import type { TaskRow } from "./task.queries.ts";

/** What a signal, a rule or a playbook asks the inbox to hold; the owner defaults to the account's. */
export type RaisedTask = {
  accountId: string;
  kind: TaskKind;
  type: TaskType;
  title: string;
  description?: string | null;
  priority: TaskPriority;
  /** Omitted: the account's owner. */
  ownerId?: string | null;
  dueDate?: string | null;
  reason: TaskReason;
  /**
   * Names the reason within the account and type: the same key while an item is open means the
   * same item (e.g. `survey_follow_up:<contactId>`, `rule:<ruleId>`).
   */
  reasonKey: string;
  /** A playbook's step: the run whose progress it counts in, and which step (0-based). */
  playbookRunId?: string;
  playbookStep?: number;
};

/** Days an item raised by a signal has before it is due, by priority. */
const DUE_IN_DAYS: Record<TaskPriority, number> = { urgent: 1, high: 2, medium: 5, low: 10 };

export const dueDateFor = (priority: TaskPriority, today: string): string =>
  addDays(today, DUE_IN_DAYS[priority]);

/** A snooze ends in the future and within a year. */
export function snoozeProblem(until: Date, now: Date): string | null {
  if (until.getTime() <= now.getTime()) return "must be in the future";
  if (until.getTime() > now.getTime() + 366 * 86_400_000) return "must be within a year";
  return null;
}

const OUTCOME_WORDS: Record<TaskOutcome, string> = {
  done: "done",
  resolved: "resolved",
  not_needed: "no action needed",
  unsuccessful: "did not work out",
  auto_resolved: "resolved by itself",
};

/** The account timeline's line for a closed item. */
export const closedTimelineTitle = (title: string, outcome: TaskOutcome): string =>
  `${title} — closed: ${OUTCOME_WORDS[outcome]}`;

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);
const person = (userId: string | null, name: string | null) =>
  userId && name !== null ? { userId, name } : null;

/** The contract's item from its row; `names` resolves the people it was escalated to. */
export function toTask(row: TaskRow, names: Map<string, string>, now: Date, today: string): Task {
  const open = row.closedAt === null;
  const snoozed = open && row.snoozedUntil !== null && row.snoozedUntil.getTime() > now.getTime();
  return {
    id: row.id,
    kind: row.kind as Task["kind"],
    type: row.type as Task["type"],
    title: row.title,
    description: row.description,
    priority: row.priority as Task["priority"],
    status: open ? "open" : "closed",
    account: { id: row.accountId, name: row.accountName },
    owner: person(row.ownerId, row.ownerName),
    dueDate: row.dueDate,
    overdue: open && row.dueDate !== null && row.dueDate < today,
    snoozedUntil: snoozed ? iso(row.snoozedUntil) : null,
    reason: row.reason as TaskReason,
    occurrences: row.occurrences,
    lastOccurredAt: row.lastOccurredAt.toISOString(),
    escalatedAt: iso(row.escalatedAt),
    escalatedTo: row.escalatedTo.flatMap((id) => {
      const name = names.get(id);
      return name === undefined ? [] : [{ userId: id, name }];
    }),
    createdBy: person(row.createdBy, row.createdByName),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    closedAt: iso(row.closedAt),
    closedBy: person(row.closedBy, row.closedByName),
    outcome: row.outcome as Task["outcome"],
    outcomeNote: row.outcomeNote,
  };
}

/** The one email a manager gets for the items escalated to them in a pass. */
export function escalationEmail(
  recipient: string,
  items: Pick<TaskRow, "title" | "accountName" | "ownerName" | "dueDate">[],
  link: string,
): { subject: string; textBody: string; htmlBody: null } {
  const n = items.length;
  const lines = items.map(
    (t) => `- ${t.title} (${t.accountName}) — ${t.ownerName ?? "nobody"}'s, due ${t.dueDate ?? "—"}`,
  );
  return {
    subject: n === 1 ? "An overdue item was escalated to you" : `${n} overdue items were escalated to you`,
    textBody: [
      `Hello ${recipient},`,
      "",
      `${n === 1 ? "This item is" : "These items are"} past due and now in your inbox as well:`,
      "",
      ...lines,
      "",
      `Open your inbox: ${link}`,
    ].join("\n"),
    htmlBody: null,
  };
}
