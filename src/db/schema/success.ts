import { sql } from "drizzle-orm";
import {
  date,
  doublePrecision,
  foreignKey,
  index,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { accounts, contacts } from "./customers.ts";
import { ts, users, workspaces } from "./workspace.ts";

/**
 * A key player's desired business outcome or personal win. It belongs to the person (a contact),
 * not to an account: the account is the contact's, so an outcome follows its key player.
 */
export const outcomes = pgTable(
  "outcomes",
  {
    workspaceId: uuid("workspace_id").notNull(),
    id: uuid("id").notNull(),
    contactId: uuid("contact_id").notNull(),
    /** business_outcome | personal_win */
    kind: text("kind").notNull(),
    title: text("title").notNull(),
    /** What is measured ("month-end close time") and in what unit ("days"); both optional. */
    measure: text("measure"),
    unit: text("unit"),
    baseline: doublePrecision("baseline"),
    target: doublePrecision("target"),
    current: doublePrecision("current"),
    dueDate: date("due_date", { mode: "string" }),
    /** planned | in_progress | achieved | at_risk | missed */
    status: text("status").notNull().default("planned"),
    /** Who on our side owns it. */
    ownerId: uuid("owner_id").references(() => users.id, { onDelete: "set null" }),
    /** When it last became achieved (kept while achieved), for "achieved this quarter". */
    achievedAt: ts("achieved_at"),
    createdAt: ts("created_at").notNull().defaultNow(),
    updatedAt: ts("updated_at").notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index("outcomes_contact_ix").on(t.workspaceId, t.contactId),
    foreignKey({
      columns: [t.workspaceId, t.contactId],
      foreignColumns: [contacts.workspaceId, contacts.id],
    }).onDelete("cascade"),
  ],
);

/**
 * Evidence for an outcome: a note, a link, or both, with who added it — one of us, or the key player
 * confirming through their success plan link (`source` customer_confirmed, `contactId`, `verdict`).
 */
export const outcomeEvidence = pgTable(
  "outcome_evidence",
  {
    workspaceId: uuid("workspace_id").notNull(),
    id: uuid("id").notNull(),
    outcomeId: uuid("outcome_id").notNull(),
    note: text("note"),
    url: text("url"),
    authorId: uuid("author_id").references(() => users.id, { onDelete: "set null" }),
    /** internal | customer_confirmed */
    source: text("source").notNull().default("internal"),
    /** The key player who confirmed (customer_confirmed only); kept if the contact is deleted. */
    contactId: uuid("contact_id"),
    /** achieved | not_yet (customer_confirmed only) */
    verdict: text("verdict"),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index("outcome_evidence_outcome_ix").on(t.workspaceId, t.outcomeId, t.createdAt),
    foreignKey({
      columns: [t.workspaceId, t.outcomeId],
      foreignColumns: [outcomes.workspaceId, outcomes.id],
    }).onDelete("cascade"),
  ],
);

/** Every change of an outcome: which fields went from what to what, by whom. */
export const outcomeChanges = pgTable(
  "outcome_changes",
  {
    workspaceId: uuid("workspace_id").notNull(),
    id: uuid("id").notNull(),
    outcomeId: uuid("outcome_id").notNull(),
    changedAt: ts("changed_at").notNull().defaultNow(),
    /** The person behind the change (an API key's person too); null for Steward itself. */
    actorId: uuid("actor_id").references(() => users.id, { onDelete: "set null" }),
    /** created | changed */
    action: text("action").notNull(),
    changes: jsonb("changes").$type<Record<string, { from: unknown; to: unknown }>>().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index("outcome_changes_outcome_ix").on(t.workspaceId, t.outcomeId, t.changedAt),
    foreignKey({
      columns: [t.workspaceId, t.outcomeId],
      foreignColumns: [outcomes.workspaceId, outcomes.id],
    }).onDelete("cascade"),
  ],
);

/** A workspace's library of outcomes and wins a CSM picks from instead of typing. */
export const outcomeTemplates = pgTable(
  "outcome_templates",
  {
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    id: uuid("id").notNull(),
    kind: text("kind").notNull(),
    title: text("title").notNull(),
    measure: text("measure"),
    unit: text("unit"),
    description: text("description"),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    uniqueIndex("outcome_templates_title_uq").on(t.workspaceId, t.kind, sql`lower(${t.title})`),
  ],
);

/**
 * The account's success index per day (docs/success-index.md): written when an input changes and
 * once a day for every account, so health models and backtests can read it as of any day.
 */
export const successIndexHistory = pgTable(
  "success_index_history",
  {
    workspaceId: uuid("workspace_id").notNull(),
    accountId: uuid("account_id").notNull(),
    day: date("day", { mode: "string" }).notNull(),
    /** null: no key player has an index yet. */
    index: doublePrecision("index"),
    lowestDecisionMaker: doublePrecision("lowest_decision_maker"),
    updatedAt: ts("updated_at").notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.accountId, t.day] }),
    foreignKey({
      columns: [t.workspaceId, t.accountId],
      foreignColumns: [accounts.workspaceId, accounts.id],
    }).onDelete("cascade"),
  ],
);
