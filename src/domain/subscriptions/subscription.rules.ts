import { formatMoney } from "../../common/money.ts";
import type { Subscription } from "../../contract/subscriptions.ts";
import type { SubscriptionRow } from "./subscription.queries.ts";

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

/** Status when none is given: ended in the past → expired; otherwise active. */
export const deriveStatus = (endDate: string | null | undefined, today: string): Subscription["status"] =>
  endDate && endDate < today ? "expired" : "active";

/** How the timeline names a subscription: "Platform (Growth), $1,200.00 MRR". */
export const describeSubscription = (s: {
  product: string;
  plan?: string | null;
  mrrMinor: number;
  currency: string;
}): string => `${s.product}${s.plan ? ` (${s.plan})` : ""}, ${formatMoney(s.mrrMinor, s.currency)} MRR`;

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
