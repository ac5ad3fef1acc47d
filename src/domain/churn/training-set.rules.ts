import type { ChurnKind } from "../../contract/churn.ts";
import type { CustomFieldDef } from "../../contract/workspace.ts";
import { csatOf, npsOf } from "../experience/index.ts";
import { findLeaks } from "./leakage.rules.ts";

/**
 * A training set: one row per account that has had a subscription, its label for the set's kind
 * (churned, or expanded), and its raw feature values (not yet encoded: the model decides levels and
 * scaling on its own training rows, so cross-validation never looks at a test fold). Plain JSON.
 */

export type ColumnKind = "numeric" | "boolean" | "categorical";
export type ColumnSource =
  | "account"
  | "account_field"
  | "subscription"
  | "subscription_field"
  | "usage"
  | "health"
  | "experience";

export type Column = {
  /** Stable id, e.g. `account.tier`, `account_field.contract`, `usage.events_30d`. */
  key: string;
  /** What a person reads: the custom field's label, "MRR", "Events, last 30 days". */
  label: string;
  kind: ColumnKind;
  source: ColumnSource;
  /**
   * How people read a value: "change" for a log ratio of a period against the one before, shown as
   * the percent change it stands for.
   */
  display?: "change";
};

export type RawValue = number | string | boolean | null;

export type TrainingRow = {
  accountId: string;
  name: string;
  externalId: string | null;
  /**
   * The label. Churn: every subscription has ended or was canceled by the set's `asOf`. Expansion:
   * the account's MRR rose above what its first paid subscriptions brought in.
   */
  positive: boolean;
  /** The day it happened: the last subscription's end (when every ended one has an end date), or the expansion's start. */
  outcomeOn: string | null;
  /**
   * The day the features describe: before the outcome for a positive (the churn day; the day
   * before the expansion), the churn day for an expansion negative that left, else `asOf`.
   */
  observedOn: string;
  /** Aligned with the set's columns. */
  values: RawValue[];
};

export type TrainingSet = {
  workspaceId: string;
  kind: ChurnKind;
  asOf: string;
  columns: Column[];
  rows: TrainingRow[];
  /** Accounts left out, by reason (for expansion, "no subscriptions" means no paid one). */
  excluded: { noSubscriptions: number; churnDateUnknown: number };
  /** Columns left out and why (date fields, suspected leaks). */
  warnings: string[];
};

/** What the queries read per account; facts are taken on the account's `observedOn`. */
export type AccountFacts = {
  accountId: string;
  name: string;
  externalId: string | null;
  tier: string | null;
  industry: string | null;
  region: string | null;
  country: string | null;
  accountFields: Record<string, unknown>;
  /** Null when the account has no label (never had a subscription; for expansion, a paid one). */
  churned: boolean | null;
  churnedOn: string | null;
  /** The start of the first subscription that took its MRR above its first paid MRR (expansion sets only). */
  expandedOn?: string | null;
  /** The account's reference day for the set's kind (see TrainingRow.observedOn). */
  observedOn: string | null;
  tenureDays: number | null;
  mrr: number | null;
  seats: number | null;
  subscriptions: number | null;
  plan: string | null;
  product: string | null;
  billingPeriod: string | null;
  currency: string | null;
  subscriptionFields: Record<string, unknown> | null;
};

export type UsageFacts = {
  accountId: string;
  activeUsers30: number;
  activeUsersPrev30: number;
  events30: number;
  eventsPrev30: number;
  features30: number;
  daysSinceActive: number | null;
  /** The account's health score and CSM sentiment (1–5) as they stood on the reference day. */
  healthScore: number | null;
  sentiment: number | null;
  /** Support and surveys up to the reference day: tickets (90 days), rated ones (180), NPS answers (365). */
  tickets90: number;
  escalations90: number;
  ratedTickets180: number;
  satisfiedTickets180: number;
  npsAnswers365: number;
  promoters365: number;
  detractors365: number;
};

type ColumnDef = Column & { read: (a: AccountFacts, u: UsageFacts | undefined) => RawValue };

const fact = (
  key: string,
  label: string,
  kind: ColumnKind,
  source: ColumnSource,
  read: ColumnDef["read"],
): ColumnDef => ({ key: `${source}.${key}`, label, kind, source, read });

const logRatio = (current: number, previous: number) => Math.log((current + 1) / (previous + 1));

/**
 * Facts every workspace has. Left out on purpose, because the outcome sets them: subscription
 * status, end and renewal dates, the account's denormalized MRR (0 once churned), auto-renew (turned
 * off on cancellation) and the lifecycle stage (moved to "churned" when the customer leaves).
 */
const FACT_COLUMNS: ColumnDef[] = [
  fact("tier", "Tier", "categorical", "account", (a) => a.tier),
  fact("industry", "Industry", "categorical", "account", (a) => a.industry),
  fact("region", "Region", "categorical", "account", (a) => a.region),
  fact("country", "Country", "categorical", "account", (a) => a.country),
  fact("mrr", "MRR", "numeric", "subscription", (a) => a.mrr),
  fact("seats", "Seats", "numeric", "subscription", (a) => a.seats),
  fact("count", "Subscriptions", "numeric", "subscription", (a) => a.subscriptions),
  fact("tenure_months", "Tenure (months since first subscription)", "numeric", "subscription", (a) =>
    a.tenureDays === null ? null : Math.round((a.tenureDays / 30.4375) * 10) / 10,
  ),
  fact("plan", "Plan", "categorical", "subscription", (a) => a.plan),
  fact("product", "Product", "categorical", "subscription", (a) => a.product),
  fact("billing_period", "Billing period", "categorical", "subscription", (a) => a.billingPeriod),
  fact("currency", "Currency", "categorical", "subscription", (a) => a.currency),
];

/** An account without rollup rows in the window used the product not at all, and never before. */
const NO_USAGE: Omit<UsageFacts, "accountId"> = {
  activeUsers30: 0,
  activeUsersPrev30: 0,
  events30: 0,
  eventsPrev30: 0,
  features30: 0,
  daysSinceActive: null,
  healthScore: null,
  sentiment: null,
  tickets90: 0,
  escalations90: 0,
  ratedTickets180: 0,
  satisfiedTickets180: 0,
  npsAnswers365: 0,
  promoters365: 0,
  detractors365: 0,
};

const usage = (key: string, label: string, read: (u: Omit<UsageFacts, "accountId">) => RawValue): ColumnDef =>
  fact(key, label, "numeric", "usage", (_, u) => read(u ?? NO_USAGE));

const USAGE_COLUMNS: ColumnDef[] = [
  usage("active_users_30d", "Active users, last 30 days", (u) => u.activeUsers30),
  usage("active_users_prev_30d", "Active users, previous 30 days", (u) => u.activeUsersPrev30),
  {
    ...usage("active_users_trend", "Active users, change vs previous 30 days", (u) =>
      logRatio(u.activeUsers30, u.activeUsersPrev30),
    ),
    display: "change",
  },
  usage("events_30d", "Events, last 30 days", (u) => u.events30),
  usage("events_prev_30d", "Events, previous 30 days", (u) => u.eventsPrev30),
  {
    ...usage("events_trend", "Events, change vs previous 30 days", (u) =>
      logRatio(u.events30, u.eventsPrev30),
    ),
    display: "change",
  },
  usage("features_30d", "Features used, last 30 days", (u) => u.features30),
  usage("days_since_active", "Days since last activity", (u) => u.daysSinceActive),
  fact("score", "Health score", "numeric", "health", (_, u) => (u ?? NO_USAGE).healthScore),
  fact("sentiment", "CSM sentiment (1–5)", "numeric", "health", (_, u) => (u ?? NO_USAGE).sentiment),
];

const experience = (
  key: string,
  label: string,
  read: (u: Omit<UsageFacts, "accountId">) => RawValue,
): ColumnDef => fact(key, label, "numeric", "experience", (_, u) => read(u ?? NO_USAGE));

/** What key players and their tickets say, as of the reference day; no answers is missing, not 0. */
const EXPERIENCE_COLUMNS: ColumnDef[] = [
  experience("tickets_90d", "Support tickets, last 90 days", (u) => u.tickets90),
  experience("escalations_90d", "Escalated tickets, last 90 days", (u) => u.escalations90),
  experience("ticket_csat_180d", "Ticket satisfaction, last 180 days", (u) =>
    csatOf({ responses: u.ratedTickets180, satisfied: u.satisfiedTickets180 }),
  ),
  experience("nps_365d", "NPS, last 365 days", (u) =>
    npsOf({ responses: u.npsAnswers365, promoters: u.promoters365, detractors: u.detractors365 }),
  ),
];

/** A stored custom value read by its definition's type; anything that does not fit is missing. */
export function readCustomValue(def: Pick<CustomFieldDef, "type">, value: unknown): RawValue {
  if (value === null || value === undefined) return null;
  if (def.type === "number") {
    const n =
      typeof value === "number"
        ? value
        : typeof value === "string" && value.trim() !== ""
          ? Number(value)
          : Number.NaN;
    return Number.isFinite(n) ? n : null;
  }
  if (def.type === "boolean") {
    if (typeof value === "boolean") return value;
    const s = String(value).trim().toLowerCase();
    return s === "true" ? true : s === "false" ? false : null;
  }
  const s = String(value).trim();
  return s === "" ? null : s;
}

/**
 * Columns for custom fields, typed by their definitions. Date fields are left out: what a date
 * means is unknown here, and dates recorded around the outcome (cancellation, last contact) are the
 * commonest leaks. A subscription field whose label an account column already uses says so.
 */
export function customColumns(defs: CustomFieldDef[], warnings: string[]): ColumnDef[] {
  const out: ColumnDef[] = [];
  const labels = new Set(FACT_COLUMNS.map((c) => c.label.toLowerCase()));
  const ordered = [...defs].sort((a, b) => (a.entity === b.entity ? 0 : a.entity === "account" ? -1 : 1));
  for (const def of ordered) {
    if (def.entity !== "account" && def.entity !== "subscription") continue;
    if (def.type === "date") {
      warnings.push(`Date field "${def.label}" (${def.entity}) is not used: dates near the outcome leak it.`);
      continue;
    }
    const onAccount = def.entity === "account";
    const label =
      !onAccount && labels.has(def.label.toLowerCase()) ? `${def.label} (subscription)` : def.label;
    labels.add(label.toLowerCase());
    const kind: ColumnKind =
      def.type === "number" ? "numeric" : def.type === "boolean" ? "boolean" : "categorical";
    out.push({
      key: `${onAccount ? "account_field" : "subscription_field"}.${def.key}`,
      label,
      kind,
      source: onAccount ? "account_field" : "subscription_field",
      read: (a) =>
        readCustomValue(def, onAccount ? a.accountFields[def.key] : a.subscriptionFields?.[def.key]),
    });
  }
  return out;
}

export type SetOptions = {
  asOf: string;
  /** Default "churn". */
  kind?: ChurnKind;
  exclude?: string[];
  hasUsage: boolean;
  /** Whether the workspace has tickets or survey answers (experience columns). */
  hasExperience?: boolean;
};

/** An account's label and outcome day for a kind. */
const labelOf = (a: AccountFacts, kind: ChurnKind) =>
  kind === "churn"
    ? { positive: a.churned === true, outcomeOn: a.churnedOn }
    : { positive: Boolean(a.expandedOn), outcomeOn: a.expandedOn ?? null };

/**
 * Turns the queried facts into the training set: labels, columns (facts, custom fields, usage
 * when the workspace has any) and values. Accounts that never had a subscription have no label and
 * are left out. When the workspace has usage, accounts described on a churn day that is unknown
 * are left out too: their usage cannot be taken as of before they left, and usage after leaving
 * (none) would give the label away. Columns that alone separate the labels almost perfectly are
 * dropped with a warning: a field such as "churned" or "cancellation reason" would otherwise make a
 * model that looks perfect and predicts nothing.
 */
export function assembleTrainingSet(
  workspaceId: string,
  facts: AccountFacts[],
  defs: CustomFieldDef[],
  usageByAccount: Map<string, UsageFacts>,
  options: SetOptions,
): TrainingSet {
  const kind = options.kind ?? "churn";
  const warnings: string[] = [];
  const excluded = { noSubscriptions: 0, churnDateUnknown: 0 };
  const kept = facts.filter((a) => {
    if (a.churned === null || a.observedOn === null) {
      excluded.noSubscriptions++;
      return false;
    }
    // Described on its churn day: it churned and (for expansion) did not expand before.
    const atChurn = a.churned && !(kind === "expansion" && a.expandedOn);
    if (options.hasUsage && atChurn && a.churnedOn === null) {
      excluded.churnDateUnknown++;
      return false;
    }
    return true;
  });
  const exclude = new Set(options.exclude ?? []);
  let defsUsed = [
    ...FACT_COLUMNS,
    ...customColumns(defs, warnings),
    ...(options.hasUsage ? USAGE_COLUMNS : []),
    ...(options.hasExperience ? EXPERIENCE_COLUMNS : []),
  ];
  defsUsed = defsUsed.filter((c) => !exclude.has(c.key));
  const labels = kept.map((a) => (labelOf(a, kind).positive ? 1 : 0));
  let matrix = defsUsed.map((c) => kept.map((a) => c.read(a, usageByAccount.get(a.accountId))));
  const leaks = findLeaks(defsUsed, matrix, labels, kind);
  warnings.push(...leaks.values());
  defsUsed = defsUsed.filter((_, j) => !leaks.has(j));
  matrix = matrix.filter((_, j) => !leaks.has(j));
  const columns: Column[] = defsUsed.map(({ read: _read, ...column }) => column);
  const rows: TrainingRow[] = kept.map((a, i) => ({
    accountId: a.accountId,
    name: a.name,
    externalId: a.externalId,
    ...labelOf(a, kind),
    observedOn: a.observedOn as string,
    values: matrix.map((col) => col[i] as RawValue),
  }));
  return { workspaceId, kind, asOf: options.asOf, columns, rows, excluded, warnings };
}
