import { z } from "zod";
import {
  ZCurrency,
  ZCustomFields,
  ZDate,
  ZDomainName,
  ZId,
  ZIdParams,
  ZList,
  ZPage,
  ZPageQuery,
  ZSort,
  ZTimestamp,
} from "./common.ts";
import { HEALTH_BANDS, ZHealthBand } from "./health.ts";
import { defineRoute } from "./route.ts";

export const LIFECYCLE_STAGES = [
  "onboarding",
  "adoption",
  "value",
  "transformation",
  "roi",
  "advocacy",
  "renewal",
  "churned",
] as const;
/**
 * A lifecycle stage's key: one of the eight built-in ones above or a workspace's own; which keys a
 * workspace has, their names and order are its lifecycle settings (contract/lifecycle.ts).
 */
export const ZLifecycleStage = z
  .string()
  .regex(/^[a-z][a-z0-9_]{0,39}$/, "must be a stage key: lower-case letters, digits and _");
export type BuiltInStage = (typeof LIFECYCLE_STAGES)[number];
/** How an account is served: one-to-one (high touch), one-to-few, one-to-many (digital). */
export const COVERAGE_MODELS = ["one_to_one", "one_to_few", "one_to_many"] as const;
export const ZCoverage = z.enum(COVERAGE_MODELS);
export type Coverage = z.infer<typeof ZCoverage>;

/**
 * Who set an account's tier, coverage or owner: a person (by hand, or an import) or a rule
 * (tiering, a rule's action). Rules never overwrite a hand setting; clearing the value hands it back.
 */
export const SETTING_SOURCES = ["hand", "rule"] as const;
export const ZSettingSource = z.enum(SETTING_SOURCES);
export type SettingSource = z.infer<typeof ZSettingSource>;

export const ZAccount = z.object({
  id: ZId,
  name: z.string(),
  externalId: z.string().nullable(),
  parentId: ZId.nullable(),
  domain: z.string().nullable(),
  industry: z.string().nullable(),
  region: z.string().nullable(),
  country: z.string().nullable(),
  tier: z.string().nullable(),
  lifecycleStage: ZLifecycleStage,
  coverage: ZCoverage.nullable(),
  ownerId: ZId.nullable(),
  ownerName: z.string().nullable(),
  tierSource: ZSettingSource.nullable(),
  coverageSource: ZSettingSource.nullable(),
  ownerSource: ZSettingSource.nullable(),
  customFields: ZCustomFields,
  mrrMinor: z.number().int(),
  arrMinor: z.number().int(),
  currency: ZCurrency,
  nextRenewalDate: ZDate.nullable(),
  /**
   * The latest health score (GET /accounts/{id}/health explains it); null when not scored. A new
   * customer without enough data yet has score and band null and `notEnoughData` saying why.
   */
  health: z
    .object({
      score: z.number().nullable(),
      band: ZHealthBand.nullable(),
      change7d: z.number().nullable(),
      day: ZDate,
      notEnoughData: z.string().nullable(),
    })
    .nullable(),
  createdAt: ZTimestamp,
  updatedAt: ZTimestamp,
});
export type Account = z.infer<typeof ZAccount>;

const accountWritable = {
  name: z.string().trim().min(1, "is required").max(200),
  externalId: z.string().trim().min(1).max(200).nullable(),
  parentId: ZId.nullable(),
  domain: ZDomainName.nullable(),
  industry: z.string().trim().max(100).nullable(),
  region: z.string().trim().max(100).nullable(),
  country: z.string().trim().max(100).nullable(),
  tier: z.string().trim().max(50).nullable(),
  lifecycleStage: ZLifecycleStage,
  coverage: ZCoverage.nullable(),
  ownerId: ZId.nullable(),
  customFields: ZCustomFields,
};

export const ZAccountCreate = z.strictObject({
  ...accountWritable,
  externalId: accountWritable.externalId.optional(),
  parentId: accountWritable.parentId.optional(),
  domain: accountWritable.domain.optional(),
  industry: accountWritable.industry.optional(),
  region: accountWritable.region.optional(),
  country: accountWritable.country.optional(),
  tier: accountWritable.tier.optional(),
  lifecycleStage: accountWritable.lifecycleStage.optional(),
  coverage: accountWritable.coverage.optional(),
  ownerId: accountWritable.ownerId.optional(),
  customFields: accountWritable.customFields.optional(),
});
export type AccountCreate = z.infer<typeof ZAccountCreate>;

export const ZAccountUpdate = z.strictObject(accountWritable).partial();
export type AccountUpdate = z.infer<typeof ZAccountUpdate>;

export const ACCOUNT_SORTS = ["name", "arr", "renewal", "health", "created", "updated"] as const;

/** The health filter's value for new customers without enough data to be scored yet. */
export const NOT_ENOUGH_DATA = "not_enough_data";

/** The list's search, filters and sort: the list pages through them, the CSV export writes them all. */
export const ZAccountFilter = z.strictObject({
  q: z.string().trim().max(200).optional(),
  tier: ZList(z.string()).optional(),
  lifecycleStage: ZList(ZLifecycleStage).optional(),
  coverage: ZList(ZCoverage).optional(),
  /** Bands, and `not_enough_data` for new customers not scored yet. */
  healthBand: ZList(z.enum([...HEALTH_BANDS, NOT_ENOUGH_DATA])).optional(),
  ownerId: ZList(z.union([ZId, z.literal("none")])).optional(),
  industry: ZList(z.string()).optional(),
  region: ZList(z.string()).optional(),
  parentId: ZId.optional(),
  renewalBefore: ZDate.optional(),
  /** Members of this account segment at its last refresh. */
  segmentId: ZId.optional(),
  sort: ZSort(ACCOUNT_SORTS, "name"),
});
export type AccountFilter = z.infer<typeof ZAccountFilter>;

export const ZAccountListQuery = z.strictObject({ ...ZPageQuery, ...ZAccountFilter.shape });
export type AccountListQuery = z.infer<typeof ZAccountListQuery>;

/** Distinct values present in the workspace, for filter pickers. */
export const ZAccountFacets = z.object({
  tiers: z.array(z.string()),
  industries: z.array(z.string()),
  regions: z.array(z.string()),
  owners: z.array(z.object({ id: ZId, name: z.string() })),
});

export const accountRoutes = {
  listAccounts: defineRoute({
    method: "GET",
    path: "/api/v1/accounts",
    access: "read",
    tag: "accounts",
    summary: "List accounts with filters, sort and cursor pagination",
    query: ZAccountListQuery,
    response: ZPage(ZAccount),
  }),
  accountFacets: defineRoute({
    method: "GET",
    path: "/api/v1/accounts/facets",
    access: "read",
    tag: "accounts",
    summary: "Distinct tiers, industries, regions and owners, for filters",
    response: ZAccountFacets,
  }),
  createAccount: defineRoute({
    method: "POST",
    path: "/api/v1/accounts",
    access: "write",
    tag: "accounts",
    summary: "Create an account",
    body: ZAccountCreate,
    response: ZAccount,
    status: 201,
  }),
  getAccount: defineRoute({
    method: "GET",
    path: "/api/v1/accounts/:id",
    access: "read",
    tag: "accounts",
    summary: "Get one account",
    params: ZIdParams,
    response: ZAccount,
  }),
  updateAccount: defineRoute({
    method: "PATCH",
    path: "/api/v1/accounts/:id",
    access: "write",
    tag: "accounts",
    summary: "Update an account (only the fields given)",
    params: ZIdParams,
    body: ZAccountUpdate,
    response: ZAccount,
  }),
  deleteAccount: defineRoute({
    method: "DELETE",
    path: "/api/v1/accounts/:id",
    access: "write",
    tag: "accounts",
    summary: "Delete an account with its contacts, subscriptions, team and timeline",
    params: ZIdParams,
    response: null,
    status: 204,
  }),
  upsertAccount: defineRoute({
    method: "PUT",
    path: "/api/v1/accounts/by-external-id/:externalId",
    access: "write",
    tag: "accounts",
    summary: "Create or update the account with this external id",
    params: z.strictObject({ externalId: z.string().min(1).max(200) }),
    body: ZAccountCreate.omit({ externalId: true }),
    response: ZAccount,
  }),
} as const;
