import { sql } from "drizzle-orm";
import {
  date,
  doublePrecision,
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

/** A saved dynamic filter over accounts or contacts (`filter` is the contract's FilterGroup). */
export const segments = pgTable(
  "segments",
  {
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    id: uuid("id").notNull(),
    name: text("name").notNull(),
    description: text("description"),
    /** account | contact */
    entity: text("entity").notNull(),
    filter: jsonb("filter").notNull(),
    memberCount: integer("member_count").notNull().default(0),
    refreshedAt: ts("refreshed_at"),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: ts("created_at").notNull().defaultNow(),
    updatedAt: ts("updated_at").notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    uniqueIndex("segments_name_uq").on(t.workspaceId, sql`lower(${t.name})`),
  ],
);

/**
 * Membership history: one row per stay of a record in a segment, from when a refresh found it in
 * to when one found it out (null while it stays). A record was a member on a day when a stay spans it.
 */
export const segmentMembers = pgTable(
  "segment_members",
  {
    workspaceId: uuid("workspace_id").notNull(),
    segmentId: uuid("segment_id").notNull(),
    /** The account's or the contact's id. */
    entityId: uuid("entity_id").notNull(),
    enteredAt: ts("entered_at").notNull(),
    leftAt: ts("left_at"),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.segmentId, t.entityId, t.enteredAt] }),
    uniqueIndex("segment_members_open_uq")
      .on(t.workspaceId, t.segmentId, t.entityId)
      .where(sql`${t.leftAt} is null`),
    index("segment_members_left_ix").on(t.workspaceId, t.segmentId, t.leftAt),
    index("segment_members_entered_ix").on(t.workspaceId, t.segmentId, t.enteredAt),
    foreignKey({
      columns: [t.workspaceId, t.segmentId],
      foreignColumns: [segments.workspaceId, segments.id],
    }).onDelete("cascade"),
  ],
);

/** Each account's churn (and expansion) probability as it stood on each day, for replays. */
export const churnProbabilityHistory = pgTable(
  "churn_probability_history",
  {
    workspaceId: uuid("workspace_id").notNull(),
    accountId: uuid("account_id").notNull(),
    /** churn | expansion */
    kind: text("kind").notNull(),
    day: date("day", { mode: "string" }).notNull(),
    probability: doublePrecision("probability").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.kind, t.accountId, t.day] }),
    index("churn_probability_history_day_ix").on(t.workspaceId, t.kind, t.day),
    foreignKey({
      columns: [t.workspaceId, t.accountId],
      foreignColumns: [accounts.workspaceId, accounts.id],
    }).onDelete("cascade"),
  ],
);
