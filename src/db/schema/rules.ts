import { sql } from "drizzle-orm";
import {
  boolean,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { accounts } from "./customers.ts";
import { ts, users, workspaces } from "./workspace.ts";

/** A rule: a trigger, conditions (a segment's filter) and actions, as the contract's Rule. */
export const rules = pgTable(
  "rules",
  {
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    id: uuid("id").notNull(),
    name: text("name").notNull(),
    description: text("description"),
    enabled: boolean("enabled").notNull().default(false),
    trigger: jsonb("trigger").notNull(),
    conditions: jsonb("conditions").notNull(),
    actions: jsonb("actions").notNull(),
    /** What the rule keeps between runs: round-robin turns per team. */
    state: jsonb("state").notNull().default({}),
    lastRunAt: ts("last_run_at"),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: ts("created_at").notNull().defaultNow(),
    updatedAt: ts("updated_at").notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    uniqueIndex("rules_name_uq").on(t.workspaceId, sql`lower(${t.name})`),
  ],
);

/**
 * The accounts a rule's standing trigger (a threshold crossed, a renewal near) holds true for, so
 * it fires when an account comes in, once, and again only after it went out. `key` tells one
 * occasion from the next (the renewal date).
 */
export const ruleMatches = pgTable(
  "rule_matches",
  {
    workspaceId: uuid("workspace_id").notNull(),
    ruleId: uuid("rule_id").notNull(),
    accountId: uuid("account_id").notNull(),
    key: text("key").notNull().default(""),
    since: ts("since").notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.ruleId, t.accountId] }),
    foreignKey({
      columns: [t.workspaceId, t.ruleId],
      foreignColumns: [rules.workspaceId, rules.id],
    }).onDelete("cascade"),
    foreignKey({
      columns: [t.workspaceId, t.accountId],
      foreignColumns: [accounts.workspaceId, accounts.id],
    }).onDelete("cascade"),
  ],
);

/** The run log: every run of a rule, what it matched, why, and what it did (the first 1,000 matches). */
export const ruleRuns = pgTable(
  "rule_runs",
  {
    workspaceId: uuid("workspace_id").notNull(),
    id: uuid("id").notNull(),
    ruleId: uuid("rule_id").notNull(),
    cause: text("cause").notNull(),
    /** succeeded | failed */
    status: text("status").notNull(),
    matched: integer("matched").notNull().default(0),
    matches: jsonb("matches").notNull().default([]),
    error: text("error"),
    startedAt: ts("started_at").notNull().defaultNow(),
    finishedAt: ts("finished_at"),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index("rule_runs_rule_ix").on(t.workspaceId, t.ruleId, t.startedAt),
    foreignKey({
      columns: [t.workspaceId, t.ruleId],
      foreignColumns: [rules.workspaceId, rules.id],
    }).onDelete("cascade"),
  ],
);
