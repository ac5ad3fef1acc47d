import type { Rng } from "../kernel/random.ts";
import type { Tier } from "./catalog.ts";
import { companyName, domainFor, type Place, pickIndustry, pickPlace } from "./people.ts";
import { CAST } from "./roster.ts";
import { type Industry, SUBSIDIARIES } from "./words.ts";

/** What happened to the customer over the last two years; drives subscriptions, stage and notes. */
export type Story = "steady" | "new" | "trial" | "expanded" | "contracted" | "churned";

/** One demo account before it gets ids and dates: offsets are whole days relative to today. */
export type AccountSpec = Place & {
  index: number;
  name: string;
  domain: string;
  industry: Industry;
  tier: Tier;
  story: Story;
  /** The first paid (or trial) day. */
  startOffset: number;
  parentIndex: number | null;
  ownerKey: string | null;
  employees: number;
};

export const DEMO_ACCOUNT_COUNT = 200;
const PARENT_COUNT = 12;

/** Shares of the independent (non-group) customers; steady ones fill the rest. */
const STORY_SHARES = [
  ["expanded", 0.2],
  ["new", 0.1],
  ["churned", 0.1],
  ["contracted", 0.08],
  ["trial", 0.03],
] as const;
const TIER_SHARES = [
  ["Enterprise", 0.04],
  ["Mid-Market", 0.3],
] as const;

/** Exact counts from shares (the remainder goes to `rest`), in a shuffled order. */
function deck<T>(rng: Rng, n: number, shares: readonly (readonly [T, number])[], rest: T): T[] {
  const cards: T[] = shares.flatMap(([value, share]) =>
    Array.from({ length: Math.round(n * share) }, () => value),
  );
  while (cards.length < n) cards.push(rest);
  return rng.shuffle(cards.slice(0, n));
}

/** Churned and contracted customers reached at least one renewal; new ones started this quarter. */
const START_RANGE: Record<Story, readonly [number, number]> = {
  steady: [90, 730],
  expanded: [120, 730],
  new: [5, 88],
  trial: [2, 25],
  churned: [380, 730],
  contracted: [380, 730],
};

const EMPLOYEES: Record<Tier, readonly [number, number, number]> = {
  SMB: [10, 200, 5],
  "Mid-Market": [200, 2_000, 50],
  Enterprise: [2_000, 60_000, 500],
};

function ownerFor(rng: Rng, tier: Tier, region: string): string | null {
  if (tier === "SMB" && rng.chance(0.06)) return null;
  if (region === "EMEA" && rng.chance(0.65)) return "hannah.becker";
  if (region === "LATAM" && rng.chance(0.7)) return "tomas.herrera";
  if (tier === "Enterprise") {
    return rng.weighted([
      ["marcus.okafor", 45],
      ["dana.whitfield", 30],
      ["priya.raman", 25],
    ] as const);
  }
  return rng.weighted(
    CAST.csms.map((key) => [key, key === "dana.whitfield" || key === "priya.raman" ? 28 : 15] as const),
  );
}

const startIn = (rng: Rng, story: Story): number => {
  const [min, max] = START_RANGE[story];
  return -rng.int(min, max);
};

const employeesFor = (rng: Rng, tier: Tier): number => {
  const [min, max, step] = EMPLOYEES[tier];
  return rng.step(min, max, step);
};

/**
 * The demo book: 12 enterprise parents with 1–3 subsidiaries each, then independent customers in
 * a tier pyramid, all with unique names. Deterministic for a given rng.
 */
export function planAccounts(rng: Rng, total = DEMO_ACCOUNT_COUNT): AccountSpec[] {
  const names = new Set<string>();
  const specs: AccountSpec[] = [];
  const uniqueName = (industry: Industry): string => {
    for (;;) {
      const name = companyName(rng, industry);
      if (!names.has(name)) {
        names.add(name);
        return name;
      }
    }
  };
  const add = (spec: Omit<AccountSpec, "index" | "domain"> & { domain?: string }): AccountSpec => {
    const full = { ...spec, index: specs.length, domain: spec.domain ?? domainFor(spec.name) };
    specs.push(full);
    return full;
  };

  for (let p = 0; p < PARENT_COUNT; p++) {
    const industry = pickIndustry(rng);
    const place = pickPlace(
      rng,
      rng.weighted([
        ["North America", 70],
        ["EMEA", 30],
      ] as const),
    );
    const parent = add({
      ...place,
      name: uniqueName(industry),
      industry,
      tier: "Enterprise",
      story: rng.chance(0.5) ? "expanded" : "steady",
      startOffset: -rng.int(420, 730),
      parentIndex: null,
      ownerKey: ownerFor(rng, "Enterprise", place.region),
      employees: employeesFor(rng, "Enterprise"),
    });
    const childCount = rng.int(1, 3);
    const countries = new Set([parent.country]);
    for (let c = 0; c < childCount; c++) {
      let childPlace = pickPlace(rng);
      for (let tries = 0; countries.has(childPlace.country) && tries < 8; tries++)
        childPlace = pickPlace(rng);
      if (countries.has(childPlace.country)) continue;
      countries.add(childPlace.country);
      const local = SUBSIDIARIES[childPlace.country] ?? { suffix: childPlace.country, code: "intl" };
      const name = `${parent.name} ${local.suffix}`;
      names.add(name);
      const tier: Tier = rng.chance(0.25) ? "Enterprise" : "Mid-Market";
      const story: Story = rng.weighted([
        ["steady", 60],
        ["expanded", 20],
        ["new", 20],
      ] as const);
      const startOffset = story === "new" ? startIn(rng, "new") : rng.int(parent.startOffset + 30, -100);
      add({
        ...childPlace,
        name,
        domain: `${local.code}.${parent.domain}`,
        industry,
        tier,
        story,
        startOffset,
        parentIndex: parent.index,
        ownerKey: rng.chance(0.7) ? parent.ownerKey : ownerFor(rng, tier, childPlace.region),
        employees: employeesFor(rng, tier),
      });
    }
  }

  const independent = total - specs.length;
  const stories = deck<Story>(rng, independent, STORY_SHARES, "steady");
  const tiers = deck<Tier>(rng, independent, TIER_SHARES, "SMB");
  for (let i = 0; i < independent; i++) {
    const industry = pickIndustry(rng);
    const place = pickPlace(rng);
    const tier = tiers[i] as Tier;
    const story = stories[i] as Story;
    add({
      ...place,
      name: uniqueName(industry),
      industry,
      tier,
      story,
      startOffset: startIn(rng, story),
      parentIndex: null,
      ownerKey: ownerFor(rng, tier, place.region),
      employees: employeesFor(rng, tier),
    });
  }
  return specs;
}

/** `NW-10001` upwards, in the order customers signed. */
export function externalIds(specs: readonly AccountSpec[]): Map<number, string> {
  const bySigning = [...specs].sort((a, b) => a.startOffset - b.startOffset || a.index - b.index);
  return new Map(bySigning.map((s, i) => [s.index, `NW-${10_001 + i}`]));
}
