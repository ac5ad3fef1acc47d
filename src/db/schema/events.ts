import { sql } from "drizzle-orm";
import {
  bigint,
  bigserial,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";
import { workspaces } from "./workspace.ts";

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

/**
 * The outbox: one row per domain event, inserted in the transaction of the change it describes.
 * Readers go in (txid, position) order and only below the oldest transaction still running
 * in this database, so an event whose transaction commits late is never skipped: every later
 * reader position is ahead of it only once it can no longer appear. Unlike other tables the key
 * is the global position, not the workspace: the dispatcher reads all workspaces in one order.
 */
export const domainEvents = pgTable(
  "domain_events",
  {
    position: bigserial("position", { mode: "number" }).primaryKey(),
    /** The writing transaction's id (xid8 as a number): the first half of the reading order. */
    txid: bigint("txid", { mode: "number" }).notNull().default(sql`(pg_current_xact_id()::text)::bigint`),
    id: uuid("id").notNull(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    /** No foreign key: an account's deletion is itself an event that must stay readable. */
    accountId: uuid("account_id"),
    type: text("type").notNull(),
    actor: jsonb("actor").notNull(),
    data: jsonb("data").notNull(),
    occurredAt: ts("occurred_at").notNull().defaultNow(),
  },
  (t) => [
    index("domain_events_order_ix").on(t.txid, t.position),
    index("domain_events_workspace_order_ix").on(t.workspaceId, t.txid, t.position),
    index("domain_events_occurred_ix").on(t.occurredAt),
  ],
);

/** Each in-process consumer's position in the outbox: the last (txid, position) it has handled. */
export const eventConsumers = pgTable("event_consumers", {
  name: text("name").primaryKey(),
  txid: bigint("txid", { mode: "number" }).notNull(),
  position: bigint("position", { mode: "number" }).notNull(),
  updatedAt: ts("updated_at").notNull().defaultNow(),
});

/** Events a consumer gave up on after its attempts: kept with the error for an operator to see. */
export const parkedEvents = pgTable(
  "parked_events",
  {
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    consumer: text("consumer").notNull(),
    position: bigint("position", { mode: "number" }).notNull(),
    attempts: integer("attempts").notNull(),
    error: text("error").notNull(),
    parkedAt: ts("parked_at").notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.consumer, t.position] })],
);

/**
 * How far retention has deleted (one row): a `/changes` cursor before this point may have missed
 * events, so it answers 410 instead of silently skipping them.
 */
export const eventRetention = pgTable("event_retention", {
  id: integer("id").primaryKey().default(1),
  txid: bigint("txid", { mode: "number" }).notNull(),
  position: bigint("position", { mode: "number" }).notNull(),
  prunedAt: ts("pruned_at").notNull().defaultNow(),
});
