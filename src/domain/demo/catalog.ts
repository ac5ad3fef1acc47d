import type { Rng } from "../kernel/random.ts";

/** Northwind Cloud's price list, in minor units per month; EUR and GBP customers pay the same figures. */
export const PLATFORM = "Northwind Platform";
export const PLANS = ["Starter", "Growth", "Enterprise"] as const;
export type Plan = (typeof PLANS)[number];
export const TIERS = ["Enterprise", "Mid-Market", "SMB"] as const;
export type Tier = (typeof TIERS)[number];

export const SEAT_PRICE_MINOR: Record<Plan, number> = { Starter: 2_500, Growth: 4_500, Enterprise: 7_500 };

export const ADD_ONS = ["Analytics", "Premium Support"] as const;
export type AddOn = (typeof ADD_ONS)[number];

export const ADD_ON_PRICE_MINOR: Record<AddOn, Record<Tier, number>> = {
  Analytics: { SMB: 29_900, "Mid-Market": 120_000, Enterprise: 450_000 },
  "Premium Support": { SMB: 19_900, "Mid-Market": 80_000, Enterprise: 300_000 },
};

const PLAN_MIX: Record<Tier, readonly (readonly [Plan, number])[]> = {
  SMB: [
    ["Starter", 60],
    ["Growth", 40],
  ],
  "Mid-Market": [
    ["Starter", 10],
    ["Growth", 75],
    ["Enterprise", 15],
  ],
  Enterprise: [
    ["Growth", 15],
    ["Enterprise", 85],
  ],
};

/** Seat counts as priced: the draw that sets a subscription's MRR. */
const PRICED_SEATS: Record<Tier, readonly [number, number, number]> = {
  SMB: [5, 60, 5],
  "Mid-Market": [50, 350, 10],
  Enterprise: [250, 1_000, 25],
};

/**
 * Seats as licensed: sizes the accounts' product users can fill (an SMB's buying group alone may be
 * five people, hence its floor). Each priced count maps onto them linearly, so MRR stays what the
 * priced draw makes it while the seat count stays in step with the people who use the product.
 */
export const SEATS: Record<Tier, readonly [number, number]> = {
  SMB: [5, 12],
  "Mid-Market": [8, 30],
  Enterprise: [20, 60],
};

/** The licensed seats for a priced seat count (expansions can go past the tier's range). */
export function seatsFor(tier: Tier, priced: number): number {
  const [pMin, pMax] = PRICED_SEATS[tier];
  const [min, max] = SEATS[tier];
  return Math.max(1, Math.round(min + ((priced - pMin) * (max - min)) / (pMax - pMin)));
}

/** Volume discounts in whole percent, by tier. */
const DISCOUNT: Record<Tier, readonly [number, number]> = {
  SMB: [0, 0],
  "Mid-Market": [0, 15],
  Enterprise: [10, 25],
};

export const pickPlan = (rng: Rng, tier: Tier): Plan => rng.weighted(PLAN_MIX[tier]);

/** A priced seat count (what MRR is computed from); seatsFor gives the seats it licenses. */
export const pickSeats = (rng: Rng, tier: Tier): number => {
  const [min, max, step] = PRICED_SEATS[tier];
  return rng.step(min, max, step);
};

/** Trial seats for a priced draw of 5–25: 5 to 13 people trying the product. */
export const trialSeats = (priced: number): number => 3 + (priced / 5) * 2;

export const pickDiscount = (rng: Rng, tier: Tier): number => {
  const [min, max] = DISCOUNT[tier];
  return rng.step(min, max, 5);
};

/** Monthly price in whole currency units, as minor units. */
export const platformMrr = (plan: Plan, seats: number, discountPercent = 0): number =>
  Math.round((seats * SEAT_PRICE_MINOR[plan] * (100 - discountPercent)) / 100 / 100) * 100;

export const planAbove = (plan: Plan): Plan | null => PLANS[PLANS.indexOf(plan) + 1] ?? null;
export const planBelow = (plan: Plan): Plan | null =>
  plan === "Starter" ? null : (PLANS[PLANS.indexOf(plan) - 1] ?? null);
