import { COVERAGE_MODELS } from "../../contract/accounts.ts";
import { DECISION_ROLES, SENIORITIES } from "../../contract/contacts.ts";
import { HEALTH_BANDS } from "../../contract/health.ts";
import type { SegmentEntity, SegmentField } from "../../contract/segments.ts";
import type { CustomFieldDef } from "../../contract/workspace.ts";

/**
 * The fields segments test, without their SQL (segment.queries.ts holds each one's expression).
 * Account fields are also a contact's, under `account.` — "contacts whose account renews within
 * 90 days". Custom fields come from the workspace's definitions as `custom.<key>`.
 */

const words = (v: string) => {
  const s = v.replace(/_/g, " ");
  return s.charAt(0).toUpperCase() + s.slice(1);
};
const options = (values: readonly string[], label: (v: string) => string = words) =>
  values.map((value) => ({ value, label: label(value) }));

const COVERAGE_WORDS: Record<string, string> = {
  one_to_one: "One-to-one (high touch)",
  one_to_few: "One-to-few",
  one_to_many: "One-to-many (digital)",
};

type Def = Omit<SegmentField, "options" | "unit" | "historical"> &
  Partial<Pick<SegmentField, "options" | "unit" | "historical">>;
const field = (d: Def): SegmentField => ({ options: null, unit: null, historical: false, ...d });

export const ACCOUNT_FIELDS: readonly SegmentField[] = [
  field({ key: "name", label: "Name", group: "Account", type: "text", description: "The account's name" }),
  field({ key: "tier", label: "Tier", group: "Account", type: "text", description: "The account's tier" }),
  field({ key: "industry", label: "Industry", group: "Account", type: "text", description: "Industry" }),
  field({ key: "region", label: "Region", group: "Account", type: "text", description: "Region" }),
  field({ key: "country", label: "Country", group: "Account", type: "text", description: "Country" }),
  field({
    key: "coverage",
    label: "Coverage",
    group: "Account",
    type: "enum",
    options: options(COVERAGE_MODELS, (v) => COVERAGE_WORDS[v] ?? words(v)),
    description: "How the account is served",
  }),
  field({
    key: "ownerId",
    label: "Owner",
    group: "Account",
    type: "member",
    description: "The account's owner",
  }),
  field({
    key: "createdAt",
    label: "Customer since",
    group: "Account",
    type: "date",
    description: "The day the account was created in Steward",
  }),
  field({
    key: "mrr",
    label: "MRR",
    group: "Revenue",
    type: "number",
    unit: "in the account's currency",
    description: "Monthly recurring revenue of its active subscriptions",
  }),
  field({
    key: "arr",
    label: "ARR",
    group: "Revenue",
    type: "number",
    unit: "in the account's currency",
    description: "Annual recurring revenue: MRR × 12",
  }),
  field({
    key: "nextRenewalDate",
    label: "Next renewal",
    group: "Revenue",
    type: "date",
    description: "The soonest renewal date of its active subscriptions",
  }),
  field({
    key: "health.score",
    label: "Health score",
    group: "Health and risk",
    type: "number",
    unit: "0–100",
    historical: true,
    description: "The health score of the day",
  }),
  field({
    key: "health.band",
    label: "Health band",
    group: "Health and risk",
    type: "enum",
    options: options(HEALTH_BANDS),
    historical: true,
    description: "Good, average or poor; empty while there is not enough data",
  }),
  field({
    key: "health.change7d",
    label: "Health change over 7 days",
    group: "Health and risk",
    type: "number",
    unit: "points",
    description: "Today's score minus the score a week ago",
  }),
  field({
    key: "churn.probability",
    label: "Churn probability",
    group: "Health and risk",
    type: "number",
    unit: "%",
    historical: true,
    description: "The churn model's probability that the account churns, 0–100%",
  }),
  field({
    key: "expansion.probability",
    label: "Expansion probability",
    group: "Health and risk",
    type: "number",
    unit: "%",
    historical: true,
    description: "The expansion model's probability that the account expands, 0–100%",
  }),
  field({
    key: "success.index",
    label: "Success index",
    group: "Key players",
    type: "number",
    unit: "0–100",
    historical: true,
    description: "How well the key players' outcomes are going (docs/success-index.md)",
  }),
  field({
    key: "usage.activeUsers30d",
    label: "Active users (30 days)",
    group: "Usage",
    type: "number",
    historical: true,
    description: "People who used the product on at least one of the last 30 days",
  }),
  field({
    key: "usage.events30d",
    label: "Product events (30 days)",
    group: "Usage",
    type: "number",
    historical: true,
    description: "Events tracked over the last 30 days",
  }),
  field({
    key: "usage.lastActive",
    label: "Last product use",
    group: "Usage",
    type: "date",
    historical: true,
    description: "The last day anyone used the product (within a year)",
  }),
  field({
    key: "survey.npsLatest",
    label: "Latest NPS answer",
    group: "Voice of the customer",
    type: "number",
    unit: "0–10",
    historical: true,
    description: "The most recent NPS answer from any of its people",
  }),
  field({
    key: "survey.nps12m",
    label: "NPS (12 months)",
    group: "Voice of the customer",
    type: "number",
    unit: "−100 to 100",
    historical: true,
    description: "% promoters − % detractors over the last 365 days; empty without answers",
  }),
  field({
    key: "touchpoint.last",
    label: "Last touchpoint",
    group: "Journey",
    type: "date",
    historical: true,
    description: "The day of the latest touchpoint with the account",
  }),
];

export const CONTACT_FIELDS: readonly SegmentField[] = [
  field({ key: "name", label: "Name", group: "Contact", type: "text", description: "First and last name" }),
  field({ key: "email", label: "Email", group: "Contact", type: "text", description: "Email address" }),
  field({ key: "title", label: "Job title", group: "Contact", type: "text", description: "Job title" }),
  field({
    key: "decisionRole",
    label: "Decision role",
    group: "Contact",
    type: "enum",
    options: options(DECISION_ROLES),
    description: "Their role in decisions about us",
  }),
  field({
    key: "seniority",
    label: "Seniority",
    group: "Contact",
    type: "enum",
    options: options(SENIORITIES),
    description: "Seniority",
  }),
  field({
    key: "influence",
    label: "Influence",
    group: "Contact",
    type: "number",
    unit: "1–5",
    description: "Influence",
  }),
  field({
    key: "leftCompany",
    label: "Left the company",
    group: "Contact",
    type: "boolean",
    description: "They no longer work at the account",
  }),
  field({
    key: "survey.npsLatest",
    label: "Their latest NPS answer",
    group: "Voice of the customer",
    type: "number",
    unit: "0–10",
    historical: true,
    description: "Their most recent NPS answer",
  }),
  field({
    key: "touchpoint.last",
    label: "Their last touchpoint",
    group: "Journey",
    type: "date",
    historical: true,
    description: "The day of the latest touchpoint they took part in",
  }),
];

const CUSTOM_TYPES: Record<CustomFieldDef["type"], SegmentField["type"]> = {
  text: "text",
  number: "number",
  boolean: "boolean",
  date: "date",
  select: "enum",
};

const customField = (d: CustomFieldDef, prefix: string, group: string): SegmentField =>
  field({
    key: `${prefix}custom.${d.key}`,
    label: d.label,
    group,
    type: CUSTOM_TYPES[d.type],
    options: d.type === "select" ? (d.options ?? []).map((o) => ({ value: o, label: o })) : null,
    description: `Custom field ${d.key}`,
  });

/** Membership of the workspace's account segments (as it was on the day, for a replay). */
const segmentField = (segments: { id: string; name: string }[]): SegmentField =>
  field({
    key: "segment",
    label: "Segment",
    group: "Segments",
    type: "enum",
    options: segments.map((s) => ({ value: s.id, label: s.name })),
    historical: true,
    description: "Member of an account segment (at its last refresh)",
  });

/**
 * Every field a segment of this entity can test, with the workspace's custom fields; accounts can
 * also be tested on their membership of the account segments (`segments`, the others than the one
 * being defined).
 */
/** The lifecycle stage, its options the workspace's stages (hidden ones too: accounts may be in them). */
const stageField = (stages: { key: string; label: string; hidden: boolean }[]): SegmentField =>
  field({
    key: "lifecycleStage",
    label: "Lifecycle stage",
    group: "Account",
    type: "enum",
    options: stages.map((s) => ({ value: s.key, label: s.hidden ? `${s.label} (hidden)` : s.label })),
    description: "Where the account is in its lifecycle",
  });

export function fieldsFor(
  entity: SegmentEntity,
  custom: CustomFieldDef[],
  segments: { id: string; name: string }[],
  stages: { key: string; label: string; hidden: boolean }[],
): SegmentField[] {
  const accountCustom = custom.filter((d) => d.entity === "account");
  const accountFields = [...ACCOUNT_FIELDS.slice(0, 5), stageField(stages), ...ACCOUNT_FIELDS.slice(5)];
  if (entity === "account") {
    return [
      ...accountFields,
      ...(segments.length > 0 ? [segmentField(segments)] : []),
      ...accountCustom.map((d) => customField(d, "", "Custom fields")),
    ];
  }
  return [
    ...CONTACT_FIELDS,
    ...custom.filter((d) => d.entity === "contact").map((d) => customField(d, "", "Custom fields")),
    ...accountFields.map((f) => ({
      ...f,
      key: `account.${f.key}`,
      label: `Account: ${f.label}`,
      group: `Account — ${f.group}`,
    })),
    ...accountCustom.map((d) => customField(d, "account.", "Account — Custom fields")),
  ];
}
