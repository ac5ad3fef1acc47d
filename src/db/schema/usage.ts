import { sql } from "drizzle-orm";
import {
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { ts, users, workspaces } from "./workspace.ts";

/**
 * A product (web app, backend, mobile app) that sends usage events. The write key is looked up by
 * its hash without knowing the workspace, so the hash is unique across the installation.
 */
export const eventSources = pgTable(
  "event_sources",
  {
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    id: uuid("id").notNull(),
    name: text("name").notNull(),
    writeKeyHash: text("write_key_hash").notNull(),
    writeKeyPrefix: text("write_key_prefix").notNull(),
    status: text("status").notNull().default("active"),
    /** What to do with events for a group id that matches no account: `create` it or `park` them. */
    unknownAccounts: text("unknown_accounts").notNull().default("park"),
    /**
     * Whether identify traits may replace a contact's email, name or title that already has a value.
     * Off by default: a write key is public (it sits in browsers), so anyone holding it could
     * otherwise rewrite CRM contacts; traits then only fill empty fields.
     */
    traitsMayOverwrite: boolean("traits_may_overwrite").notNull().default(false),
    /** Events per second this source may send before it gets 429s. */
    rateLimit: integer("rate_limit").notNull(),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: ts("created_at").notNull().defaultNow(),
    updatedAt: ts("updated_at").notNull().defaultNow(),
    keyRotatedAt: ts("key_rotated_at"),
    lastEventAt: ts("last_event_at"),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    uniqueIndex("event_sources_id_uq").on(t.id),
    uniqueIndex("event_sources_key_uq").on(t.writeKeyHash),
  ],
);

/**
 * Raw events, partitioned by month of `ts` (see the migration: drizzle cannot declare partitions).
 * `ts` is the corrected event time; `account_id` is null for events no account could be found for
 * (`parked` when their group id is unknown and the source parks them).
 */
export const usageEvents = pgTable(
  "usage_events",
  {
    workspaceId: uuid("workspace_id").notNull(),
    ts: ts("ts").notNull(),
    id: uuid("id").notNull(),
    sourceId: uuid("source_id"),
    messageId: text("message_id").notNull(),
    type: text("type").notNull(),
    event: text("event"),
    accountId: uuid("account_id"),
    contactId: uuid("contact_id"),
    userId: text("user_id"),
    anonymousId: text("anonymous_id"),
    groupId: text("group_id"),
    parked: boolean("parked").notNull().default(false),
    /** Uses this row stands for: 1 for a tracked event, more for imported daily counts. */
    quantity: integer("quantity").notNull().default(1),
    properties: jsonb("properties"),
    context: jsonb("context"),
    receivedAt: ts("received_at").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.ts, t.id] }),
    index("usage_events_ts_ix").on(t.workspaceId, t.ts),
    index("usage_events_account_ix").on(t.workspaceId, t.accountId, t.ts),
    index("usage_events_received_ix").on(t.workspaceId, t.receivedAt),
    index("usage_events_parked_ix").on(t.workspaceId, t.groupId).where(sql`${t.parked}`),
  ],
);

/** Message ids seen per workspace, so a retried batch stores each event once. */
export const usageMessageIds = pgTable(
  "usage_message_ids",
  {
    workspaceId: uuid("workspace_id").notNull(),
    messageId: text("message_id").notNull(),
    receivedAt: ts("received_at").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.messageId] }),
    index("usage_message_ids_received_ix").on(t.receivedAt),
  ],
);

/** Everything known about a product user (`userId`), whichever accounts they belong to. */
export const usageUsers = pgTable(
  "usage_users",
  {
    workspaceId: uuid("workspace_id").notNull(),
    userKey: text("user_key").notNull(),
    traits: jsonb("traits").$type<Record<string, unknown>>().notNull().default({}),
    firstSeenAt: ts("first_seen_at").notNull(),
    lastSeenAt: ts("last_seen_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.userKey] })],
);

/** A `group` call's link from a user to an account, and the contact that user is in that account. */
export const usageUserAccounts = pgTable(
  "usage_user_accounts",
  {
    workspaceId: uuid("workspace_id").notNull(),
    accountId: uuid("account_id").notNull(),
    userKey: text("user_key").notNull(),
    contactId: uuid("contact_id"),
    linkedAt: ts("linked_at").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.accountId, t.userKey] }),
    index("usage_user_accounts_user_ix").on(t.workspaceId, t.userKey),
  ],
);

/** Rollup: one user's uses of one event on one UTC day; the source of distinct-user counts. */
export const usageUserEventDays = pgTable(
  "usage_user_event_days",
  {
    workspaceId: uuid("workspace_id").notNull(),
    accountId: uuid("account_id").notNull(),
    day: date("day", { mode: "string" }).notNull(),
    event: text("event").notNull(),
    userKey: text("user_key").notNull(),
    events: integer("events").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.accountId, t.day, t.event, t.userKey] }),
    // Workspace-wide reads of a period (distinct users per feature) touch only that period's rows:
    // rollups are kept for good, so without it they would scan the whole history.
    index("usage_user_event_days_day_ix").on(t.workspaceId, t.day),
  ],
);

/** Rollup: one user's (contact's) activity in an account on one UTC day. */
export const usageUserDays = pgTable(
  "usage_user_days",
  {
    workspaceId: uuid("workspace_id").notNull(),
    accountId: uuid("account_id").notNull(),
    day: date("day", { mode: "string" }).notNull(),
    userKey: text("user_key").notNull(),
    contactId: uuid("contact_id"),
    events: integer("events").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.accountId, t.day, t.userKey] }),
    index("usage_user_days_day_ix").on(t.workspaceId, t.day),
    // A contact's last active day in one probe (key players going quiet).
    index("usage_user_days_contact_ix")
      .on(t.workspaceId, t.accountId, t.contactId, t.day)
      .where(sql`${t.contactId} is not null`),
  ],
);

/** Rollup: an account's uses of one event on one UTC day, with how many users made them. */
export const usageAccountEventDays = pgTable(
  "usage_account_event_days",
  {
    workspaceId: uuid("workspace_id").notNull(),
    accountId: uuid("account_id").notNull(),
    day: date("day", { mode: "string" }).notNull(),
    event: text("event").notNull(),
    events: integer("events").notNull(),
    users: integer("users").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.accountId, t.day, t.event] }),
    index("usage_account_event_days_day_ix").on(t.workspaceId, t.day),
    // A feature's last day of use in one probe (feature adoption).
    index("usage_account_event_days_event_ix").on(t.workspaceId, t.event, t.day),
  ],
);

/**
 * Stored events not yet added to the rollups: ingestion appends one row per product-use event in
 * the statement that stores it, and the roller (src/domain/usage/roll-up.ts) takes rows out and adds
 * them to the three rollups, in the same transaction. Moving the rollup upserts out of the request
 * keeps concurrent requests from waiting on each other's rollup row locks and lets one roller
 * statement sum many requests' rows. No key and no index: rows are only appended and taken in bulk.
 */
export const usageRollupQueue = pgTable("usage_rollup_queue", {
  workspaceId: uuid("workspace_id").notNull(),
  accountId: uuid("account_id").notNull(),
  day: date("day", { mode: "string" }).notNull(),
  event: text("event").notNull(),
  userKey: text("user_key"),
  contactId: uuid("contact_id"),
  events: integer("events").notNull(),
});

/** (account, day) pairs whose rollups must be rebuilt from raw events by the catch-up job. */
export const usageRollupDirty = pgTable(
  "usage_rollup_dirty",
  {
    workspaceId: uuid("workspace_id").notNull(),
    accountId: uuid("account_id").notNull(),
    day: date("day", { mode: "string" }).notNull(),
    markedAt: ts("marked_at").notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.accountId, t.day] })],
);

/** Features (event names) the workspace names and marks as key for breadth of adoption. */
export const usageFeatures = pgTable(
  "usage_features",
  {
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    event: text("event").notNull(),
    name: text("name").notNull(),
    key: boolean("key").notNull().default(false),
    createdAt: ts("created_at").notNull().defaultNow(),
    updatedAt: ts("updated_at").notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.event] })],
);

/** Per-workspace usage settings; a missing row means the defaults. */
export const usageSettings = pgTable("usage_settings", {
  workspaceId: uuid("workspace_id")
    .primaryKey()
    .references(() => workspaces.id, { onDelete: "cascade" }),
  quietDays: integer("quiet_days").notNull().default(14),
  keyPlayerQuietDays: integer("key_player_quiet_days").notNull().default(21),
  updatedAt: ts("updated_at").notNull().defaultNow(),
});

/** Items of a request that could not be stored, kept so a source's owner can see why. */
export const usageRejections = pgTable(
  "usage_rejections",
  {
    workspaceId: uuid("workspace_id").notNull(),
    sourceId: uuid("source_id").notNull(),
    id: uuid("id").notNull(),
    receivedAt: ts("received_at").notNull(),
    code: text("code").notNull(),
    message: text("message").notNull(),
    messageId: text("message_id"),
    /** The item as sent, cut to a few kilobytes. */
    excerpt: text("excerpt"),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.sourceId, t.id] }),
    index("usage_rejections_time_ix").on(t.workspaceId, t.receivedAt),
  ],
);
