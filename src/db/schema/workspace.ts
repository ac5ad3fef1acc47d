import { sql } from "drizzle-orm";
import {
  boolean,
  index,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

/** A tenant. Everything else hangs off a workspace and leads its keys with workspace_id. */
export const workspaces = pgTable(
  "workspaces",
  {
    id: uuid("id").primaryKey(),
    slug: text("slug").notNull(),
    name: text("name").notNull(),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [uniqueIndex("workspaces_slug_uq").on(t.slug)],
);

/** People who can sign in; installation-wide so one person can belong to several workspaces. */
export const users = pgTable(
  "users",
  {
    id: uuid("id").primaryKey(),
    email: text("email").notNull(),
    name: text("name").notNull(),
    passwordHash: text("password_hash"),
    /** Set by an admin's reset: the temporary password opens a session that can only change it. */
    mustChangePassword: boolean("must_change_password").notNull().default(false),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [uniqueIndex("users_email_uq").on(sql`lower(${t.email})`)],
);

export const memberships = pgTable(
  "memberships",
  {
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    role: text("role").notNull(),
    function: text("function").notNull(),
    title: text("title"),
    /** Whom overdue items escalate to (a member of the same workspace); none: the admins. */
    managerId: uuid("manager_id"),
    /** A named team (e.g. "Enterprise CSMs"): the inbox's team view and round-robin assignment. */
    team: text("team"),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.userId] }),
    index("memberships_user_ix").on(t.userId),
    index("memberships_manager_ix").on(t.workspaceId, t.managerId),
  ],
);

/**
 * People asked to join a workspace; they become members only by accepting after sign-in. Keyed by
 * the (lower-case) email, so an invitation never says whether that email has a login yet.
 */
export const invitations = pgTable(
  "invitations",
  {
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    id: uuid("id").notNull(),
    email: text("email").notNull(),
    name: text("name").notNull(),
    role: text("role").notNull(),
    function: text("function").notNull(),
    title: text("title"),
    invitedBy: uuid("invited_by").references(() => users.id, { onDelete: "set null" }),
    /** The login was created for this invitation: its first sign-in accepts it. */
    acceptOnSignIn: boolean("accept_on_sign_in").notNull().default(false),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    uniqueIndex("invitations_email_uq").on(t.workspaceId, sql`lower(${t.email})`),
    index("invitations_email_ix").on(sql`lower(${t.email})`),
  ],
);

/** Sessions are looked up by the hash of their token; the token itself is never stored. */
export const sessions = pgTable(
  "sessions",
  {
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    id: text("id").notNull(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    csrfToken: text("csrf_token").notNull(),
    createdAt: ts("created_at").notNull().defaultNow(),
    lastSeenAt: ts("last_seen_at").notNull().defaultNow(),
    expiresAt: ts("expires_at").notNull(),
    ip: text("ip"),
    userAgent: text("user_agent"),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    uniqueIndex("sessions_id_uq").on(t.id),
    index("sessions_user_ix").on(t.workspaceId, t.userId),
  ],
);

/**
 * API keys: `stw_<prefix>_<secret>`; we keep the prefix to show and a hash to verify. Every key
 * belongs to a person and acts as them, never beyond their current role in the workspace.
 */
export const apiKeys = pgTable(
  "api_keys",
  {
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    id: uuid("id").notNull(),
    name: text("name").notNull(),
    prefix: text("prefix").notNull(),
    keyHash: text("key_hash").notNull(),
    scopes: text("scopes").array().notNull(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: ts("created_at").notNull().defaultNow(),
    lastUsedAt: ts("last_used_at"),
    revokedAt: ts("revoked_at"),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    uniqueIndex("api_keys_prefix_uq").on(t.prefix),
    index("api_keys_user_ix").on(t.workspaceId, t.userId),
  ],
);

/** Append-only: a trigger in the migrations refuses UPDATE and DELETE. */
export const auditLog = pgTable(
  "audit_log",
  {
    workspaceId: uuid("workspace_id"),
    id: uuid("id").notNull().primaryKey(),
    at: ts("at").notNull().defaultNow(),
    actorUserId: uuid("actor_user_id"),
    actorApiKeyId: uuid("actor_api_key_id"),
    action: text("action").notNull(),
    targetType: text("target_type"),
    targetId: text("target_id"),
    ip: text("ip"),
    success: boolean("success").notNull().default(true),
    details: jsonb("details").$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [index("audit_log_ws_at_ix").on(t.workspaceId, t.at)],
);

/** Per-workspace definitions that validate the custom fields of accounts, contacts and subscriptions. */
export const customFieldDefs = pgTable(
  "custom_field_defs",
  {
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    entity: text("entity").notNull(),
    key: text("key").notNull(),
    label: text("label").notNull(),
    type: text("type").notNull(),
    options: text("options").array(),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.entity, t.key] })],
);

export { ts };
