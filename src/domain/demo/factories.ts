import { addDays, utcToday } from "../../common/dates.ts";
import { newId } from "../../common/ids.ts";

import type { TeamMember } from "../../contract/account-team.ts";
import type { AccountCreate } from "../../contract/accounts.ts";
import type { ContactCreate } from "../../contract/contacts.ts";
import type { SubscriptionCreate } from "../../contract/subscriptions.ts";
import type { CustomFieldDef } from "../../contract/workspace.ts";
import type { schema } from "../../db/index.ts";
import { customFieldRow } from "../custom-fields/index.ts";
import type { Rng } from "../kernel/random.ts";
import { PLATFORM, pickDiscount, pickPlan, pickSeats, platformMrr, type Tier } from "./catalog.ts";
import { atOffset, nextRenewalOffset } from "./dates.ts";
import {
  companyName,
  contactProfile,
  type DecisionRole,
  domainFor,
  emailFor,
  personName,
  pickIndustry,
  pickPlace,
  pickTier,
} from "./people.ts";

/**
 * Pure builders of insert-ready rows (for bulk loads) and of create inputs (for the domain
 * functions), driven by a seeded Rng. Every field can be overridden; none touches a database.
 */
export type AccountInsert = typeof schema.accounts.$inferInsert;
export type ContactInsert = typeof schema.contacts.$inferInsert;
export type SubscriptionInsert = typeof schema.subscriptions.$inferInsert;
export type TeamMemberInsert = typeof schema.accountTeamMembers.$inferInsert;
export type TimelineInsert = typeof schema.timelineEntries.$inferInsert;
export type CustomFieldDefInsert = typeof schema.customFieldDefs.$inferInsert;
export type OutcomeInsert = typeof schema.outcomes.$inferInsert;
export type OutcomeEvidenceInsert = typeof schema.outcomeEvidence.$inferInsert;
export type OutcomeChangeInsert = typeof schema.outcomeChanges.$inferInsert;
export type TicketInsert = typeof schema.tickets.$inferInsert;
export type SurveyResponseInsert = typeof schema.surveyResponses.$inferInsert;
export type TouchpointInsert = typeof schema.touchpoints.$inferInsert;
export type TouchpointPlayerInsert = typeof schema.touchpointPlayers.$inferInsert;
export type SurveyInsert = typeof schema.surveys.$inferInsert;
export type SurveyRecipientInsert = typeof schema.surveyRecipients.$inferInsert;
export type MailMessageInsert = typeof schema.mailMessages.$inferInsert;
export type PlanInsert = typeof schema.successPlans.$inferInsert;
export type PlanItemInsert = typeof schema.successPlanItems.$inferInsert;
export type PlanItemOutcomeInsert = typeof schema.successPlanItemOutcomes.$inferInsert;
export type PlanLinkInsert = typeof schema.successPlanLinks.$inferInsert;

type Keys = { workspaceId: string };
type AccountKeys = Keys & { accountId: string };

/** Fields of a plausible customer account (no ids). */
export function accountInput(rng: Rng, overrides: Partial<AccountCreate> = {}): AccountCreate {
  const industry = pickIndustry(rng);
  const name = overrides.name ?? companyName(rng, industry);
  const place = pickPlace(rng);
  return {
    name,
    domain: domainFor(name),
    industry,
    region: place.region,
    country: place.country,
    tier: pickTier(rng),
    lifecycleStage: "adoption",
    ...overrides,
  };
}

export function accountRow(rng: Rng, overrides: Partial<AccountInsert> & Keys): AccountInsert {
  const { lifecycleStage, ...fields } = accountInput(rng, overrides.name ? { name: overrides.name } : {});
  return {
    id: newId(),
    ...fields,
    lifecycleStage: lifecycleStage ?? "adoption",
    externalId: null,
    parentId: null,
    ownerId: null,
    customFields: {},
    currency: "USD",
    ...overrides,
  };
}

/** Fields of a contact; `domain` is the account's, for the email address. */
export function contactInput(
  rng: Rng,
  accountId: string,
  overrides: Partial<ContactCreate> = {},
  opts: { domain?: string | null; decisionRole?: DecisionRole } = {},
): ContactCreate {
  const { firstName, lastName } = personName(rng);
  const decisionRole =
    overrides.decisionRole ?? opts.decisionRole ?? rng.pick(["champion", "user", "user"] as const);
  const profile = contactProfile(rng, decisionRole, overrides.seniority ?? undefined);
  return {
    accountId,
    firstName,
    lastName,
    email: emailFor(firstName, lastName, opts.domain ?? "customer.example"),
    title: profile.title,
    decisionRole,
    seniority: profile.seniority,
    influence: profile.influence,
    status: "active",
    leftCompany: false,
    ...overrides,
  };
}

export function contactRow(
  rng: Rng,
  overrides: Partial<ContactInsert> & AccountKeys,
  opts: { domain?: string | null } = {},
): ContactInsert {
  const { accountId: _accountId, ...fields } = contactInput(rng, overrides.accountId, {}, opts);
  return { id: newId(), ...fields, phone: null, externalId: null, customFields: {}, ...overrides };
}

/**
 * Fields of a live platform subscription sized for the tier, started 1–23 months ago, renewing
 * on its next annual anniversary.
 */
export function subscriptionInput(
  rng: Rng,
  accountId: string,
  overrides: Partial<SubscriptionCreate> = {},
  opts: { tier?: Tier; today?: string } = {},
): SubscriptionCreate {
  const tier = opts.tier ?? "Mid-Market";
  const today = opts.today ?? utcToday();
  const plan = pickPlan(rng, tier);
  const seats = pickSeats(rng, tier);
  const startOffset = -rng.int(30, 700);
  return {
    accountId,
    product: PLATFORM,
    plan,
    seats,
    mrrMinor: platformMrr(plan, seats, pickDiscount(rng, tier)),
    currency: "USD",
    startDate: addDays(today, startOffset),
    endDate: null,
    renewalDate: addDays(today, nextRenewalOffset(startOffset)),
    status: "active",
    billingPeriod: "annual",
    autoRenew: true,
    ...overrides,
  };
}

export function subscriptionRow(
  rng: Rng,
  overrides: Partial<SubscriptionInsert> & AccountKeys,
  opts: { tier?: Tier; today?: string } = {},
): SubscriptionInsert {
  const { accountId: _accountId, ...fields } = subscriptionInput(rng, overrides.accountId, {}, opts);
  return {
    id: newId(),
    externalId: null,
    customFields: {},
    ...fields,
    status: fields.status ?? "active",
    ...overrides,
  };
}

export function teamMemberRow(
  overrides: Partial<TeamMemberInsert> & AccountKeys & { userId: string; teamRole: TeamMember["teamRole"] },
): TeamMemberInsert {
  return { id: newId(), ...overrides };
}

const GENERIC_NOTES = [
  ["Check-in call", "Walked through open questions and agreed next steps."],
  ["QBR held", "Reviewed adoption, outcomes against plan and the roadmap for next quarter."],
  ["Training session", "Trained new users on dashboards and workflows."],
  ["Support escalation resolved", "Root cause found and fixed; customer confirmed the fix."],
] as const;

/** A note on the account's timeline written 1–300 days ago during office hours. */
export function timelineRow(
  rng: Rng,
  overrides: Partial<TimelineInsert> & AccountKeys,
  opts: { today?: string } = {},
): TimelineInsert {
  const [title, body] = rng.pick(GENERIC_NOTES);
  const occurredAt = atOffset(opts.today ?? utcToday(), -rng.int(1, 300), rng.int(8, 17), rng.step(0, 55, 5));
  return {
    id: newId(),
    kind: "note",
    title,
    body,
    occurredAt,
    authorId: null,
    contactId: null,
    createdAt: occurredAt,
    updatedAt: occurredAt,
    ...overrides,
  };
}

export const customFieldDefRow = (workspaceId: string, def: CustomFieldDef): CustomFieldDefInsert =>
  customFieldRow(workspaceId, def);
