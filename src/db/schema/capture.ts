import { sql } from "drizzle-orm";
import {
  boolean,
  foreignKey,
  index,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { accounts } from "./customers.ts";
import { ts, users, workspaces } from "./workspace.ts";

/** An address of a captured email's header, as written. */
export type MailAddress = { address: string; name: string | null };

/** Someone a captured email was with, and what Steward matched them to. */
export type CapturedParticipant = MailAddress & {
  /** Where the address was found: a header of the email, or the forwarded message's header block. */
  via: "from" | "to" | "cc" | "reply_to" | "forwarded";
  contactId: string | null;
  accountId: string | null;
};

/**
 * A workspace's capture address `capture+<token>@<STEWARD_INBOUND_DOMAIN>` (docs/email-capture.md).
 * The token itself is stored, not a hash: every member is shown the address. One is active per
 * workspace; regenerating revokes it and makes another, so mail to the old one is refused.
 */
export const captureAddresses = pgTable(
  "capture_addresses",
  {
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    id: uuid("id").notNull(),
    token: text("token").notNull(),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: ts("created_at").notNull().defaultNow(),
    revokedAt: ts("revoked_at"),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    uniqueIndex("capture_addresses_token_uq").on(t.token),
    uniqueIndex("capture_addresses_active_uq").on(t.workspaceId).where(sql`${t.revokedAt} is null`),
  ],
);

/**
 * An email a member sent or forwarded to the capture address: its headers, its text (no
 * attachments, no HTML), the participants found and what became of it — a touchpoint of one
 * account (`matched`), waiting in the review list (`unmatched`), or set aside (`dismissed`).
 */
export const capturedEmails = pgTable(
  "captured_emails",
  {
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    id: uuid("id").notNull(),
    receivedAt: ts("received_at").notNull().defaultNow(),
    /** The member who sent or forwarded it. */
    senderId: uuid("sender_id").references(() => users.id, { onDelete: "set null" }),
    fromAddress: text("from_address").notNull(),
    fromName: text("from_name"),
    toAddresses: jsonb("to_addresses").$type<MailAddress[]>().notNull().default([]),
    ccAddresses: jsonb("cc_addresses").$type<MailAddress[]>().notNull().default([]),
    subject: text("subject").notNull(),
    /** The text part, or the HTML part as text; cut to a limit. */
    textBody: text("text_body").notNull(),
    /** The email's date: the forwarded message's when it was forwarded and it could be read. */
    sentAt: ts("sent_at").notNull(),
    forwarded: boolean("forwarded").notNull().default(false),
    /** The Message-ID header (or one made from the content): the same email is kept once. */
    messageId: text("message_id").notNull(),
    participants: jsonb("participants").$type<CapturedParticipant[]>().notNull().default([]),
    /** matched | unmatched | dismissed */
    status: text("status").notNull(),
    touchpointId: uuid("touchpoint_id"),
    accountId: uuid("account_id"),
    createdAt: ts("created_at").notNull().defaultNow(),
    updatedAt: ts("updated_at").notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    uniqueIndex("captured_emails_message_uq").on(t.workspaceId, t.messageId),
    index("captured_emails_status_ix").on(t.workspaceId, t.status, t.receivedAt),
    foreignKey({
      columns: [t.workspaceId, t.accountId],
      foreignColumns: [accounts.workspaceId, accounts.id],
    }).onDelete("cascade"),
  ],
);
