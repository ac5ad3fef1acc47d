import {
  bigint,
  date,
  foreignKey,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  real,
  smallint,
  text,
  uuid,
} from "drizzle-orm/pg-core";
import { accounts } from "./customers.ts";
import { ts, users, workspaces } from "./workspace.ts";

/**
 * An account's MRR movements, month by month and per currency, derived from its subscriptions
 * (docs/revenue.md): `delta_minor` is the signed change of its month-end MRR (+new, +expansion,
 * −contraction, −churn, +reactivation), so an account's MRR at any month end is the sum of its
 * deltas up to that month. A customer who joins and leaves inside one month has a new (or
 * reactivation) and a churn row of the same month, summing to zero. Rebuilt for an account
 * whenever one of its subscriptions changes, in the transaction that delivers the change.
 */
export const mrrMovements = pgTable(
  "mrr_movements",
  {
    workspaceId: uuid("workspace_id").notNull(),
    accountId: uuid("account_id").notNull(),
    currency: text("currency").notNull(),
    /** The month's first day. */
    month: date("month", { mode: "string" }).notNull(),
    /** new | expansion | contraction | churn | reactivation */
    kind: text("kind").notNull(),
    deltaMinor: bigint("delta_minor", { mode: "number" }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.accountId, t.currency, t.month, t.kind] }),
    index("mrr_movements_month_ix").on(t.workspaceId, t.month),
    foreignKey({
      columns: [t.workspaceId, t.accountId],
      foreignColumns: [accounts.workspaceId, accounts.id],
    }).onDelete("cascade"),
  ],
);

/**
 * When an account became a paying customer (+1) or stopped being one (−1), by month end, across
 * its currencies: logos and cohorts count from these. Rebuilt with the movements.
 */
export const logoChanges = pgTable(
  "logo_changes",
  {
    workspaceId: uuid("workspace_id").notNull(),
    accountId: uuid("account_id").notNull(),
    month: date("month", { mode: "string" }).notNull(),
    change: smallint("change").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.accountId, t.month] }),
    index("logo_changes_month_ix").on(t.workspaceId, t.month),
    foreignKey({
      columns: [t.workspaceId, t.accountId],
      foreignColumns: [accounts.workspaceId, accounts.id],
    }).onDelete("cascade"),
  ],
);

/**
 * How a workspace counts revenue where vendors differ (docs/revenue.md); a missing row means the
 * defaults. Rates turn each currency into the base currency from their date on.
 */
export const revenueSettings = pgTable("revenue_settings", {
  workspaceId: uuid("workspace_id")
    .primaryKey()
    .references(() => workspaces.id, { onDelete: "cascade" }),
  /** reactivation (its own movement) | new (counted as new) */
  reactivation: text("reactivation").notNull().default("reactivation"),
  /** count | exclude: a customer who joins and leaves within a period */
  joinAndLeave: text("join_and_leave").notNull().default("count"),
  baseCurrency: text("base_currency"),
  /** A fraction; customer lifetime value needs it. */
  grossMargin: real("gross_margin"),
  /** Renewal probabilities from which a renewal is commit, likely, or at risk below. */
  forecast: jsonb("forecast").notNull().default({ commitAtLeast: 0.85, likelyAtLeast: 0.6 }),
  /** A renewal's notice date is this many days before it, unless the renewal sets its own. */
  noticeDays: integer("notice_days").notNull().default(60),
  /** No one asked to advocate (a reference, a review, …) within this many days is asked again. */
  doNotAskDays: integer("do_not_ask_days").notNull().default(90),
  updatedBy: uuid("updated_by").references(() => users.id, { onDelete: "set null" }),
  updatedAt: ts("updated_at").notNull().defaultNow(),
});

/** Base-currency units one unit of `currency` is worth, from `valid_from` until the next rate. */
export const currencyRates = pgTable(
  "currency_rates",
  {
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    currency: text("currency").notNull(),
    validFrom: date("valid_from", { mode: "string" }).notNull(),
    rate: numeric("rate", { precision: 24, scale: 12, mode: "number" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.currency, t.validFrom] })],
);
