import { addDays, daysBetween } from "../../common/dates.ts";
import {
  ADVOCACY_KINDS,
  ADVOCACY_STATES,
  type AdvocacyKind,
  type AdvocacyState,
} from "../../contract/advocacy.ts";
import type { Rng } from "../kernel/random.ts";

/** A promoter at a healthy customer, as the demo finds them once health and answers are loaded. */
export type AdvocacyProspect = {
  contactId: string;
  accountId: string;
  accountName: string;
  ownerId: string | null;
  /** An outcome they achieved, for a case study's title. */
  outcomeTitle: string | null;
};

export type PlannedAsk = {
  contactId: string;
  accountId: string;
  askedBy: string | null;
  kind: AdvocacyKind;
  state: AdvocacyState;
  askedOn: string;
  stateOn: string;
  detail: string;
};

/** How far back the asks go: the last 18 months. */
export const ADVOCACY_HISTORY_DAYS = 540;
/** Asks made since are still waiting on the customer, mostly. */
const RECENT_DAYS = 45;
/** Asks of one person are this far apart at least: beyond the default do-not-ask window. */
const SPACING_DAYS = 100;

const PROSPECT_COMPANIES = [
  "Contoso Pharma",
  "Fabrikam Logistics",
  "Tailspin Toys",
  "Wide World Importers",
  "Litware Health",
  "Adventure Works",
  "Proseware Bank",
  "Woodgrove Insurance",
  "Lucerne Publishing",
  "Coho Vineyard",
  "Alpine Ski House",
  "Trey Research",
];
const INTRO_ROLES = ["CFO", "VP Operations", "Head of Finance", "COO", "Director of IT"];
const REVIEW_SITES = ["G2", "Capterra", "TrustRadius", "Gartner Peer Insights"];
const TESTIMONIALS = [
  "Quote for the customer page",
  "Video testimonial for the user conference",
  "Quote for the launch press release",
  "Quote for the pricing page",
];

const KIND_WEIGHTS: [AdvocacyKind, number][] = [
  ["reference", 30],
  ["testimonial", 20],
  ["review", 20],
  ["referral", 15],
  ["case_study", 15],
];

/** Where an ask of this age stands now: recent ones mostly wait, old ones mostly ended. */
const stateWeights = (age: number): [AdvocacyState, number][] =>
  age < RECENT_DAYS
    ? [
        ["asked", 55],
        ["agreed", 30],
        ["declined", 10],
        ["delivered", 5],
      ]
    : age < 120
      ? [
          ["asked", 25],
          ["agreed", 25],
          ["declined", 15],
          ["delivered", 35],
        ]
      : [
          ["asked", 10],
          ["agreed", 10],
          ["declined", 25],
          ["delivered", 55],
        ];

function detailOf(rng: Rng, kind: AdvocacyKind, p: AdvocacyProspect): string {
  switch (kind) {
    case "reference":
      return `Reference call with ${rng.pick(PROSPECT_COMPANIES)}`;
    case "referral":
      return `Referred ${rng.pick(PROSPECT_COMPANIES)}: intro to their ${rng.pick(INTRO_ROLES)}`;
    case "review":
      return `${rng.pick(REVIEW_SITES)} review`;
    case "testimonial":
      return rng.pick(TESTIMONIALS);
    case "case_study":
      return `Case study: ${p.accountName}${p.outcomeTitle ? ` — ${p.outcomeTitle.toLowerCase()}` : ""}`;
  }
}

/** The day the ask reached its state, from the day asked; before today (asks are 20 days old at least). */
function stateDay(rng: Rng, state: AdvocacyState, askedOn: string, today: string): string {
  const after = { asked: 0, agreed: rng.int(2, 14), declined: rng.int(1, 20), delivered: rng.int(14, 75) }[
    state
  ];
  const age = daysBetween(askedOn, today);
  return addDays(askedOn, after < age ? after : rng.int(1, age - 1));
}

/**
 * Northwind's asks of the last 18 months: about three in five of the promoters at healthy customers
 * were asked once or twice (never twice within the do-not-ask window), the others never — so the
 * candidate list has people in it. The oldest twenty asks cover every kind in every state; the
 * rest follow their age.
 */
export function planAdvocacy(rng: Rng, prospects: AdvocacyProspect[], today: string): PlannedAsk[] {
  const asks: (Omit<PlannedAsk, "kind" | "state" | "stateOn" | "detail"> & { prospect: number })[] = [];
  for (const [n, p] of prospects.entries()) {
    if (!rng.chance(0.6)) continue;
    const first = addDays(today, -rng.int(20, ADVOCACY_HISTORY_DAYS));
    const days = [first];
    const room = daysBetween(first, today) - SPACING_DAYS;
    if (room > 20 && rng.chance(0.35)) days.push(addDays(first, SPACING_DAYS + rng.int(0, room - 20)));
    for (const askedOn of days)
      asks.push({ contactId: p.contactId, accountId: p.accountId, askedBy: p.ownerId, askedOn, prospect: n });
  }
  // Ids are new with every load: the order comes from the days and the prospects' own order.
  asks.sort((a, b) => a.askedOn.localeCompare(b.askedOn) || a.prospect - b.prospect);
  const grid = rng.shuffle(
    ADVOCACY_KINDS.flatMap((kind) => ADVOCACY_STATES.map((state) => ({ kind, state }))),
  );
  return asks.map(({ prospect: n, ...a }, i) => {
    const age = daysBetween(a.askedOn, today);
    const { kind, state } = grid[i] ?? {
      kind: rng.weighted(KIND_WEIGHTS),
      state: rng.weighted(stateWeights(age)),
    };
    const prospect = prospects[n] as AdvocacyProspect;
    return {
      ...a,
      kind,
      state,
      stateOn: stateDay(rng, state, a.askedOn, today),
      detail: detailOf(rng, kind, prospect),
    };
  });
}
