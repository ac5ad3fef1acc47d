import { z } from "zod";
import {
  ZBusinessDate,
  ZCurrency,
  ZCurrencyCode,
  ZCustomFields,
  ZDate,
  ZId,
  ZIdParams,
  ZList,
  ZPage,
  ZPageQuery,
  ZSort,
  ZTimestamp,
} from "./common.ts";
import { defineRoute } from "./route.ts";

export const SUBSCRIPTION_STATUSES = ["trial", "active", "canceled", "expired"] as const;
export const ZSubscriptionStatus = z.enum(SUBSCRIPTION_STATUSES);
export const BILLING_PERIODS = ["monthly", "quarterly", "annual", "multi_year"] as const;

export const ZSubscription = z.object({
  id: ZId,
  accountId: ZId,
  accountName: z.string(),
  externalId: z.string().nullable(),
  product: z.string(),
  plan: z.string().nullable(),
  mrrMinor: z.number().int(),
  arrMinor: z.number().int(),
  currency: ZCurrency,
  seats: z.number().int().nullable(),
  startDate: ZDate,
  endDate: ZDate.nullable(),
  renewalDate: ZDate.nullable(),
  status: ZSubscriptionStatus,
  billingPeriod: z.enum(BILLING_PERIODS).nullable(),
  autoRenew: z.boolean().nullable(),
  customFields: ZCustomFields,
  createdAt: ZTimestamp,
  updatedAt: ZTimestamp,
});
export type Subscription = z.infer<typeof ZSubscription>;

const subscriptionFields = {
  accountId: ZId,
  externalId: z.string().trim().min(1).max(200).nullable(),
  product: z.string().trim().min(1, "is required").max(200),
  plan: z.string().trim().max(200).nullable(),
  mrrMinor: z
    .number()
    .int("must be whole minor units (cents)")
    .min(0, "must not be negative")
    .max(1e13, "is too large"),
  currency: ZCurrencyCode,
  seats: z
    .number()
    .int("must be a whole number")
    .min(0, "must not be negative")
    .max(10_000_000, "must be at most 10,000,000")
    .nullable(),
  startDate: ZBusinessDate,
  endDate: ZBusinessDate.nullable(),
  renewalDate: ZBusinessDate.nullable(),
  status: ZSubscriptionStatus,
  billingPeriod: z.enum(BILLING_PERIODS).nullable(),
  autoRenew: z.boolean().nullable(),
  customFields: ZCustomFields,
};

type Dates = { startDate?: string; endDate?: string | null; renewalDate?: string | null };

/** End and renewal dates must not precede the start (an update checks against the stored start too). */
const datesInOrder = (s: Dates, ctx: z.RefinementCtx) => {
  for (const field of ["endDate", "renewalDate"] as const) {
    const v = s[field];
    if (s.startDate && v && v < s.startDate) {
      ctx.addIssue({
        code: "custom",
        path: [field],
        message: `must not be before the start date (${s.startDate})`,
        params: { code: field === "endDate" ? "end_before_start" : "renewal_before_start" },
      });
    }
  }
};

const optional = {
  externalId: subscriptionFields.externalId.optional(),
  plan: subscriptionFields.plan.optional(),
  currency: subscriptionFields.currency.optional(),
  seats: subscriptionFields.seats.optional(),
  endDate: subscriptionFields.endDate.optional(),
  renewalDate: subscriptionFields.renewalDate.optional(),
  status: subscriptionFields.status.optional(),
  billingPeriod: subscriptionFields.billingPeriod.optional(),
  autoRenew: subscriptionFields.autoRenew.optional(),
  customFields: subscriptionFields.customFields.optional(),
};
const required = {
  accountId: subscriptionFields.accountId,
  product: subscriptionFields.product,
  mrrMinor: subscriptionFields.mrrMinor,
  startDate: subscriptionFields.startDate,
};

export const ZSubscriptionCreate = z.strictObject({ ...required, ...optional }).superRefine(datesInOrder);
export type SubscriptionCreate = z.infer<typeof ZSubscriptionCreate>;

export const ZSubscriptionUpdate = z.strictObject(subscriptionFields).partial().superRefine(datesInOrder);
export type SubscriptionUpdate = z.infer<typeof ZSubscriptionUpdate>;

const { externalId: _externalId, ...upsertOptional } = optional;

export const ZSubscriptionListQuery = z.strictObject({
  ...ZPageQuery,
  accountId: ZId.optional(),
  status: ZList(ZSubscriptionStatus).optional(),
  product: ZList(z.string()).optional(),
  renewalBefore: ZDate.optional(),
  sort: ZSort(["start", "renewal", "mrr", "created"], "-start"),
});
export type SubscriptionListQuery = z.infer<typeof ZSubscriptionListQuery>;

export const subscriptionRoutes = {
  listSubscriptions: defineRoute({
    method: "GET",
    path: "/api/v1/subscriptions",
    access: "read",
    tag: "subscriptions",
    summary: "List subscriptions (filter by account, status, product, renewal date)",
    query: ZSubscriptionListQuery,
    response: ZPage(ZSubscription),
  }),
  createSubscription: defineRoute({
    method: "POST",
    path: "/api/v1/subscriptions",
    access: "write",
    tag: "subscriptions",
    summary: "Create a subscription on an account",
    body: ZSubscriptionCreate,
    response: ZSubscription,
    status: 201,
  }),
  getSubscription: defineRoute({
    method: "GET",
    path: "/api/v1/subscriptions/:id",
    access: "read",
    tag: "subscriptions",
    summary: "Get one subscription",
    params: ZIdParams,
    response: ZSubscription,
  }),
  updateSubscription: defineRoute({
    method: "PATCH",
    path: "/api/v1/subscriptions/:id",
    access: "write",
    tag: "subscriptions",
    summary: "Update a subscription (only the fields given)",
    params: ZIdParams,
    body: ZSubscriptionUpdate,
    response: ZSubscription,
  }),
  deleteSubscription: defineRoute({
    method: "DELETE",
    path: "/api/v1/subscriptions/:id",
    access: "write",
    tag: "subscriptions",
    summary: "Delete a subscription",
    params: ZIdParams,
    response: null,
    status: 204,
  }),
  upsertSubscription: defineRoute({
    method: "PUT",
    path: "/api/v1/subscriptions/by-external-id/:externalId",
    access: "write",
    tag: "subscriptions",
    summary: "Create or update the subscription with this external id",
    params: z.strictObject({ externalId: z.string().min(1).max(200) }),
    body: z.strictObject({ ...required, ...upsertOptional }).superRefine(datesInOrder),
    response: ZSubscription,
  }),
} as const;
