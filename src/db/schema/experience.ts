import { sql } from "drizzle-orm";
import {
  boolean,
  doublePrecision,
  foreignKey,
  index,
  integer,
  pgTable,
  primaryKey,
  smallint,
  text,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { accounts, contacts } from "./customers.ts";
import { ts, users, workspaces } from "./workspace.ts";

/**
 * A workspace's editable lists: the customer's decision steps (`decision`), the supplier's
 * business-development steps (`development`) and the experience dimensions (`dimension`).
 * Touchpoints and answers keep an item's `key`, so renaming an item keeps its history; an item
 * in use is archived rather than deleted.
 */
export const workspaceListItems = pgTable(
  "workspace_list_items",
  {
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    list: text("list").notNull(),
    key: text("key").notNull(),
    label: text("label").notNull(),
    description: text("description"),
    position: integer("position").notNull(),
    archivedAt: ts("archived_at"),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.list, t.key] })],
);

/** A support ticket, imported from the help desk (support tickets are an account's, not a person's). */
export const tickets = pgTable(
  "tickets",
  {
    workspaceId: uuid("workspace_id").notNull(),
    id: uuid("id").notNull(),
    accountId: uuid("account_id").notNull(),
    /** The help desk's id; imports match on it. */
    externalId: text("external_id"),
    subject: text("subject"),
    /** low | medium | high | urgent */
    priority: text("priority"),
    openedAt: ts("opened_at").notNull(),
    closedAt: ts("closed_at"),
    firstResponseMinutes: doublePrecision("first_response_minutes"),
    resolutionHours: doublePrecision("resolution_hours"),
    /** The requester's satisfaction, 1–5; null when they did not answer (never 0). */
    satisfaction: smallint("satisfaction"),
    escalated: boolean("escalated").notNull().default(false),
    createdAt: ts("created_at").notNull().defaultNow(),
    updatedAt: ts("updated_at").notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    uniqueIndex("tickets_external_uq").on(t.workspaceId, t.externalId),
    index("tickets_account_opened_ix").on(t.workspaceId, t.accountId, t.openedAt),
    index("tickets_opened_ix").on(t.workspaceId, t.openedAt),
    foreignKey({
      columns: [t.workspaceId, t.accountId],
      foreignColumns: [accounts.workspaceId, accounts.id],
    }).onDelete("cascade"),
  ],
);

/**
 * One answer to one survey question by a key player: NPS (0–10), CSAT (1–5), CES (1–7, its
 * `scale` kept) or an experience dimension (1–5, `dimension` the list item's key). The account is
 * the contact's when they answered, so an answer stays with the customer it was about.
 */
export const surveyResponses = pgTable(
  "survey_responses",
  {
    workspaceId: uuid("workspace_id").notNull(),
    id: uuid("id").notNull(),
    accountId: uuid("account_id").notNull(),
    contactId: uuid("contact_id").notNull(),
    /** nps | csat | ces | dimension */
    kind: text("kind").notNull(),
    dimension: text("dimension"),
    score: smallint("score").notNull(),
    /** The top of the scale the score was given on (10, 5 or 7). */
    scale: smallint("scale").notNull(),
    comment: text("comment"),
    answeredAt: ts("answered_at").notNull(),
    /** survey (answered on Steward's page) | import (collected elsewhere) */
    source: text("source").notNull(),
    /** The key player's last touchpoint before the answer, if any. */
    touchpointId: uuid("touchpoint_id"),
    /** The survey invitation answered (answers on Steward's page). */
    recipientId: uuid("recipient_id"),
    /** When the closed loop raised an alert for this answer (once per answer, edits included). */
    alertedAt: ts("alerted_at"),
    createdAt: ts("created_at").notNull().defaultNow(),
    updatedAt: ts("updated_at").notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    // The same person's answer of a kind at the same moment is one answer: importing a file again updates it.
    uniqueIndex("survey_responses_answer_uq").on(
      t.workspaceId,
      t.contactId,
      t.kind,
      sql`coalesce(${t.dimension}, '')`,
      t.answeredAt,
    ),
    index("survey_responses_account_ix").on(t.workspaceId, t.accountId, t.answeredAt),
    index("survey_responses_answered_ix").on(t.workspaceId, t.answeredAt),
    foreignKey({
      columns: [t.workspaceId, t.contactId],
      foreignColumns: [contacts.workspaceId, contacts.id],
    }).onDelete("cascade"),
    foreignKey({
      columns: [t.workspaceId, t.accountId],
      foreignColumns: [accounts.workspaceId, accounts.id],
    }).onDelete("cascade"),
  ],
);

/**
 * An encounter with the customer, owned by one of our functions: what it was, which decision and
 * business-development step it served, who was there, how well our employee performed (rated by a
 * manager or reviewer, or self-assessed) and how the customer experienced it.
 */
export const touchpoints = pgTable(
  "touchpoints",
  {
    workspaceId: uuid("workspace_id").notNull(),
    id: uuid("id").notNull(),
    accountId: uuid("account_id").notNull(),
    /** The CRM's id; imports match on it. */
    externalId: text("external_id"),
    channel: text("channel").notNull(),
    /** The owning function (FUNCTIONS). */
    function: text("function").notNull(),
    employeeId: uuid("employee_id").references(() => users.id, { onDelete: "set null" }),
    /** Keys of the workspace's `decision` and `development` list items. */
    decisionStep: text("decision_step"),
    developmentStep: text("development_step"),
    title: text("title").notNull(),
    notes: text("notes"),
    occurredAt: ts("occurred_at").notNull(),
    /** Our employee's performance, 1–5, and who rated it (null rater with selfAssessed = the employee). */
    qualityRating: smallint("quality_rating"),
    qualityRatedBy: uuid("quality_rated_by").references(() => users.id, { onDelete: "set null" }),
    qualitySelfAssessed: boolean("quality_self_assessed").notNull().default(false),
    /** The customer's experience, 1–5, when known. */
    experienceRating: smallint("experience_rating"),
    /** manual | import | email */
    source: text("source").notNull(),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: ts("created_at").notNull().defaultNow(),
    updatedAt: ts("updated_at").notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    uniqueIndex("touchpoints_external_uq").on(t.workspaceId, t.externalId),
    index("touchpoints_account_time_ix").on(t.workspaceId, t.accountId, t.occurredAt),
    index("touchpoints_time_ix").on(t.workspaceId, t.occurredAt),
    index("touchpoints_employee_ix").on(t.workspaceId, t.employeeId, t.occurredAt),
    foreignKey({
      columns: [t.workspaceId, t.accountId],
      foreignColumns: [accounts.workspaceId, accounts.id],
    }).onDelete("cascade"),
  ],
);

/** The key players present at a touchpoint. */
export const touchpointPlayers = pgTable(
  "touchpoint_players",
  {
    workspaceId: uuid("workspace_id").notNull(),
    touchpointId: uuid("touchpoint_id").notNull(),
    contactId: uuid("contact_id").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.touchpointId, t.contactId] }),
    index("touchpoint_players_contact_ix").on(t.workspaceId, t.contactId),
    foreignKey({
      columns: [t.workspaceId, t.touchpointId],
      foreignColumns: [touchpoints.workspaceId, touchpoints.id],
    }).onDelete("cascade"),
    foreignKey({
      columns: [t.workspaceId, t.contactId],
      foreignColumns: [contacts.workspaceId, contacts.id],
    }).onDelete("cascade"),
  ],
);

/**
 * A survey sent to key players: one question of a kind (NPS, CSAT, CES) or the workspace's
 * experience dimensions, with the recontact guard it was sent under.
 */
export const surveys = pgTable(
  "surveys",
  {
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    id: uuid("id").notNull(),
    kind: text("kind").notNull(),
    name: text("name").notNull(),
    question: text("question").notNull(),
    /** No one surveyed in the last this many days was sent this survey. */
    recontactDays: integer("recontact_days").notNull(),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index("surveys_created_ix").on(t.workspaceId, t.createdAt),
  ],
);

/**
 * One key player asked one survey, with the hash of their personal link's token (the token itself
 * is only in the email). Answered when they answer; they may change the answer for 7 days.
 */
export const surveyRecipients = pgTable(
  "survey_recipients",
  {
    workspaceId: uuid("workspace_id").notNull(),
    id: uuid("id").notNull(),
    surveyId: uuid("survey_id").notNull(),
    contactId: uuid("contact_id").notNull(),
    accountId: uuid("account_id").notNull(),
    email: text("email").notNull(),
    /** SHA-256 of the link's token, hex. */
    tokenHash: text("token_hash").notNull(),
    sentAt: ts("sent_at").notNull(),
    expiresAt: ts("expires_at").notNull(),
    answeredAt: ts("answered_at"),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    uniqueIndex("survey_recipients_token_uq").on(t.tokenHash),
    index("survey_recipients_survey_ix").on(t.workspaceId, t.surveyId),
    index("survey_recipients_contact_ix").on(t.workspaceId, t.contactId, t.sentAt),
    foreignKey({
      columns: [t.workspaceId, t.surveyId],
      foreignColumns: [surveys.workspaceId, surveys.id],
    }).onDelete("cascade"),
    foreignKey({
      columns: [t.workspaceId, t.contactId],
      foreignColumns: [contacts.workspaceId, contacts.id],
    }).onDelete("cascade"),
  ],
);

/**
 * Every email Steward sends for a workspace. Without SMTP configured a message is `held`: it waits
 * in the outbox, body and all, for an admin to read. A sent message keeps no body (its links are
 * credentials); `failed` keeps the error.
 */
export const mailMessages = pgTable(
  "mail_messages",
  {
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    id: uuid("id").notNull(),
    /** survey | … */
    purpose: text("purpose").notNull(),
    /** The survey (or other object) the message belongs to. */
    subjectId: uuid("subject_id"),
    toAddress: text("to_address").notNull(),
    toName: text("to_name"),
    subject: text("subject").notNull(),
    textBody: text("text_body"),
    htmlBody: text("html_body"),
    /** queued | held | sending | sent | failed */
    status: text("status").notNull(),
    attempts: integer("attempts").notNull().default(0),
    error: text("error"),
    /** The RFC 5322 Message-ID it was sent with. */
    messageId: text("message_id").notNull(),
    createdAt: ts("created_at").notNull().defaultNow(),
    sentAt: ts("sent_at"),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index("mail_messages_created_ix").on(t.workspaceId, t.createdAt),
    index("mail_messages_status_ix").on(t.status, t.createdAt),
  ],
);
