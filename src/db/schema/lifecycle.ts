import { foreignKey, index, integer, jsonb, pgTable, primaryKey, text, uuid } from "drizzle-orm/pg-core";
import { accounts } from "./customers.ts";
import { ts, users, workspaces } from "./workspace.ts";

/**
 * Every lifecycle stage an account entered, when and by whom: `from_stage` null for its first.
 * Written in the same transaction as the account (its write paths), so time in stage and a rule's
 * replay of stage changes read exactly what happened.
 */
export const accountStageChanges = pgTable(
  "account_stage_changes",
  {
    workspaceId: uuid("workspace_id").notNull(),
    accountId: uuid("account_id").notNull(),
    id: uuid("id").notNull(),
    fromStage: text("from_stage"),
    toStage: text("to_stage").notNull(),
    changedAt: ts("changed_at").notNull().defaultNow(),
    /** hand (a person, an import) | rule (a rule's action) */
    source: text("source").notNull(),
    changedBy: uuid("changed_by").references(() => users.id, { onDelete: "set null" }),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.accountId, t.id] }),
    index("account_stage_changes_day_ix").on(t.workspaceId, t.changedAt),
    foreignKey({
      columns: [t.workspaceId, t.accountId],
      foreignColumns: [accounts.workspaceId, accounts.id],
    }).onDelete("cascade"),
  ],
);

/**
 * A workspace's lifecycle: its stages in order (the eight built-in keys, renamed or hidden, and
 * its own), each with entry criteria and whether accounts move into it on their own; and the
 * usage milestone that counts as first value beside the first outcome achieved. A missing row
 * means the defaults (docs/lifecycle.md).
 */
export const lifecycleSettings = pgTable("lifecycle_settings", {
  workspaceId: uuid("workspace_id")
    .primaryKey()
    .references(() => workspaces.id, { onDelete: "cascade" }),
  /** `[{ key, label, description, hidden, entry, automatic }]` in journey order. */
  stages: jsonb("stages").notNull(),
  /** First value by usage: the account has used this event `first_value_count` times in all. */
  firstValueEvent: text("first_value_event"),
  firstValueCount: integer("first_value_count"),
  updatedBy: uuid("updated_by").references(() => users.id, { onDelete: "set null" }),
  updatedAt: ts("updated_at").notNull().defaultNow(),
});
