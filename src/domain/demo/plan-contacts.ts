import type { Rng } from "../kernel/random.ts";
import type { Tier } from "./catalog.ts";
import {
  contactProfile,
  type DecisionRole,
  emailFor,
  personName,
  phoneFor,
  type Seniority,
} from "./people.ts";
import type { AccountSpec } from "./plan-accounts.ts";

/** A contact before it gets ids and dates; offsets are days relative to today. */
export type ContactPlan = {
  firstName: string;
  lastName: string;
  email: string;
  phone: string | null;
  title: string;
  decisionRole: DecisionRole;
  seniority: Seniority;
  influence: number;
  status: "active" | "inactive";
  leftCompany: boolean;
  createdOffset: number;
  leftOffset: number | null;
};

const COUNT: Record<Tier, readonly [number, number]> = {
  SMB: [3, 5],
  "Mid-Market": [4, 7],
  Enterprise: [5, 8],
};

/**
 * The buying group: one economic buyer, a champion, a decision maker where deals are bigger, then
 * users; now and then an influencer or a detractor (often where the account is in trouble).
 */
function rolesFor(rng: Rng, spec: AccountSpec): DecisionRole[] {
  const [min, max] = COUNT[spec.tier];
  const count = rng.int(min, max);
  const roles: DecisionRole[] = ["economic_buyer", "champion"];
  if (spec.tier !== "SMB" || rng.chance(0.4)) roles.push("decision_maker");
  while (roles.length < count) roles.push("user");
  const troubled = spec.story === "contracted" || spec.story === "churned";
  if (roles.length > 4 && rng.chance(0.3)) roles[roles.length - 1] = "influencer";
  if (rng.chance(troubled ? 0.6 : 0.12)) roles[Math.max(2, roles.length - 2)] = "detractor";
  return roles;
}

/** 3–8 contacts at the account's domain, the first ones met at signing, the rest over time. */
export function planContacts(rng: Rng, spec: AccountSpec, createdOffset: number): ContactPlan[] {
  const emails = new Set<string>();
  return rolesFor(rng, spec).map((decisionRole, i) => {
    let name = personName(rng);
    while (emails.has(emailFor(name.firstName, name.lastName, spec.domain))) name = personName(rng);
    const email = emailFor(name.firstName, name.lastName, spec.domain);
    emails.add(email);
    const profile = contactProfile(rng, decisionRole);
    const created =
      i < 2 ? Math.min(-1, createdOffset + rng.int(0, 7)) : rng.int(Math.min(createdOffset, -1), -1);
    const leaves = i > 0 && rng.chance(spec.story === "churned" && decisionRole === "champion" ? 0.5 : 0.05);
    const leftOffset = leaves ? rng.int(Math.min(created + 30, -1), -1) : null;
    return {
      ...name,
      email,
      phone: spec.region === "North America" && rng.chance(0.6) ? phoneFor(rng) : null,
      title: profile.title,
      decisionRole,
      seniority: profile.seniority,
      influence: profile.influence,
      status: leaves ? "inactive" : "active",
      leftCompany: leaves,
      createdOffset: created,
      leftOffset,
    };
  });
}
