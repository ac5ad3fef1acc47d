import { LIFECYCLE_STAGES } from "../../contract/accounts.ts";
import { CONTACT_STATUSES, DECISION_ROLES, SENIORITIES } from "../../contract/contacts.ts";
import type { ExportEntity, ImportEntity, ImportMapping } from "../../contract/imports.ts";
import { BILLING_PERIODS, SUBSCRIPTION_STATUSES } from "../../contract/subscriptions.ts";
import type { CustomFieldDef } from "../../contract/workspace.ts";
import {
  RENEWAL_OUTCOME_TARGETS,
  SURVEY_RESPONSE_TARGETS,
  TICKET_TARGETS,
  TOUCHPOINT_TARGETS,
} from "./activity-targets.rules.ts";
import { enumKey, headerKey, snakeCase } from "./coerce.rules.ts";
import { target } from "./target-def.rules.ts";
import { USAGE_TARGETS } from "./usage-targets.rules.ts";

/**
 * How a cell is read: these only turn text into a value (a number, a date, an option spelled
 * loosely); the entity's own rules (lengths, ranges, formats) are the contract's and the entity's
 * checks, so an import refuses what the API refuses, with the same message. Limits stay only on
 * columns that are no entity field (references by external id or email, usage).
 * `currency` and `uuid` are shown to clients as `text`, `timestamp` as `date`. */
export type TargetKind =
  | "text"
  | "integer"
  | "number"
  | "money"
  | "boolean"
  | "date"
  | "timestamp"
  | "enum"
  | "email"
  | "currency"
  | "uuid";

export type TargetDef = {
  field: string;
  label: string;
  kind: TargetKind;
  required: boolean;
  description?: string;
  options?: readonly string[];
  /** Spellings of enum values that mean an option, keyed by their normalized form. */
  aliases?: Record<string, string>;
  maxLength?: number;
  min?: number;
  max?: number;
  /** Normalized header spellings (see headerKey) that suggest this target. */
  synonyms: string[];
};

export type ImportTargetView = {
  field: string;
  label: string;
  type: "text" | "integer" | "number" | "money" | "boolean" | "date" | "enum" | "email";
  required: boolean;
  options?: string[];
  description?: string;
};

type Extra = Partial<Omit<TargetDef, "field" | "label" | "kind" | "synonyms">>;

const t = target;
const text = (max: number, extra: Extra = {}): Extra => ({ maxLength: max, ...extra });

const idTarget = t("id", "Steward id", "uuid", "id stewardid", {
  description:
    "Steward's own id, as exported. Used only for rows without an external id: the row with this id is " +
    "updated when it exists in this workspace, otherwise a new row is created.",
});

const externalId = (what: string, synonyms: string) =>
  t("externalId", "External id", "text", `externalid ${synonyms}`, {
    description: `Your system's id for the ${what}; rows are matched (upserted) on it.`,
  });

const accountRef = (): TargetDef[] => [
  t(
    "accountExternalId",
    "Account external id",
    "text",
    "accountexternalid accountid customerid companyid clientid accountnumber",
    {
      ...text(200),
      required: true,
      description: "The account's external id (the account must exist); or give accountId instead.",
    },
  ),
  t("accountId", "Account Steward id", "uuid", "accountstewardid", {
    description: "Steward's id of the account, used when accountExternalId is empty.",
  }),
];

const ACCOUNT_TARGETS: TargetDef[] = [
  idTarget,
  externalId("account", "accountid customerid companyid clientid accountnumber customernumber"),
  t(
    "name",
    "Name",
    "text",
    "name accountname company companyname customername customer organization organisation account",
    {
      required: true,
      description: "Required unless an external id is given; then it defaults to the external id.",
    },
  ),
  t(
    "parentExternalId",
    "Parent account external id",
    "text",
    "parentexternalid parentaccountid parentid parentcustomerid parentaccount parent",
    {
      ...text(200),
      description: "External id of the parent account, in this file or already in Steward.",
    },
  ),
  t("domain", "Domain", "text", "domain website url companydomain webdomain"),
  t("industry", "Industry", "text", "industry sector vertical"),
  t("region", "Region", "text", "region territory geo"),
  t("country", "Country", "text", "country countrycode"),
  t("tier", "Tier", "text", "tier plantier accounttier customertier segment"),
  t("lifecycleStage", "Lifecycle stage", "enum", "lifecyclestage lifecycle stage", {
    options: LIFECYCLE_STAGES,
  }),
  t("ownerEmail", "Owner email", "email", "owneremail owner accountowner csmemail csm accountmanager", {
    ...text(320),
    description: "Email of a member of this workspace, who becomes the account owner.",
  }),
];

const CONTACT_TARGETS: TargetDef[] = [
  idTarget,
  externalId("contact", "contactid personid contactexternalid"),
  ...accountRef(),
  t("firstName", "First name", "text", "firstname givenname first"),
  t("lastName", "Last name", "text", "lastname surname familyname last"),
  t("name", "Full name", "text", "name fullname contactname", {
    description: "Split into first name (first word) and last name (the rest) when those are empty.",
  }),
  t("email", "Email", "email", "email emailaddress mail workemail"),
  t("phone", "Phone", "text", "phone phonenumber mobile telephone"),
  t("title", "Job title", "text", "title jobtitle position"),
  t("decisionRole", "Decision role", "enum", "decisionrole buyingrole role", { options: DECISION_ROLES }),
  t("influence", "Influence (1–5)", "integer", "influence influencescore"),
  t("seniority", "Seniority", "enum", "seniority level", {
    options: SENIORITIES,
    aliases: { ic: "individual_contributor", vice_president: "vp" },
  }),
  t("status", "Status", "enum", "status contactstatus", { options: CONTACT_STATUSES }),
  t("leftCompany", "Left the company", "boolean", "leftcompany hasleft departed"),
];

const SUBSCRIPTION_TARGETS: TargetDef[] = [
  idTarget,
  externalId("subscription", "subscriptionid contractid subid subscriptionexternalid"),
  ...accountRef(),
  t("product", "Product", "text", "product productname service", {
    required: true,
    description: "Often given once in defaults.",
  }),
  t("plan", "Plan", "text", "plan plantier planname tier edition"),
  t(
    "mrr",
    "MRR (major units, e.g. 29.85)",
    "money",
    "mrr mrramount monthlycharges monthlyrecurringrevenue monthlyamount monthlyfee monthlyprice",
    {
      description: "Monthly recurring revenue. One of mrr, mrrMinor or arr is required.",
    },
  ),
  t("mrrMinor", "MRR in minor units (cents)", "integer", "mrrminor mrrcents"),
  t("arr", "ARR (major units)", "money", "arr arramount annualrecurringrevenue annualamount", {
    description: "Annual recurring revenue; MRR = ARR / 12 when no MRR column is given.",
  }),
  t("currency", "Currency", "currency", "currency currencycode", {
    description: "ISO 4217 code; USD when empty.",
  }),
  t("seats", "Seats", "integer", "seats licenses licences seatcount quantity"),
  t(
    "startDate",
    "Start date",
    "date",
    "startdate start startedat subscriptionstart contractstart begindate",
    { required: true },
  ),
  t("endDate", "End date", "date", "enddate end endedat canceledat cancelledat cancellationdate"),
  t("renewalDate", "Renewal date", "date", "renewaldate renewal renewson nextrenewal nextrenewaldate"),
  t("status", "Status", "enum", "status subscriptionstatus state", {
    options: SUBSCRIPTION_STATUSES,
    aliases: { cancelled: "canceled", trialing: "trial", churned: "canceled", ended: "expired" },
    description: "When empty: expired if the end date has passed, otherwise active (as the API).",
  }),
  t(
    "billingPeriod",
    "Billing period",
    "enum",
    "billingperiod billingfrequency billingcycle billinginterval interval",
    {
      options: BILLING_PERIODS,
      aliases: {
        month: "monthly",
        year: "annual",
        yearly: "annual",
        annually: "annual",
        quarter: "quarterly",
        multiyear: "multi_year",
      },
    },
  ),
  t("autoRenew", "Auto-renew", "boolean", "autorenew autorenewflag autorenewal"),
];

export const TARGETS: Record<ImportEntity, TargetDef[]> = {
  accounts: ACCOUNT_TARGETS,
  contacts: CONTACT_TARGETS,
  subscriptions: SUBSCRIPTION_TARGETS,
  usage: USAGE_TARGETS,
  tickets: TICKET_TARGETS,
  "survey-responses": SURVEY_RESPONSE_TARGETS,
  touchpoints: TOUCHPOINT_TARGETS,
  "renewal-outcomes": RENEWAL_OUTCOME_TARGETS,
};

const FIELD_ENTITY = {
  accounts: "account",
  contacts: "contact",
  subscriptions: "subscription",
} as const satisfies Record<ExportEntity, CustomFieldDef["entity"]>;

/**
 * The custom fields an entity's `custom:<key>` columns fill; usage has none (they become event
 * properties), nor do tickets, survey answers, touchpoints and renewal outcomes (their other columns
 * are ignored).
 */
export const CUSTOM_ENTITY: Record<ImportEntity, CustomFieldDef["entity"] | null> = {
  ...FIELD_ENTITY,
  usage: null,
  tickets: null,
  "survey-responses": null,
  touchpoints: null,
  "renewal-outcomes": null,
};

/**
 * Entities stored through their own module's write path, with no custom columns: activity records
 * (tickets, survey answers, touchpoints) and renewal outcomes.
 */
export type ActivityEntity = "tickets" | "survey-responses" | "touchpoints" | "renewal-outcomes";
const ACTIVITY_ENTITIES: readonly ImportEntity[] = [
  "tickets",
  "survey-responses",
  "touchpoints",
  "renewal-outcomes",
];
export const isActivityEntity = (entity: ImportEntity): entity is ActivityEntity =>
  ACTIVITY_ENTITIES.includes(entity);

/** Whether `custom:<key>` columns mean anything for the entity (custom fields, or usage properties). */
export const takesCustomColumns = (entity: ImportEntity): boolean => !isActivityEntity(entity);
export const exportFieldEntity = (entity: ExportEntity): CustomFieldDef["entity"] => FIELD_ENTITY[entity];

/** Entities stored as records, upserted on their keys (the ones that export too); usage is stored as events. */
export type RecordEntity = ExportEntity;

/**
 * Columns an export writes that no import fills (Steward computes them): an import of the export
 * maps them to `ignore` rather than to new custom fields.
 */
export const EXPORT_ONLY_COLUMNS: Record<ImportEntity, readonly string[]> = {
  accounts: ["healthScore", "healthBand", "mrr", "arr", "currency", "nextRenewalDate"],
  contacts: [],
  subscriptions: [],
  usage: [],
  tickets: [],
  "survey-responses": [],
  touchpoints: [],
  "renewal-outcomes": [],
};

export const CUSTOM_PREFIX = "custom:";
export const CUSTOM_KEY = /^[a-zA-Z][a-zA-Z0-9_]{0,62}$/;

export const targetDef = (entity: ImportEntity, field: string): TargetDef | undefined =>
  TARGETS[entity].find((t) => t.field === field);

const viewType = (k: TargetKind): ImportTargetView["type"] =>
  k === "currency" || k === "uuid" ? "text" : k === "timestamp" ? "date" : k;

const customType: Record<CustomFieldDef["type"], ImportTargetView["type"]> = {
  text: "text",
  number: "number",
  boolean: "boolean",
  date: "date",
  select: "enum",
};

/**
 * The lifecycle stage as the workspace has it: its stages' keys, and their names read as them
 * ("Paid pilot" is paid_pilot). A hidden stage is still read, for the accounts' write to refuse
 * in its own words.
 */
export const withWorkspaceStages = (t: TargetDef, stages: { key: string; label: string }[]): TargetDef =>
  t.field !== "lifecycleStage"
    ? t
    : {
        ...t,
        options: stages.map((s) => s.key),
        aliases: { ...t.aliases, ...Object.fromEntries(stages.map((s) => [enumKey(s.label), s.key])) },
      };

/** The entity's fields as this workspace reads them (its lifecycle stages; none given: the built-in ones). */
export const workspaceTargets = (
  entity: ImportEntity,
  stages: { key: string; label: string }[],
): TargetDef[] =>
  stages.length === 0 ? TARGETS[entity] : TARGETS[entity].map((t) => withWorkspaceStages(t, stages));

/** What the preview offers: the entity's fields, then its custom fields as `custom:<key>`. */
export function targetViews(
  entity: ImportEntity,
  defs: CustomFieldDef[],
  stages: { key: string; label: string }[] = [],
): ImportTargetView[] {
  const fixed = workspaceTargets(entity, stages).map((t) => ({
    field: t.field,
    label: t.label,
    type: viewType(t.kind),
    required: t.required,
    ...(t.options ? { options: [...t.options] } : {}),
    ...(t.description ? { description: t.description } : {}),
  }));
  if (entity === "usage") return fixed;
  const custom = defs.map((d) => ({
    field: `${CUSTOM_PREFIX}${d.key}`,
    label: d.label,
    type: customType[d.type],
    required: false,
    ...(d.type === "select" && d.options ? { options: d.options } : {}),
    description: `Custom field (${d.type})`,
  }));
  return [...fixed, ...custom];
}

/**
 * Suggests a target per header: an exact field name, else a synonym or field name compared
 * without case, spaces or punctuation, `custom:<key>` headers as they are, and `custom:<snake_case>` for the
 * rest. Each target is suggested for one column only, the first that matches.
 */
export function suggestMapping(entity: ImportEntity, headers: string[]): ImportMapping {
  const taken = new Set<string>();
  // Entries, not assignments: a header such as `__proto__` must become a key like any other.
  const columns: [string, string][] = [];
  const fields = new Set(TARGETS[entity].map((t) => t.field));
  // Exact field names first (an exported file), then synonyms, then field names loosely spelled.
  const byKey = new Map<string, string>();
  for (const t of TARGETS[entity]) for (const s of t.synonyms) if (!byKey.has(s)) byKey.set(s, t.field);
  for (const t of TARGETS[entity]) if (!byKey.has(headerKey(t.field))) byKey.set(headerKey(t.field), t.field);
  for (const header of headers) {
    if (header.trim() === "") {
      columns.push([header, "ignore"]);
      continue;
    }
    let target: string | undefined;
    if (EXPORT_ONLY_COLUMNS[entity].includes(header)) target = "ignore";
    else if (header.startsWith(CUSTOM_PREFIX) && CUSTOM_KEY.test(header.slice(CUSTOM_PREFIX.length)))
      target = header;
    else if (fields.has(header)) target = header;
    else target = byKey.get(headerKey(header));
    if (!target || taken.has(target))
      target = takesCustomColumns(entity) ? `${CUSTOM_PREFIX}${snakeCase(header)}` : "ignore";
    if (taken.has(target)) target = "ignore";
    if (target !== "ignore") taken.add(target);
    columns.push([header, target]);
  }
  return { columns: Object.fromEntries(columns) };
}
