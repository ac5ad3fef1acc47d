import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  date,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  real,
  text,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { ts, users, workspaces } from "./workspace.ts";

export type CustomFields = Record<string, string | number | boolean | null>;

export const accounts = pgTable(
  "accounts",
  {
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    id: uuid("id").notNull(),
    name: text("name").notNull(),
    externalId: text("external_id"),
    parentId: uuid("parent_id"),
    domain: text("domain"),
    industry: text("industry"),
    region: text("region"),
    country: text("country"),
    tier: text("tier"),
    lifecycleStage: text("lifecycle_stage").notNull().default("onboarding"),
    /** How the account is served: one_to_one (high touch), one_to_few or one_to_many (digital). */
    coverage: text("coverage"),
    ownerId: uuid("owner_id").references(() => users.id, { onDelete: "set null" }),
    /**
     * Who set the tier, coverage and owner: `hand` (a person, an import) or `rule` (tiering, a
     * rule's action). Rules never overwrite a hand setting; null while the value is empty.
     */
    tierSource: text("tier_source"),
    coverageSource: text("coverage_source"),
    ownerSource: text("owner_source"),
    customFields: jsonb("custom_fields").$type<CustomFields>().notNull().default({}),
    // Kept in step with subscriptions in the same transaction, so lists sort and filter on them cheaply.
    mrrMinor: bigint("mrr_minor", { mode: "number" }).notNull().default(0),
    currency: text("currency").notNull().default("USD"),
    nextRenewalDate: date("next_renewal_date", { mode: "string" }),
    // The latest health score (health_scores holds the history), for lists to sort and filter on.
    healthScore: real("health_score"),
    healthBand: text("health_band"),
    healthChange7d: real("health_change_7d"),
    healthDay: date("health_day", { mode: "string" }),
    /** Why a new customer has no score yet (not enough data); null when scored. */
    healthNote: text("health_note"),
    createdAt: ts("created_at").notNull().defaultNow(),
    updatedAt: ts("updated_at").notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    uniqueIndex("accounts_external_uq").on(t.workspaceId, t.externalId),
    index("accounts_name_ix").on(t.workspaceId, sql`lower(${t.name})`, t.id),
    index("accounts_mrr_ix").on(t.workspaceId, t.mrrMinor, t.id),
    index("accounts_renewal_ix").on(t.workspaceId, t.nextRenewalDate, t.id),
    index("accounts_parent_ix").on(t.workspaceId, t.parentId),
    index("accounts_owner_ix").on(t.workspaceId, t.ownerId),
    index("accounts_health_ix").on(t.workspaceId, t.healthScore, t.id),
    // Email capture matches participants' domains to accounts.
    index("accounts_domain_ix").on(t.workspaceId, sql`lower(${t.domain})`),
  ],
);

export const contacts = pgTable(
  "contacts",
  {
    workspaceId: uuid("workspace_id").notNull(),
    accountId: uuid("account_id").notNull(),
    id: uuid("id").notNull(),
    externalId: text("external_id"),
    firstName: text("first_name"),
    lastName: text("last_name"),
    email: text("email"),
    phone: text("phone"),
    title: text("title"),
    decisionRole: text("decision_role"),
    influence: integer("influence"),
    seniority: text("seniority"),
    status: text("status").notNull().default("active"),
    leftCompany: boolean("left_company").notNull().default(false),
    customFields: jsonb("custom_fields").$type<CustomFields>().notNull().default({}),
    createdAt: ts("created_at").notNull().defaultNow(),
    updatedAt: ts("updated_at").notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.accountId, t.id] }),
    uniqueIndex("contacts_id_uq").on(t.workspaceId, t.id),
    uniqueIndex("contacts_external_uq").on(t.workspaceId, t.externalId),
    index("contacts_email_ix").on(t.workspaceId, sql`lower(${t.email})`),
    foreignKey({
      columns: [t.workspaceId, t.accountId],
      foreignColumns: [accounts.workspaceId, accounts.id],
    }).onDelete("cascade"),
  ],
);

export const subscriptions = pgTable(
  "subscriptions",
  {
    workspaceId: uuid("workspace_id").notNull(),
    accountId: uuid("account_id").notNull(),
    id: uuid("id").notNull(),
    externalId: text("external_id"),
    product: text("product").notNull(),
    plan: text("plan"),
    mrrMinor: bigint("mrr_minor", { mode: "number" }).notNull(),
    currency: text("currency").notNull().default("USD"),
    seats: integer("seats"),
    startDate: date("start_date", { mode: "string" }).notNull(),
    endDate: date("end_date", { mode: "string" }),
    renewalDate: date("renewal_date", { mode: "string" }),
    status: text("status").notNull(),
    billingPeriod: text("billing_period"),
    autoRenew: boolean("auto_renew"),
    customFields: jsonb("custom_fields").$type<CustomFields>().notNull().default({}),
    createdAt: ts("created_at").notNull().defaultNow(),
    updatedAt: ts("updated_at").notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.accountId, t.id] }),
    uniqueIndex("subscriptions_id_uq").on(t.workspaceId, t.id),
    uniqueIndex("subscriptions_external_uq").on(t.workspaceId, t.externalId),
    // The renewal pipeline reads the subscriptions renewing in a window.
    index("subscriptions_renewal_ix").on(t.workspaceId, t.renewalDate),
    foreignKey({
      columns: [t.workspaceId, t.accountId],
      foreignColumns: [accounts.workspaceId, accounts.id],
    }).onDelete("cascade"),
  ],
);

export const accountTeamMembers = pgTable(
  "account_team_members",
  {
    workspaceId: uuid("workspace_id").notNull(),
    accountId: uuid("account_id").notNull(),
    id: uuid("id").notNull(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    teamRole: text("team_role").notNull(),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.accountId, t.id] }),
    uniqueIndex("account_team_id_uq").on(t.workspaceId, t.id),
    uniqueIndex("account_team_member_uq").on(t.workspaceId, t.accountId, t.userId, t.teamRole),
    foreignKey({
      columns: [t.workspaceId, t.accountId],
      foreignColumns: [accounts.workspaceId, accounts.id],
    }).onDelete("cascade"),
  ],
);

export const timelineEntries = pgTable(
  "timeline_entries",
  {
    workspaceId: uuid("workspace_id").notNull(),
    accountId: uuid("account_id").notNull(),
    id: uuid("id").notNull(),
    kind: text("kind").notNull(),
    title: text("title").notNull(),
    body: text("body"),
    occurredAt: ts("occurred_at").notNull(),
    authorId: uuid("author_id").references(() => users.id, { onDelete: "set null" }),
    contactId: uuid("contact_id"),
    createdAt: ts("created_at").notNull().defaultNow(),
    updatedAt: ts("updated_at").notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.accountId, t.id] }),
    uniqueIndex("timeline_id_uq").on(t.workspaceId, t.id),
    index("timeline_account_time_ix").on(t.workspaceId, t.accountId, t.occurredAt, t.id),
    foreignKey({
      columns: [t.workspaceId, t.accountId],
      foreignColumns: [accounts.workspaceId, accounts.id],
    }).onDelete("cascade"),
  ],
);
