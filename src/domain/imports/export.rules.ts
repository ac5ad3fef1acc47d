import type { ExportEntity } from "../../contract/imports.ts";
import type { CustomFields } from "../../db/schema/index.ts";
import { formatMinor } from "./coerce.rules.ts";
import { CUSTOM_PREFIX, EXPORT_ONLY_COLUMNS } from "./targets.rules.ts";

type Cell = string | number | boolean | null;

/**
 * Export columns are import targets, so an exported file imports back unchanged; the accounts'
 * health, revenue and renewal follow (computed by Steward, so an import ignores them). `id` is filled
 * only for rows without an external id (and `accountId` only for accounts without one): the
 * import then updates those rows by their Steward id.
 */
export const EXPORT_COLUMNS: Record<ExportEntity, string[]> = {
  accounts: [
    "id",
    "externalId",
    "name",
    "parentExternalId",
    "domain",
    "industry",
    "region",
    "country",
    "tier",
    "lifecycleStage",
    "ownerEmail",
    ...EXPORT_ONLY_COLUMNS.accounts,
  ],
  contacts: [
    "id",
    "externalId",
    "accountExternalId",
    "accountId",
    "firstName",
    "lastName",
    "email",
    "phone",
    "title",
    "decisionRole",
    "influence",
    "seniority",
    "status",
    "leftCompany",
  ],
  subscriptions: [
    "id",
    "externalId",
    "accountExternalId",
    "accountId",
    "product",
    "plan",
    "mrr",
    "currency",
    "seats",
    "startDate",
    "endDate",
    "renewalDate",
    "status",
    "billingPeriod",
    "autoRenew",
  ],
};

export const exportHeader = (entity: ExportEntity, customKeys: string[]): string[] => [
  ...EXPORT_COLUMNS[entity],
  ...customKeys.map((k) => `${CUSTOM_PREFIX}${k}`),
];

/** Custom field keys to export: the defined ones, then any others found on rows, each once. */
export const exportCustomKeys = (defined: string[], stored: string[]): string[] => [
  ...new Set([...defined, ...stored]),
];

export type AccountExport = {
  id: string;
  externalId: string | null;
  name: string;
  parentExternalId: string | null;
  domain: string | null;
  industry: string | null;
  region: string | null;
  country: string | null;
  tier: string | null;
  lifecycleStage: string;
  ownerEmail: string | null;
  customFields: CustomFields;
  healthScore: number | null;
  healthBand: string | null;
  mrrMinor: number;
  currency: string;
  nextRenewalDate: string | null;
};
type ChildBase = { id: string; externalId: string | null; accountId: string; customFields: CustomFields };
export type ContactExport = ChildBase & {
  firstName: string | null;
  lastName: string | null;
  email: string | null;
  phone: string | null;
  title: string | null;
  decisionRole: string | null;
  influence: number | null;
  seniority: string | null;
  status: string;
  leftCompany: boolean;
};
export type SubscriptionExport = ChildBase & {
  product: string;
  plan: string | null;
  mrrMinor: number;
  currency: string;
  seats: number | null;
  startDate: string;
  endDate: string | null;
  renewalDate: string | null;
  status: string;
  billingPeriod: string | null;
  autoRenew: boolean | null;
};

// Own properties only: a key such as `constructor` or `toString` must not find Object.prototype's.
const customCells = (fields: CustomFields, keys: string[]): Cell[] =>
  keys.map((k) => (Object.hasOwn(fields, k) ? (fields[k] ?? null) : null));

export function accountRecord(a: AccountExport, keys: string[]): Cell[] {
  return [
    a.externalId ? null : a.id,
    a.externalId,
    a.name,
    a.parentExternalId,
    a.domain,
    a.industry,
    a.region,
    a.country,
    a.tier,
    a.lifecycleStage,
    a.ownerEmail,
    a.healthScore,
    a.healthBand,
    formatMinor(a.mrrMinor),
    // As the list and the account page show it: twelve times the monthly revenue.
    formatMinor(a.mrrMinor * 12),
    a.currency,
    a.nextRenewalDate,
    ...customCells(a.customFields, keys),
  ];
}

export function contactRecord(c: ContactExport, accountExternalId: string | null, keys: string[]): Cell[] {
  return [
    c.externalId ? null : c.id,
    c.externalId,
    accountExternalId,
    accountExternalId ? null : c.accountId,
    c.firstName,
    c.lastName,
    c.email,
    c.phone,
    c.title,
    c.decisionRole,
    c.influence,
    c.seniority,
    c.status,
    c.leftCompany,
    ...customCells(c.customFields, keys),
  ];
}

export function subscriptionRecord(
  s: SubscriptionExport,
  accountExternalId: string | null,
  keys: string[],
): Cell[] {
  return [
    s.externalId ? null : s.id,
    s.externalId,
    accountExternalId,
    accountExternalId ? null : s.accountId,
    s.product,
    s.plan,
    formatMinor(s.mrrMinor),
    s.currency,
    s.seats,
    s.startDate,
    s.endDate,
    s.renewalDate,
    s.status,
    s.billingPeriod,
    s.autoRenew,
    ...customCells(s.customFields, keys),
  ];
}
