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
