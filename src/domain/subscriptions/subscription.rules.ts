import { formatMoney } from "../../common/money.ts";
import type { Subscription, SubscriptionUpdate } from "../../contract/subscriptions.ts";
import { definedFields } from "../kernel/bulk.rules.ts";
import type { SubscriptionRecord, SubscriptionRow } from "./subscription.queries.ts";

export type { SubscriptionRecord };

export const toSubscription = (r: SubscriptionRow): Subscription => ({
  ...r,
  arrMinor: r.mrrMinor * 12,
  status: r.status as Subscription["status"],
  billingPeriod: r.billingPeriod as Subscription["billingPeriod"],
  createdAt: r.createdAt.toISOString(),
  updatedAt: r.updatedAt.toISOString(),
});

/** The statuses under which a subscription without an end date keeps running. */
export const OPEN_ENDED_LIVE_STATUSES: readonly Subscription["status"][] = ["active", "trial"];

/**
 * The one definition of a live subscription, which MRR, renewals' accounts, seats, health, churn
 * labels and predictions all use (`liveOn` in subscription.queries.ts is the same rule in SQL):
 * the end date is the last day of service, included. A subscription is live on day D when it has
 * started (start ≤ D) and has not ended: with an end date, while D ≤ end whatever the status (a
 * subscription canceled at the end of its term is still paid for until then; one marked active
 * past its end date is over); without one, while its status is active or trial (a cancellation or
 * an expiry without a date ends it now).
 */
export const isLiveOn = (
  s: { startDate: string; endDate: string | null; status: string },
  day: string,
): boolean =>
  s.startDate <= day &&
  (s.endDate !== null
    ? s.endDate >= day
    : (OPEN_ENDED_LIVE_STATUSES as readonly string[]).includes(s.status));

/**
 * Status when none is given, the one rule for every write (API, import): ended in the past →
 * expired; otherwise active.
 */
export const deriveStatus = (endDate: string | null | undefined, today: string): Subscription["status"] =>
  endDate && endDate < today ? "expired" : "active";

/** How the timeline names a subscription: "Platform (Growth), $1,200.00 MRR". */
export const describeSubscription = (s: {
  product: string;
  plan?: string | null;
  mrrMinor: number;
  currency: string;
}): string => `${s.product}${s.plan ? ` (${s.plan})` : ""}, ${formatMoney(s.mrrMinor, s.currency)} MRR`;

/** What a write changed that the timeline tells: MRR and status. */
export function subscriptionChanges(
  before: { mrrMinor: number; currency: string; status: string },
  after: { mrrMinor: number; currency: string; status: string },
): string[] {
  const changes: string[] = [];
  if (after.mrrMinor !== before.mrrMinor) {
    changes.push(
      `MRR ${formatMoney(before.mrrMinor, before.currency)} → ${formatMoney(after.mrrMinor, after.currency)}`,
    );
  }
  if (after.status !== before.status) changes.push(`status ${before.status} → ${after.status}`);
  return changes;
}

/**
 * The end and renewal dates a write would leave before the start, checked on the merged record:
 * a PATCH of the renewal date alone must still not precede the stored start date.
 */
export function datesBeforeStart(s: {
  startDate: string;
  endDate: string | null;
  renewalDate: string | null;
}): { path: "endDate" | "renewalDate"; message: string }[] {
  const out: { path: "endDate" | "renewalDate"; message: string }[] = [];
  for (const path of ["endDate", "renewalDate"] as const) {
    const v = s[path];
    if (v && v < s.startDate)
      out.push({ path, message: `must not be before the start date (${s.startDate})` });
  }
  return out;
}

/** What an upsert sets: the fields given; absent ones keep their stored value (new rows: defaults). */
export type SubscriptionPatch = Omit<SubscriptionUpdate, "externalId">;

type Issue = { path: string; code: string; message: string };

const REQUIRED_ON_CREATE = ["accountId", "product", "mrrMinor", "startDate"] as const;

/**
 * The subscription a write leaves: the input over the stored row (custom fields merged), or over
 * the defaults for a new one (currency USD, status from the end date), and what is wrong with it.
 */
export function mergeSubscription(
  key: { id: string; externalId: string | null },
  input: SubscriptionPatch,
  stored: SubscriptionRecord | null,
  today: string,
): { record: SubscriptionRecord; issues: Issue[] } {
  const given = definedFields(input);
  const issues: Issue[] = [];
  if (!stored) {
    for (const f of REQUIRED_ON_CREATE)
      if (given[f] === undefined) issues.push({ path: f, code: "required", message: "is required" });
  }
  const base: SubscriptionRecord = stored ?? {
    id: key.id,
    accountId: "",
    externalId: key.externalId,
    product: "",
    plan: null,
    mrrMinor: 0,
    currency: "USD",
    seats: null,
    startDate: "",
    endDate: null,
    renewalDate: null,
    status: deriveStatus(given.endDate, today),
    billingPeriod: null,
    autoRenew: null,
    customFields: {},
  };
  const record: SubscriptionRecord = {
    ...base,
    ...given,
    customFields: { ...base.customFields, ...given.customFields },
  };
  for (const i of datesBeforeStart(record)) {
    const code = i.path === "endDate" ? "end_before_start" : "renewal_before_start";
    issues.push({ ...i, code });
  }
  return { record, issues };
}
