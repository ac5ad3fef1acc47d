import { z } from "zod";
import {
  ZCurrency,
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
  mrrMinor: z.number().int("must be whole minor units (cents)").min(0).max(1e13),
  currency: ZCurrency,
  seats: z.number().int().min(0).max(10_000_000).nullable(),
  startDate: ZDate,
  endDate: ZDate.nullable(),
  renewalDate: ZDate.nullable(),
  status: ZSubscriptionStatus,
  billingPeriod: z.enum(BILLING_PERIODS).nullable(),
  autoRenew: z.boolean().nullable(),
  customFields: ZCustomFields,
};

const endAfterStart = (s: { startDate?: string; endDate?: string | null }) =>
  !s.startDate || !s.endDate || s.endDate >= s.startDate;
const endMessage = { message: "must not be before the start date", path: ["endDate"] };

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

export const ZSubscriptionCreate = z
  .strictObject({ ...required, ...optional })
  .refine(endAfterStart, endMessage);
export type SubscriptionCreate = z.infer<typeof ZSubscriptionCreate>;

export const ZSubscriptionUpdate = z
  .strictObject(subscriptionFields)
  .partial()
  .refine(endAfterStart, endMessage);
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
    body: z.strictObject({ ...required, ...upsertOptional }).refine(endAfterStart, endMessage),
    response: ZSubscription,
  }),
} as const;
