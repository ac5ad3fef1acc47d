import type { DECISION_ROLES, SENIORITIES } from "../../contract/contacts.ts";
import type { Rng } from "../kernel/random.ts";
import type { Tier } from "./catalog.ts";
import {
  COMPANY_PREFIXES,
  FIRST_NAMES,
  INDUSTRIES,
  type Industry,
  LAST_NAMES,
  REGIONS,
  TITLES,
} from "./words.ts";

export type DecisionRole = (typeof DECISION_ROLES)[number];
export type Seniority = (typeof SENIORITIES)[number];
export type Place = { region: string; country: string; currency: string };

export const pickIndustry = (rng: Rng): Industry =>
  rng.weighted(INDUSTRIES.map(([name, w]) => [name, w] as const));

export function companyName(rng: Rng, industry: Industry = pickIndustry(rng)): string {
  const suffixes = INDUSTRIES.find(([name]) => name === industry)?.[2] ?? ["Group"];
  return `${rng.pick(COMPANY_PREFIXES)} ${rng.pick(suffixes)}`;
}

/** ASCII, lowercase, letters and digits only: "Müller & Co" → "mullerco". */
export const asciiSlug = (text: string): string =>
  text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "");

/**
 * Customer domains end in `.example` (reserved by RFC 2606), so that nothing Steward sends from
 * demo or test data (campaigns, surveys) can reach a real company.
 */
export const domainFor = (name: string): string => `${asciiSlug(name)}.example`;

/** A region weighted like a US-headquartered SaaS book, its country, and the billing currency. */
export function pickPlace(rng: Rng, region?: string): Place {
  const entry = region
    ? (REGIONS.find(([r]) => r === region) ?? REGIONS[0])
    : rng.weighted(REGIONS.map((r) => [r, r[1]] as const));
  const [country, , localCurrency] = rng.weighted(entry[2].map((c) => [c, c[1]] as const));
  // Most European customers are billed in their own currency; some chose USD contracts.
  const currency = localCurrency && rng.chance(0.75) ? localCurrency : "USD";
  return { region: entry[0], country, currency };
}

export const pickTier = (rng: Rng): Tier =>
  rng.weighted([
    ["Enterprise", 8],
    ["Mid-Market", 32],
    ["SMB", 60],
  ] as const);

export const personName = (rng: Rng) => ({
  firstName: rng.pick(FIRST_NAMES),
  lastName: rng.pick(LAST_NAMES),
});

export const emailFor = (firstName: string, lastName: string, domain: string): string =>
  `${asciiSlug(firstName)}.${asciiSlug(lastName)}@${domain}`;

const SENIORITY_BY_ROLE: Record<DecisionRole, readonly (readonly [Seniority, number])[]> = {
  economic_buyer: [
    ["executive", 60],
    ["vp", 40],
  ],
  decision_maker: [
    ["vp", 50],
    ["director", 50],
  ],
  champion: [
    ["director", 50],
    ["manager", 50],
  ],
  influencer: [
    ["director", 40],
    ["manager", 60],
  ],
  user: [
    ["manager", 35],
    ["individual_contributor", 65],
  ],
  detractor: [
    ["vp", 20],
    ["director", 40],
    ["manager", 40],
  ],
};

const INFLUENCE: Record<Seniority, readonly [number, number]> = {
  executive: [5, 5],
  vp: [4, 5],
  director: [3, 4],
  manager: [2, 3],
  individual_contributor: [1, 2],
};

/** Seniority, title and influence (1–5) that fit a role in the buying decision. */
export function contactProfile(rng: Rng, decisionRole: DecisionRole, seniority?: Seniority) {
  const level = seniority ?? rng.weighted(SENIORITY_BY_ROLE[decisionRole]);
  const [min, max] = INFLUENCE[level];
  // An economic buyer signs; whoever signs carries the most weight in the decision.
  const influence = decisionRole === "economic_buyer" ? 5 : rng.int(min, max);
  return { seniority: level, title: rng.pick(TITLES[level]), influence };
}

/** A fictional NANP number (555-01xx is reserved for fiction) for North American contacts. */
export const phoneFor = (rng: Rng): string =>
  `+1 ${rng.int(201, 989)}-555-01${String(rng.int(0, 99)).padStart(2, "0")}`;
