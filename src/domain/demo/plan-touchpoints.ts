import type { TeamFunction } from "../../common/roles.ts";
import type { TouchpointChannel } from "../../contract/touchpoints.ts";
import { isKeyPlayer } from "../contacts/index.ts";
import type { Rng } from "../kernel/random.ts";
import { TERM_DAYS } from "./dates.ts";
import type { AccountSpec } from "./plan-accounts.ts";
import type { ContactPlan } from "./plan-contacts.ts";
import type { TicketPlan } from "./plan-experience.ts";
import type { TeamKeys } from "./plan-notes.ts";
import { CAST } from "./roster.ts";
import { EXPERIENCE, QUALITY, RATER } from "./touchpoint-mix.ts";
import { KINDS, type KindKey } from "./touchpoint-words.ts";

/** A touchpoint before ids and dates; offsets are days relative to today. */
export type TouchpointPlan = {
  offset: number;
  hour: number;
  minute: number;
  channel: TouchpointChannel;
  fn: TeamFunction;
  employeeKey: string;
  decisionStep: string;
  developmentStep: string;
  title: string;
  notes: string | null;
  /** The key players present (indexes into the account's contacts). */
  contactIndexes: number[];
  quality: number | null;
  /** The roster key of who rated the quality; null when self-assessed or unrated. */
  ratedByKey: string | null;
  selfAssessed: boolean;
  experience: number | null;
  source: "manual" | "import";
};

/** The relationship stories told on purpose, which the stakeholder map should flag. */
export type RelationshipStory = {
  /** No touchpoint in the last 90+ days (a one-to-many account nobody called). */
  quiet: boolean;
  /** One key player carries every touchpoint of the last months. */
  singleThreaded: boolean;
  /** The economic buyer has not been met for more than 90 days. */
  buyerUnmet: boolean;
};

export type JourneyFacts = {
  contacts: ContactPlan[];
  team: TeamKeys;
  firstOffset: number;
  endOffset: number | null;
  changeOffset: number | null;
  troubleOffset: number | null;
  tickets: TicketPlan[];
};

/** How far back the touchpoints go: the journey view's default year (364 days before today, and today). */
export const JOURNEY_DAYS = 364;
/** The day of the user conference, the same for everyone who came. */
const CONFERENCE_OFFSET = -203;

/** Who decides on a purchase, for the touchpoints that need them there. */
const DECIDERS = ["economic_buyer", "decision_maker", "champion"];

type Slot = { key: KindKey; offset: number; roles: string[]; ticket?: TicketPlan };

/**
 * A year of touchpoints (up to the account's life) from every function, each at a decision and
 * development step that fits where the account was: marketing and sales before it signed, services
 * and CS while it got started, CS, support and product while it used the product, sales, finance and
 * executives around renewals. Troubled months rate lower. Some accounts are quiet, single-threaded
 * or out of touch with their economic buyer on purpose (`story`).
 */
export function planTouchpoints(
  rng: Rng,
  spec: AccountSpec,
  facts: JourneyFacts,
): { touchpoints: TouchpointPlan[]; story: RelationshipStory } {
  const lastDay = facts.endOffset === null ? -1 : Math.min(-1, facts.endOffset - 1);
  const from = -JOURNEY_DAYS;
  const story = storyFor(rng.fork("story"), spec, facts);
  const slots = schedule(rng.fork("schedule"), spec, facts, lastDay).filter(
    (s) => s.offset >= from && s.offset <= lastDay && !(story.quiet && s.offset > story.quietFrom),
  );
  const troubled = (offset: number) =>
    facts.troubleOffset !== null && offset >= facts.troubleOffset - 150 && offset <= facts.troubleOffset + 45;
  const people = rng.fork("people");
  const touchpoints = slots
    .sort((a, b) => a.offset - b.offset)
    .map((slot) => touchpoint(people, spec, facts, slot, story, troubled(slot.offset)));
  if (!story.buyerUnmet && !story.singleThreaded && !story.quiet) meetBuyer(facts.contacts, touchpoints);
  return {
    touchpoints,
    story: { quiet: story.quiet, singleThreaded: story.singleThreaded, buyerUnmet: story.buyerUnmet },
  };
}

type Story = RelationshipStory & { quietFrom: number; threadFrom: number; unmetFrom: number };

function storyFor(rng: Rng, spec: AccountSpec, facts: JourneyFacts): Story {
  const troubled = spec.story === "contracted" || spec.story === "churned";
  const established = facts.firstOffset < -150;
  const quiet =
    established && spec.tier === "SMB" && (spec.story === "steady" || spec.story === "contracted")
      ? rng.chance(0.14)
      : false;
  const singleThreaded =
    !quiet && established && rng.chance(troubled ? 0.5 : spec.story === "steady" ? 0.05 : 0);
  const buyerUnmet =
    singleThreaded ||
    (!quiet &&
      established &&
      rng.chance(troubled ? 0.35 : spec.story === "steady" ? 0.12 : spec.story === "expanded" ? 0.05 : 0));
  const end = facts.endOffset === null ? 0 : facts.endOffset;
  return {
    quiet,
    singleThreaded,
    buyerUnmet,
    quietFrom: -rng.int(95, 140),
    threadFrom: end - rng.int(110, 150),
    unmetFrom: end - rng.int(100, 170),
  };
}

/** When each kind of touchpoint happens over the account's life (before the year is cut out). */
function schedule(rng: Rng, spec: AccountSpec, facts: JourneyFacts, lastDay: number): Slot[] {
  const f = facts.firstOffset;
  const big = spec.tier !== "SMB";
  const slots: Slot[] = [];
  const add = (key: KindKey, offset: number, roles: string[]) => slots.push({ key, offset, roles });
  // Once on a day between `lo` and the last one, when there is such a day.
  const once = (key: KindKey, lo: number, roles: string[]) => {
    const start = Math.max(lo, -JOURNEY_DAYS);
    if (start <= lastDay) add(key, rng.int(start, lastDay), roles);
  };

  // Before signing: marketing attracts, sales evaluates with the buyers (SMB customers buy online).
  add("webinar", f - rng.int(60, 85), ["champion"]);
  if (big) {
    add("discovery", f - rng.int(40, 55), ["champion", "decision_maker"]);
    add("demo", f - rng.int(24, 36), DECIDERS);
    add("proposal", f - rng.int(6, 16), ["economic_buyer", "champion"]);
  } else {
    add("nurture", f - rng.int(10, 30), ["champion"]);
  }
  // Getting started.
  if (facts.team.services || big) {
    add("kickoff", f + rng.int(1, 4), DECIDERS);
    for (let i = 0, n = spec.tier === "Enterprise" ? 3 : 2; i < n; i++)
      add("training", f + rng.int(7, 45), ["champion", "influencer", "user"]);
  } else {
    add("welcome", f + rng.int(1, 5), ["champion", "economic_buyer"]);
    add("gettingStarted", f + rng.int(8, 30), ["champion"]);
  }
  for (let d = f + 14; d < f + 60; d += rng.int(14, 21)) add("onboardingCall", d, ["champion"]);
  // Using the product: the CSM's cadence by tier, reviews with the buyers, tickets, feedback.
  const [cMin, cMax] = spec.tier === "Enterprise" ? [21, 35] : big ? [28, 45] : [45, 80];
  for (let d = f + 60 + rng.int(0, 20); d <= lastDay; d += rng.int(cMin, cMax))
    add("checkIn", d, rng.chance(0.3) ? ["champion", "decision_maker"] : ["champion"]);
  if (big) {
    const every = spec.tier === "Enterprise" ? 91 : 182;
    for (let d = f + every + rng.int(-10, 10); d <= lastDay; d += every + rng.int(-7, 7))
      add("qbr", d, ["economic_buyer", "decision_maker", "champion"]);
    if (rng.chance(0.6)) once("feedback", f + 60, ["champion", "influencer"]);
  } else if (rng.chance(0.5)) {
    once("inApp", f + 30, ["champion"]);
  }
  for (const t of facts.tickets) {
    const keep = t.priority === "high" || t.priority === "urgent" || t.escalated || rng.chance(0.35);
    if (keep) slots.push({ key: "ticket", offset: t.openedOffset, roles: ["champion", "user"], ticket: t });
  }
  // Marketing keeps customers coming back to learn (a cross-sell's first step), never at renewal.
  if (rng.chance(spec.tier === "Enterprise" ? 0.7 : big ? 0.4 : 0.2))
    add("conference", CONFERENCE_OFFSET, ["champion"]);
  if (rng.chance(0.4)) once("webinar", f + 90, ["champion", "influencer"]);
  slots.push(...renewals(rng, spec, facts, lastDay));
  return slots;
}

/** Around renewals, expansions and the trouble: account management, finance and executives. */
function renewals(rng: Rng, spec: AccountSpec, facts: JourneyFacts, lastDay: number): Slot[] {
  const big = spec.tier !== "SMB";
  const slots: Slot[] = [];
  const add = (key: KindKey, offset: number, roles: string[]) => slots.push({ key, offset, roles });
  for (let r = spec.startOffset + TERM_DAYS; r <= lastDay + 90; r += TERM_DAYS) {
    add("renewalPrep", r - rng.int(75, 90), ["champion", "economic_buyer"]);
    if (big) {
      add("renewalMeeting", r - rng.int(30, 60), ["economic_buyer", "champion"]);
      add("renewalProposal", r - rng.int(15, 28), ["economic_buyer"]);
    }
    add("invoice", r - rng.int(5, 14), ["economic_buyer"]);
    if (spec.tier === "Enterprise") add("ebr", r - rng.int(95, 120), ["economic_buyer", "decision_maker"]);
  }
  if (spec.story === "expanded" && facts.changeOffset !== null) {
    add("expansion", facts.changeOffset - rng.int(25, 45), DECIDERS);
    add("renewalProposal", facts.changeOffset - rng.int(5, 14), ["economic_buyer"]);
  }
  if (spec.story === "contracted" && facts.changeOffset !== null)
    add("negotiation", facts.changeOffset - rng.int(10, 25), ["economic_buyer", "detractor"]);
  if (spec.story === "churned" && facts.endOffset !== null) {
    add("negotiation", facts.endOffset - rng.int(20, 40), ["economic_buyer", "detractor"]);
    add("cancellation", lastDay, ["economic_buyer"]);
  }
  if (facts.troubleOffset !== null && big && rng.chance(0.6))
    add("escalation", facts.troubleOffset - rng.int(30, 80), ["economic_buyer", "detractor", "champion"]);
  return slots;
}

/** The key players who could be there: met (the first two from the sales cycle on) and not yet gone. */
function presentAt(contacts: ContactPlan[], offset: number): number[] {
  return contacts.flatMap((c, i) =>
    isKeyPlayer(c) && (c.createdOffset <= offset || i < 2) && (c.leftOffset === null || offset < c.leftOffset)
      ? [i]
      : [],
  );
}

function playersFor(rng: Rng, facts: JourneyFacts, slot: Slot, story: Story): number[] {
  const { contacts } = facts;
  let here = presentAt(contacts, slot.offset);
  const buyer = (i: number) => contacts[i]?.decisionRole === "economic_buyer";
  if (story.buyerUnmet && slot.offset >= story.unmetFrom) here = here.filter((i) => !buyer(i));
  if (story.singleThreaded && slot.offset >= story.threadFrom) {
    const thread = here.find((i) => contacts[i]?.decisionRole === "champion") ?? here.find((i) => !buyer(i));
    return thread === undefined ? [] : [thread];
  }
  const chosen = slot.roles.flatMap((role, n) => {
    const holders = here.filter((i) => contacts[i]?.decisionRole === role);
    // The first role named is nearly always there; the others often.
    return holders.filter(() => rng.chance(n === 0 ? 0.9 : 0.6));
  });
  if (chosen.length === 0 && here.length > 0 && rng.chance(0.7)) chosen.push(rng.pick(here));
  return [...new Set(chosen)].sort((a, b) => a - b);
}

function employeeFor(rng: Rng, spec: AccountSpec, team: TeamKeys, fn: TeamFunction): string {
  switch (fn) {
    case "customer_success":
      return team.csm ?? rng.pick(CAST.csms);
    case "sales":
      return team.ae ?? (spec.tier === "Enterprise" ? CAST.enterpriseAe : "jordan.ellis");
    case "marketing":
      return CAST.marketing;
    case "support":
      return CAST.support;
    case "services":
      return CAST.services;
    case "product":
      return CAST.product;
    case "finance":
      return CAST.finance;
    default:
      return CAST.executive;
  }
}

function touchpoint(
  rng: Rng,
  spec: AccountSpec,
  facts: JourneyFacts,
  slot: Slot,
  story: Story,
  trouble: boolean,
): TouchpointPlan {
  const k = KINDS[slot.key];
  const contactIndexes = playersFor(rng, facts, slot, story);
  const employeeKey = employeeFor(rng, spec, facts.team, k.fn);
  const mood = trouble ? "trouble" : "calm";
  const rated = rng.chance(slot.ticket ? 0.45 : 0.8);
  const self = rated && (rng.chance(0.4) || !RATER[employeeKey]);
  const first = facts.contacts[contactIndexes[0] ?? -1]?.firstName ?? "the team";
  const t = slot.ticket;
  const notes = t ? ticketNote(t) : rng.chance(0.85) ? rng.pick(k.notes).replaceAll("{who}", first) : null;
  const experience = t
    ? t.satisfaction
    : rng.chance(k.fn === "marketing" ? 0.2 : 0.4)
      ? rng.weighted(EXPERIENCE[mood])
      : null;
  return {
    offset: slot.offset,
    hour: t ? t.hour : rng.int(8, 16),
    minute: t ? t.minute : rng.step(0, 45, 15),
    channel: k.channel,
    fn: k.fn,
    employeeKey,
    decisionStep: k.decision,
    developmentStep: k.development,
    title: t ? (t.subject ?? "Support request") : rng.pick(k.titles),
    notes,
    contactIndexes,
    quality: rated ? rng.weighted(QUALITY[mood]) : null,
    ratedByKey: rated && !self ? (RATER[employeeKey] ?? null) : null,
    selfAssessed: self,
    experience,
    source: t ? "import" : "manual",
  };
}

const ticketNote = (t: TicketPlan): string =>
  `${t.priority[0]?.toUpperCase()}${t.priority.slice(1)} priority${t.escalated ? ", escalated" : ""}; first answer after ${
    t.firstResponseMinutes < 120
      ? `${t.firstResponseMinutes} minutes`
      : `${Math.round(t.firstResponseMinutes / 60)} hours`
  }${t.resolutionHours === null ? ", still open." : `, solved in ${t.resolutionHours} hours.`}`;

/** A relationship in good standing sees its economic buyer: at the latest touchpoint of the last 80 days. */
function meetBuyer(contacts: ContactPlan[], touchpoints: TouchpointPlan[]) {
  const buyer = contacts.findIndex(
    (c) => c.decisionRole === "economic_buyer" && c.leftOffset === null && c.createdOffset < -80,
  );
  if (buyer < 0) return;
  const recent = touchpoints.filter((t) => t.offset >= -80 && t.channel !== "ticket");
  if (recent.some((t) => t.contactIndexes.includes(buyer))) return;
  const last = recent.at(-1);
  if (last) last.contactIndexes = [...last.contactIndexes, buyer].sort((a, b) => a - b);
}
