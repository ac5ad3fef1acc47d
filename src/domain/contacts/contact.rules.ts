import type { Contact } from "../../contract/contacts.ts";
import type { ContactRow } from "./contact.queries.ts";

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
