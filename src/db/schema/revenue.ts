import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
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
 * An account's MRR movements (docs/revenue.md), kept as its standing per currency at every month
 * end from its first movement to its last: the MRR then and the running sums of its movements by
 * kind (+new, +expansion, −contraction, −churn, +reactivation) and their count. A month's
 * movements are the differences from the month before; a customer who joins and leaves inside one
 * month has a new (or reactivation) and a churn there, summing to zero. A period's figures for an
 * account are two rows, the month before the period and its last month, whatever its length;
 * after an account's last row (`last`) nothing changed, so that row stands for every later month.
 * Rebuilt for an account whenever one of its subscriptions changes, in the transaction that
 * delivers the change.
 */
export const mrrStates = pgTable(
  "mrr_states",
  {
    workspaceId: uuid("workspace_id").notNull(),
    accountId: uuid("account_id").notNull(),
    currency: text("currency").notNull(),
    /** The month's first day. */
    month: date("month", { mode: "string" }).notNull(),
    /** The month of the account's first movement in the currency. */
    since: date("since", { mode: "string" }).notNull(),
    /**
     * The account's cohort: the month it first paid at a month end (or, for a customer who only
     * ever joined and left inside a month, that month).
     */
    cohort: date("cohort", { mode: "string" }).notNull(),
    mrrMinor: bigint("mrr_minor", { mode: "number" }).notNull(),
    newMinor: bigint("new_minor", { mode: "number" }).notNull(),
    expansionMinor: bigint("expansion_minor", { mode: "number" }).notNull(),
    contractionMinor: bigint("contraction_minor", { mode: "number" }).notNull(),
    churnMinor: bigint("churn_minor", { mode: "number" }).notNull(),
    reactivationMinor: bigint("reactivation_minor", { mode: "number" }).notNull(),
    moves: integer("moves").notNull(),
    last: boolean("last").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.month, t.accountId, t.currency] }),
    index("mrr_states_account_ix").on(t.workspaceId, t.accountId),
    index("mrr_states_last_ix").on(t.workspaceId, t.month).where(sql`last`),
    foreignKey({
      columns: [t.workspaceId, t.accountId],
      foreignColumns: [accounts.workspaceId, accounts.id],
    }).onDelete("cascade"),
  ],
);

/**
 * The workspace's movements summed per month, currency, kind and cohort, apart for customers who
 * joined and left inside the month (`fleeting`): the month-by-month waterfall and the cohorts of
 * the whole workspace without reading every account's months. Kept in step with the movements when an account's are rebuilt.
 */
export const mrrMonthTotals = pgTable(
  "mrr_month_totals",
  {
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    month: date("month", { mode: "string" }).notNull(),
    currency: text("currency").notNull(),
    kind: text("kind").notNull(),
    fleeting: boolean("fleeting").notNull(),
    /** The cohort of the accounts moved (mrr_states.cohort): cohorts' revenue comes from here too. */
    cohort: date("cohort", { mode: "string" }).notNull(),
    deltaMinor: bigint("delta_minor", { mode: "number" }).notNull(),
    /** Accounts with such a movement. */
    accounts: integer("accounts").notNull(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.month, t.currency, t.kind, t.fleeting, t.cohort] })],
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
