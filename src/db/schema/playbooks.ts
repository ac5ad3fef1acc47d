import { sql } from "drizzle-orm";
import {
  boolean,
  foreignKey,
  index,
  jsonb,
  pgTable,
  primaryKey,
  smallint,
  text,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { accounts } from "./customers.ts";
import { ts, users, workspaces } from "./workspace.ts";

/**
 * A playbook: a template of ordered steps (each a task with a due offset and an owner role) that
 * is applied to an account by hand or by a rule. `key` marks one of Steward's defaults (so they
 * can be restored); `type` is the inbox type of its tasks.
 */
export const playbooks = pgTable(
  "playbooks",
  {
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    id: uuid("id").notNull(),
    key: text("key"),
    name: text("name").notNull(),
    description: text("description"),
    /** risk | opportunity | lifecycle | activity */
    type: text("type").notNull(),
    /** `[{ title, description, dueInDays, ownerRole, priority }]` as the contract's PlaybookStep. */
    steps: jsonb("steps").notNull(),
    archivedAt: ts("archived_at"),
    createdAt: ts("created_at").notNull().defaultNow(),
    updatedAt: ts("updated_at").notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    uniqueIndex("playbooks_name_uq").on(t.workspaceId, sql`lower(${t.name})`),
    uniqueIndex("playbooks_key_uq").on(t.workspaceId, t.key).where(sql`${t.key} is not null`),
  ],
);

/**
 * A playbook applied to one account: its tasks (tasks.playbook_run_id) carry its progress. A run a
 * rule held out to measure the playbook's effect has no tasks: `held_out` with the share the rule
 * held out, so its report compares like with like.
 */
export const playbookRuns = pgTable(
  "playbook_runs",
  {
    workspaceId: uuid("workspace_id").notNull(),
    id: uuid("id").notNull(),
    playbookId: uuid("playbook_id").notNull(),
    accountId: uuid("account_id").notNull(),
    /** The rule that started it; its name is kept for when the rule is gone. */
    ruleId: uuid("rule_id"),
    ruleName: text("rule_name"),
    heldOut: boolean("held_out").notNull().default(false),
    /** The share (0–50 %) the starting rule held out; 0 when started by hand or without a hold-out. */
    holdOutPercent: smallint("hold_out_percent").notNull().default(0),
    /** active | completed | cancelled | held_out (no tasks: followed only, to measure the effect) */
    status: text("status").notNull(),
    /** Why it started, in words (the rule's reason, or who started it by hand). */
    reason: text("reason").notNull(),
    startedBy: uuid("started_by").references(() => users.id, { onDelete: "set null" }),
    startedAt: ts("started_at").notNull().defaultNow(),
    endedAt: ts("ended_at"),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    uniqueIndex("playbook_runs_active_uq")
      .on(t.workspaceId, t.accountId, t.playbookId)
      .where(sql`${t.status} = 'active'`),
    index("playbook_runs_playbook_ix").on(t.workspaceId, t.playbookId, t.startedAt),
    index("playbook_runs_account_ix").on(t.workspaceId, t.accountId, t.startedAt),
    foreignKey({
      columns: [t.workspaceId, t.playbookId],
      foreignColumns: [playbooks.workspaceId, playbooks.id],
    }).onDelete("cascade"),
    foreignKey({
      columns: [t.workspaceId, t.accountId],
      foreignColumns: [accounts.workspaceId, accounts.id],
    }).onDelete("cascade"),
  ],
);
