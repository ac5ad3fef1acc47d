import { sql } from "drizzle-orm";
import {
  date,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  smallint,
  text,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { accounts } from "./customers.ts";
import { ts, users } from "./workspace.ts";

/**
 * The task inbox: alerts Steward raises and tasks people, playbooks or rules give, each on an
 * account and with the reason it exists. Open while `closed_at` is null; `reason_key` names the
 * reason (e.g. `survey_follow_up:<contact>`), and one account never has two open items with the
 * same type and reason key.
 */
export const tasks = pgTable(
  "tasks",
  {
    workspaceId: uuid("workspace_id").notNull(),
    id: uuid("id").notNull(),
    accountId: uuid("account_id").notNull(),
    /** alert | task */
    kind: text("kind").notNull(),
    /** risk | opportunity | lifecycle | activity */
    type: text("type").notNull(),
    title: text("title").notNull(),
    description: text("description"),
    /** low | medium | high | urgent */
    priority: text("priority").notNull(),
    ownerId: uuid("owner_id").references(() => users.id, { onDelete: "set null" }),
    dueDate: date("due_date", { mode: "string" }),
    snoozedUntil: ts("snoozed_until"),
    /** `{ kind, ruleId?, text, data }` as the contract's TaskReason. */
    reason: jsonb("reason").notNull(),
    reasonKey: text("reason_key").notNull(),
    ruleId: uuid("rule_id"),
    /** The playbook run whose step this task is (its progress), and which step (0-based). */
    playbookRunId: uuid("playbook_run_id"),
    playbookStep: smallint("playbook_step"),
    occurrences: integer("occurrences").notNull().default(1),
    lastOccurredAt: ts("last_occurred_at").notNull().defaultNow(),
    escalatedAt: ts("escalated_at"),
    escalatedTo: uuid("escalated_to").array().notNull().default(sql`'{}'::uuid[]`),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: ts("created_at").notNull().defaultNow(),
    updatedAt: ts("updated_at").notNull().defaultNow(),
    closedAt: ts("closed_at"),
    closedBy: uuid("closed_by").references(() => users.id, { onDelete: "set null" }),
    /** done | resolved | not_needed | unsuccessful | auto_resolved */
    outcome: text("outcome"),
    outcomeNote: text("outcome_note"),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    uniqueIndex("tasks_open_reason_uq")
      .on(t.workspaceId, t.accountId, t.type, t.reasonKey)
      .where(sql`${t.closedAt} is null`),
    index("tasks_open_owner_ix").on(t.workspaceId, t.ownerId, t.dueDate).where(sql`${t.closedAt} is null`),
    index("tasks_open_due_ix").on(t.workspaceId, t.dueDate).where(sql`${t.closedAt} is null`),
    // The team view lists escalated items beside the members' own: few, found without a scan.
    index("tasks_open_escalated_ix")
      .on(t.workspaceId)
      .where(sql`${t.closedAt} is null and ${t.escalatedTo} <> '{}'::uuid[]`),
    index("tasks_account_ix").on(t.workspaceId, t.accountId, t.createdAt),
    index("tasks_playbook_run_ix")
      .on(t.workspaceId, t.playbookRunId)
      .where(sql`${t.playbookRunId} is not null`),
    foreignKey({
      columns: [t.workspaceId, t.accountId],
      foreignColumns: [accounts.workspaceId, accounts.id],
    }).onDelete("cascade"),
  ],
);
