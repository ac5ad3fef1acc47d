import { sql } from "drizzle-orm";
import {
  bigint,
  date,
  foreignKey,
  index,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { accounts, contacts, subscriptions } from "./customers.ts";
import { ts, users, workspaces } from "./workspace.ts";

/**
 * One renewal of one subscription (its `due_date` is the renewal date it had): the conversation
 * about it while it is coming (stage, the CSM's call, a notice date other than the workspace's
 * default) and, once decided, its outcome with a reason code. A row exists only once someone
 * works on or decides the renewal; the pipeline itself reads the subscriptions. Imported outcomes
 * (e.g. churn events) may name only the account, and carry their file's key in `external_id`.
 */
export const renewals = pgTable(
  "renewals",
  {
    workspaceId: uuid("workspace_id").notNull(),
    id: uuid("id").notNull(),
    accountId: uuid("account_id").notNull(),
    subscriptionId: uuid("subscription_id"),
    dueDate: date("due_date", { mode: "string" }).notNull(),
    /** not_started | outreach | negotiating | verbal_commit | closed */
    stage: text("stage").notNull().default("not_started"),
    /** commit | likely | at_risk: the CSM's own forecast call, shown beside the model's. */
    csmCall: text("csm_call"),
    noticeDate: date("notice_date", { mode: "string" }),
    /** renewed | expanded | downgraded | churned */
    outcome: text("outcome"),
    reasonCode: text("reason_code"),
    /** The ARR the subscription renewed at (expanded, downgraded); minor units of its currency. */
    arrAfterMinor: bigint("arr_after_minor", { mode: "number" }),
    note: text("note"),
    externalId: text("external_id"),
    decidedAt: ts("decided_at"),
    updatedBy: uuid("updated_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: ts("created_at").notNull().defaultNow(),
    updatedAt: ts("updated_at").notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    uniqueIndex("renewals_subscription_due_uq")
      .on(t.workspaceId, t.subscriptionId, t.dueDate)
      .where(sql`${t.subscriptionId} is not null`),
    uniqueIndex("renewals_external_uq").on(t.workspaceId, t.externalId),
    index("renewals_account_ix").on(t.workspaceId, t.accountId, t.dueDate),
    index("renewals_due_ix").on(t.workspaceId, t.dueDate),
    foreignKey({
      columns: [t.workspaceId, t.accountId],
      foreignColumns: [accounts.workspaceId, accounts.id],
    }).onDelete("cascade"),
    // A subscription deleted as a mistake takes the record of its renewals with it.
    foreignKey({
      columns: [t.workspaceId, t.subscriptionId],
      foreignColumns: [subscriptions.workspaceId, subscriptions.id],
    }).onDelete("cascade"),
  ],
);

/** A chance to sell an account more, from a CSM's note or the expansion model, and how it ended. */
export const expansionOpportunities = pgTable(
  "expansion_opportunities",
  {
    workspaceId: uuid("workspace_id").notNull(),
    id: uuid("id").notNull(),
    accountId: uuid("account_id").notNull(),
    title: text("title").notNull(),
    /** The ARR it would add, minor units of `currency`. */
    arrMinor: bigint("arr_minor", { mode: "number" }).notNull(),
    currency: text("currency").notNull(),
    /** open | won | lost */
    stage: text("stage").notNull().default("open"),
    expectedClose: date("expected_close", { mode: "string" }),
    ownerId: uuid("owner_id").references(() => users.id, { onDelete: "set null" }),
    note: text("note"),
    closedAt: ts("closed_at"),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: ts("created_at").notNull().defaultNow(),
    updatedAt: ts("updated_at").notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index("expansion_opportunities_account_ix").on(t.workspaceId, t.accountId),
    index("expansion_opportunities_stage_ix").on(t.workspaceId, t.stage, t.expectedClose),
    foreignKey({
      columns: [t.workspaceId, t.accountId],
      foreignColumns: [accounts.workspaceId, accounts.id],
    }).onDelete("cascade"),
  ],
);

/**
 * A customer asked to speak for us — a reference call, a testimonial, a referral, a public
 * review or a case study — by account and, usually, key player, with where the ask stands.
 */
export const advocacyAsks = pgTable(
  "advocacy_asks",
  {
    workspaceId: uuid("workspace_id").notNull(),
    id: uuid("id").notNull(),
    accountId: uuid("account_id").notNull(),
    contactId: uuid("contact_id"),
    /** reference | testimonial | referral | review | case_study */
    kind: text("kind").notNull(),
    /** asked | agreed | delivered | declined */
    state: text("state").notNull(),
    askedOn: date("asked_on", { mode: "string" }).notNull(),
    /** When the state last changed (agreed, delivered or declined on). */
    stateOn: date("state_on", { mode: "string" }).notNull(),
    /** What it was for or produced: the prospect referred, the review site, the story's title. */
    detail: text("detail"),
    askedBy: uuid("asked_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: ts("created_at").notNull().defaultNow(),
    updatedAt: ts("updated_at").notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index("advocacy_asks_account_ix").on(t.workspaceId, t.accountId, t.askedOn),
    index("advocacy_asks_contact_ix").on(t.workspaceId, t.contactId, t.askedOn),
    foreignKey({
      columns: [t.workspaceId, t.accountId],
      foreignColumns: [accounts.workspaceId, accounts.id],
    }).onDelete("cascade"),
    foreignKey({
      columns: [t.workspaceId, t.contactId],
      foreignColumns: [contacts.workspaceId, contacts.id],
    }).onDelete("cascade"),
  ],
);

/**
 * How the churn model's probability turns into a renewal probability, fitted on the workspace's
 * past renewals (src/domain/renewals): kept so the pipeline reads it instead of refitting on every
 * request, and refitted daily and when it is older than a day.
 */
export const renewalCalibrations = pgTable("renewal_calibrations", {
  workspaceId: uuid("workspace_id")
    .primaryKey()
    .references(() => workspaces.id, { onDelete: "cascade" }),
  calibration: jsonb("calibration").notNull(),
  fittedAt: ts("fitted_at").notNull().defaultNow(),
});
