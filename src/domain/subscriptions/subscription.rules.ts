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

export const formatMoney = (minor: number, currency: string): string =>
  new Intl.NumberFormat("en-US", { style: "currency", currency }).format(minor / 100);

export const todayUtc = (): string => new Date().toISOString().slice(0, 10);
