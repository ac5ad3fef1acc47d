import { addDays, daysBetween, utcDay } from "../../common/dates.ts";
import type { Outcome } from "../../contract/outcomes.ts";
import type { RelationshipRisk, Stakeholder } from "../../contract/stakeholders.ts";

/** How far back "recently met" and "single-threaded" look. */
export const LOOKBACK_DAYS = 90;
/** Fewer touchpoints than this say too little to call a relationship single-threaded. */
export const SINGLE_THREAD_MIN_TOUCHPOINTS = 3;

type Touch = NonNullable<Stakeholder["lastTouchpoint"]>;
type Answer = NonNullable<Stakeholder["latestAnswer"]>;
type Role = Stakeholder["decisionRole"];

/** What the risk rules know of one key player. */
export type PlayerFacts = {
  contactId: string;
  name: string;
  decisionRole: Role;
  leftCompany: boolean;
  lastTouchpoint: Touch | null;
  /** Their latest NPS answer (not their latest answer of any kind). */
  latestNps: Answer | null;
};

/** A touchpoint of the look-back period with the key players present at it. */
export type RecentTouchpoint = Touch & { contactIds: string[] };

const ROLE_ORDER: (Role | null)[] = [
  "economic_buyer",
  "decision_maker",
  "champion",
  "influencer",
  "detractor",
  "user",
  null,
];

const ROLE_WORDS: Record<NonNullable<Role>, string> = {
  economic_buyer: "economic buyer",
  decision_maker: "decision maker",
  champion: "champion",
  influencer: "influencer",
  detractor: "detractor",
  user: "user",
};

/** Key players grouped by decision role (economic buyer first), then by influence, then by name. */
export const byRoleThenInfluence = <T extends { decisionRole: Role; influence: number | null; name: string }>(
  a: T,
  b: T,
): number =>
  ROLE_ORDER.indexOf(a.decisionRole) - ROLE_ORDER.indexOf(b.decisionRole) ||
  (b.influence ?? 0) - (a.influence ?? 0) ||
  a.name.localeCompare(b.name);

/** Outcomes and personal wins counted by status. */
export function outcomeCounts(statuses: Outcome["status"][]): Stakeholder["outcomes"] {
  const n = (s: Outcome["status"]) => statuses.filter((x) => x === s).length;
  return {
    total: statuses.length,
    planned: n("planned"),
    inProgress: n("in_progress"),
    achieved: n("achieved"),
    atRisk: n("at_risk"),
    missed: n("missed"),
  };
}

/**
 * The first day (UTC) of the look-back period: the last 90 calendar days, today included. Whole
 * days keep the map the same all day rather than changing by the second.
 */
export const lookbackStart = (now: Date): string => addDays(utcDay(now), 1 - LOOKBACK_DAYS);
/** The first instant of the look-back period. */
export const lookbackStartAt = (now: Date): Date => new Date(`${lookbackStart(now)}T00:00:00Z`);

const ago = (at: string, now: Date): string => {
  const d = daysBetween(utcDay(at), utcDay(now));
  return d === 0 ? "today" : d === 1 ? "yesterday" : `${d} days ago`;
};
/** "Bea", "Bea and Cy", "Bea, Cy and Dan". */
const names = (list: string[]): string =>
  list.length <= 1 ? (list[0] ?? "") : `${list.slice(0, -1).join(", ")} and ${list.at(-1)}`;

const contactRef = (p: PlayerFacts) => ({
  contactId: p.contactId,
  name: p.name,
  decisionRole: p.decisionRole,
  leftCompany: p.leftCompany,
});

const risk = (
  code: RelationshipRisk["code"],
  message: string,
  evidence: Partial<RelationshipRisk["evidence"]>,
): RelationshipRisk => ({
  code,
  message,
  evidence: { contacts: [], touchpoints: [], answers: [], since: null, ...evidence },
});

function noChampion(players: PlayerFacts[]): RelationshipRisk | null {
  const champions = players.filter((p) => p.decisionRole === "champion");
  if (champions.some((p) => !p.leftCompany)) return null;
  if (champions.length > 0) {
    return risk(
      "no_champion",
      `No active champion: ${names(champions.map((p) => p.name))} left the company and nobody has taken the role. Find someone who wants this account to succeed and make them the champion.`,
      { contacts: champions.map(contactRef) },
    );
  }
  return risk(
    "no_champion",
    players.length === 0
      ? "No champion: no key players are mapped for this account yet. Give its contacts their decision roles and find a champion."
      : "No champion: none of the key players is recorded as championing us. Find someone who wants this account to succeed and make them the champion.",
    {},
  );
}

function economicBuyerNotMet(players: PlayerFacts[], now: Date): RelationshipRisk | null {
  const since = lookbackStartAt(now).getTime();
  const unmet = players.filter(
    (p) =>
      p.decisionRole === "economic_buyer" &&
      !p.leftCompany &&
      (p.lastTouchpoint === null || Date.parse(p.lastTouchpoint.occurredAt) < since),
  );
  if (unmet.length === 0) return null;
  const parts = unmet.map((p) =>
    p.lastTouchpoint
      ? `${p.name}, the economic buyer, was last met ${ago(p.lastTouchpoint.occurredAt, now)} (${utcDay(p.lastTouchpoint.occurredAt)}, “${p.lastTouchpoint.title}”)`
      : `${p.name}, the economic buyer, has never been met: no touchpoint records them present`,
  );
  return risk(
    "economic_buyer_not_met",
    `Economic buyer not met in the last ${LOOKBACK_DAYS} days. ${parts.join(". ")}. Book time with them before decisions are made without us.`,
    {
      contacts: unmet.map(contactRef),
      touchpoints: unmet.flatMap((p) => (p.lastTouchpoint ? [p.lastTouchpoint] : [])),
      since: lookbackStart(now),
    },
  );
}

function roleLeft(
  players: PlayerFacts[],
  role: "champion" | "economic_buyer",
  code: "champion_left" | "economic_buyer_left",
): RelationshipRisk | null {
  const holders = players.filter((p) => p.decisionRole === role);
  const gone = holders.filter((p) => p.leftCompany);
  if (gone.length === 0 || holders.some((p) => !p.leftCompany)) return null;
  const who = ROLE_WORDS[role];
  const plural = gone.length > 1;
  return risk(
    code,
    `${plural ? `The ${who}s` : `The ${who}`} ${names(gone.map((p) => p.name))} left the company and no active ${who} has taken ${plural ? "their" : "the"} place. ${
      role === "champion"
        ? "Find a new champion among the remaining key players."
        : "Find out who now signs off on the budget and meet them."
    }`,
    {
      contacts: gone.map(contactRef),
      touchpoints: gone.flatMap((p) => (p.lastTouchpoint ? [p.lastTouchpoint] : [])),
    },
  );
}

function singleThreaded(
  players: PlayerFacts[],
  recent: RecentTouchpoint[],
  now: Date,
): RelationshipRisk | null {
  if (recent.length < SINGLE_THREAD_MIN_TOUCHPOINTS) return null;
  const present = new Set(recent.flatMap((t) => t.contactIds));
  if (present.size !== 1) return null;
  const [onlyId] = [...present];
  const only = players.find((p) => p.contactId === onlyId);
  if (!only) return null;
  return risk(
    "single_threaded",
    `Single-threaded: ${only.name} was the only key player at all ${recent.length} touchpoints with key players in the last ${LOOKBACK_DAYS} days. If they leave or turn against us the relationship goes with them: meet other key players.`,
    {
      contacts: [contactRef(only)],
      touchpoints: recent.map(({ contactIds: _, ...t }) => t),
      since: lookbackStart(now),
    },
  );
}

const isDecisionMaker = (p: PlayerFacts) =>
  p.decisionRole === "economic_buyer" || p.decisionRole === "decision_maker";
const isNpsDetractor = (a: Answer | null): a is Answer => a !== null && a.kind === "nps" && a.score <= 6;

function detractorDecisionMaker(players: PlayerFacts[]): RelationshipRisk | null {
  const active = players.filter((p) => !p.leftCompany);
  const byAnswer = active.filter((p) => isDecisionMaker(p) && isNpsDetractor(p.latestNps));
  const byRole = active.filter((p) => p.decisionRole === "detractor");
  if (byAnswer.length === 0 && byRole.length === 0) return null;
  const parts = [
    ...byAnswer.map((p) => {
      const a = p.latestNps as Answer;
      return `${p.name}, ${p.decisionRole === "economic_buyer" ? "the economic buyer" : "a decision maker"}, answered NPS ${a.score} of 10 on ${utcDay(a.answeredAt)}${a.comment ? ` (“${a.comment}”)` : ""}`;
    }),
    ...byRole.map((p) => `${p.name} is recorded as a detractor in the decision`),
  ];
  return risk(
    "detractor_decision_maker",
    `A detractor among the decision makers. ${parts.join(". ")}. Hear them out and address what they object to before the renewal.`,
    {
      contacts: [...byAnswer, ...byRole].map(contactRef),
      answers: byAnswer.map((p) => ({ ...(p.latestNps as Answer), contactId: p.contactId })),
    },
  );
}

/**
 * The relationship risks of an account's key players (docs/stakeholder-map.md), in the order of
 * the contract's codes: each at most once, naming everyone it concerns.
 */
export function relationshipRisks(
  players: PlayerFacts[],
  recent: RecentTouchpoint[],
  now: Date,
): RelationshipRisk[] {
  return [
    noChampion(players),
    economicBuyerNotMet(players, now),
    roleLeft(players, "champion", "champion_left"),
    roleLeft(players, "economic_buyer", "economic_buyer_left"),
    singleThreaded(players, recent, now),
    detractorDecisionMaker(players),
  ].filter((r): r is RelationshipRisk => r !== null);
}

/** The look-back period's (touchpoint, player) rows as touchpoints with their players, newest first. */
export function groupTouchpoints(rows: (Touch & { contactId: string })[]): RecentTouchpoint[] {
  const byId = new Map<string, RecentTouchpoint>();
  for (const { contactId, ...t } of rows) {
    const seen = byId.get(t.touchpointId);
    if (seen) seen.contactIds.push(contactId);
    else byId.set(t.touchpointId, { ...t, contactIds: [contactId] });
  }
  return [...byId.values()];
}
