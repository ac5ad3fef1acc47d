import type { Contact, ContactUpdate } from "../../contract/contacts.ts";
import { definedFields } from "../kernel/bulk.rules.ts";
import type { ContactRecord, ContactRow } from "./contact.queries.ts";

export type { ContactRecord };

/** Decision roles that make someone a key player whatever their influence. */
export const KEY_ROLES = ["economic_buyer", "decision_maker", "champion", "influencer", "detractor"];

/**
 * A key player shapes the decision to buy, renew or expand: anyone with a decision role other
 * than plain user, or with influence 4–5.
 */
export const isKeyPlayer = (c: { decisionRole: string | null; influence: number | null }): boolean =>
  (c.decisionRole !== null && KEY_ROLES.includes(c.decisionRole)) || (c.influence ?? 0) >= 4;

export const contactName = (c: {
  firstName: string | null;
  lastName: string | null;
  email: string | null;
}): string => [c.firstName, c.lastName].filter(Boolean).join(" ") || c.email || "(unnamed)";

export const toContact = (r: ContactRow): Contact => ({
  ...r,
  name: contactName(r),
  decisionRole: r.decisionRole as Contact["decisionRole"],
  seniority: r.seniority as Contact["seniority"],
  status: r.status as Contact["status"],
  isKeyPlayer: isKeyPlayer(r),
  createdAt: r.createdAt.toISOString(),
  updatedAt: r.updatedAt.toISOString(),
});

/** What an upsert sets: the fields given; absent ones keep their stored value (new rows: defaults). */
export type ContactPatch = Omit<ContactUpdate, "externalId">;

/**
 * The contact a write leaves: the input over the stored row (custom fields merged, the email in
 * lower case), or over the defaults for a new one (active, still at the company), and what is
 * wrong with it: a contact needs an account and a first name, a last name or an email.
 */
export function mergeContact(
  key: { id: string; externalId: string | null },
  input: ContactPatch,
  stored: ContactRecord | null,
): { record: ContactRecord; issues: { path: string; code: string; message: string }[] } {
  const given = definedFields(input);
  const base: ContactRecord = stored ?? {
    id: key.id,
    accountId: "",
    externalId: key.externalId,
    firstName: null,
    lastName: null,
    email: null,
    phone: null,
    title: null,
    decisionRole: null,
    influence: null,
    seniority: null,
    status: "active",
    leftCompany: false,
    customFields: {},
  };
  const record: ContactRecord = {
    ...base,
    ...given,
    email: (given.email === undefined ? base.email : given.email)?.toLowerCase() ?? null,
    customFields: { ...base.customFields, ...given.customFields },
  };
  const issues = [];
  if (!record.accountId) issues.push({ path: "accountId", code: "required", message: "is required" });
  if (!record.firstName && !record.lastName && !record.email) {
    const message = "a contact needs a first name, a last name or an email";
    issues.push({ path: "firstName", code: "required", message });
  }
  return { record, issues };
}
