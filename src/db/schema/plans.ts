import {
  boolean,
  date,
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
import { accounts, contacts } from "./customers.ts";
import { outcomes } from "./success.ts";
import { ts, users, workspaces } from "./workspace.ts";

/**
 * A success plan: what the account and we set out to achieve together, as objectives broken into
 * milestones, each serving key players' outcomes. Shared with the customer through links.
 */
export const successPlans = pgTable(
  "success_plans",
  {
    workspaceId: uuid("workspace_id").notNull(),
    id: uuid("id").notNull(),
    accountId: uuid("account_id").notNull(),
    title: text("title").notNull(),
    /** Shown to the customer on the shared page. */
    summary: text("summary"),
    /** draft | active | completed | archived */
    status: text("status").notNull().default("active"),
    /** Our side's owner. */
    ownerId: uuid("owner_id").references(() => users.id, { onDelete: "set null" }),
    /** The customer's owner: one of the account's contacts. */
    customerOwnerId: uuid("customer_owner_id"),
    startDate: date("start_date", { mode: "string" }),
    dueDate: date("due_date", { mode: "string" }),
    createdAt: ts("created_at").notNull().defaultNow(),
    updatedAt: ts("updated_at").notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index("success_plans_account_ix").on(t.workspaceId, t.accountId),
    foreignKey({
      columns: [t.workspaceId, t.accountId],
      foreignColumns: [accounts.workspaceId, accounts.id],
    }).onDelete("cascade"),
  ],
);

/** An objective of a plan, or a milestone under an objective (`parentId`). */
export const successPlanItems = pgTable(
  "success_plan_items",
  {
    workspaceId: uuid("workspace_id").notNull(),
    id: uuid("id").notNull(),
    planId: uuid("plan_id").notNull(),
    /** objective | milestone */
    kind: text("kind").notNull(),
    /** The objective a milestone belongs to; null for objectives. */
    parentId: uuid("parent_id"),
    title: text("title").notNull(),
    /** Shown to the customer when the item is shared. */
    description: text("description"),
    /** Never shown to the customer. */
    internalNotes: text("internal_notes"),
    /** not_started | in_progress | done | at_risk */
    status: text("status").notNull().default("not_started"),
    dueDate: date("due_date", { mode: "string" }),
    ownerId: uuid("owner_id").references(() => users.id, { onDelete: "set null" }),
    customerOwnerId: uuid("customer_owner_id"),
    /** Whether the customer's page shows it (a milestone only under a shared objective). */
    shared: boolean("shared").notNull().default(false),
    position: integer("position").notNull(),
    completedAt: ts("completed_at"),
    createdAt: ts("created_at").notNull().defaultNow(),
    updatedAt: ts("updated_at").notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index("success_plan_items_plan_ix").on(t.workspaceId, t.planId, t.position),
    foreignKey({
      columns: [t.workspaceId, t.planId],
      foreignColumns: [successPlans.workspaceId, successPlans.id],
    }).onDelete("cascade"),
  ],
);

/** Which key players' outcomes an objective or milestone serves. */
export const successPlanItemOutcomes = pgTable(
  "success_plan_item_outcomes",
  {
    workspaceId: uuid("workspace_id").notNull(),
    itemId: uuid("item_id").notNull(),
    outcomeId: uuid("outcome_id").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.itemId, t.outcomeId] }),
    index("success_plan_item_outcomes_outcome_ix").on(t.workspaceId, t.outcomeId),
    foreignKey({
      columns: [t.workspaceId, t.itemId],
      foreignColumns: [successPlanItems.workspaceId, successPlanItems.id],
    }).onDelete("cascade"),
    foreignKey({
      columns: [t.workspaceId, t.outcomeId],
      foreignColumns: [outcomes.workspaceId, outcomes.id],
    }).onDelete("cascade"),
  ],
);

/**
 * A link that opens a plan's shared page. Only the token's SHA-256 is stored. A link made for a
 * key player (`contactId`) also lets that person confirm their own outcomes.
 */
export const successPlanLinks = pgTable(
  "success_plan_links",
  {
    workspaceId: uuid("workspace_id").notNull(),
    id: uuid("id").notNull(),
    planId: uuid("plan_id").notNull(),
    contactId: uuid("contact_id"),
    /** SHA-256 of the token, hex. */
    tokenHash: text("token_hash").notNull(),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: ts("created_at").notNull().defaultNow(),
    /** null: the link does not expire. */
    expiresAt: ts("expires_at"),
    revokedAt: ts("revoked_at"),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    uniqueIndex("success_plan_links_token_uq").on(t.tokenHash),
    index("success_plan_links_plan_ix").on(t.workspaceId, t.planId),
    foreignKey({
      columns: [t.workspaceId, t.planId],
      foreignColumns: [successPlans.workspaceId, successPlans.id],
    }).onDelete("cascade"),
    foreignKey({
      columns: [t.workspaceId, t.contactId],
      foreignColumns: [contacts.workspaceId, contacts.id],
    }).onDelete("cascade"),
  ],
);

/** A workspace's plan templates: objectives with their milestones, due dates as days from the start. */
export const successPlanTemplates = pgTable(
  "success_plan_templates",
  {
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    id: uuid("id").notNull(),
    name: text("name").notNull(),
    description: text("description"),
    objectives: jsonb("objectives")
      .$type<
        {
          title: string;
          description?: string | undefined;
          dueInDays?: number | undefined;
          milestones: { title: string; dueInDays?: number | undefined }[];
        }[]
      >()
      .notNull(),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.id] })],
);
