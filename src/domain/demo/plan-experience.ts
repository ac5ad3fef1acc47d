import { isKeyPlayer } from "../contacts/index.ts";
import type { Rng } from "../kernel/random.ts";
import {
  CES,
  CSAT,
  ESCALATION,
  NPS,
  PRIORITY,
  type Priority,
  RESPONSE,
  SATISFACTION,
  SATISFACTION_ANSWERED,
  TICKETS_PER_MONTH,
  TROUBLE_AFTER,
  TROUBLE_BEFORE,
} from "./experience-mix.ts";
import { CES_COMMENTS, CSAT_COMMENTS, type Mood, NPS_COMMENTS, TICKET_SUBJECTS } from "./experience-words.ts";
import type { AccountSpec } from "./plan-accounts.ts";
import type { ContactPlan } from "./plan-contacts.ts";

/** A help-desk ticket before ids and dates; offsets are days relative to today. */
export type TicketPlan = {
  openedOffset: number;
  hour: number;
  minute: number;
  subject: string;
  priority: Priority;
  firstResponseMinutes: number;
  /** Null while the ticket is still open. */
  resolutionHours: number | null;
  /** 1–5, null when the requester did not answer (or the ticket is open): never 0. */
  satisfaction: number | null;
  escalated: boolean;
};

/** One survey answer by a key player before ids and dates. */
export type AnswerPlan = {
  contactIndex: number;
  kind: "nps" | "csat" | "ces";
  score: number;
  offset: number;
  hour: number;
  minute: number;
  comment: string | null;
  /** The day the relationship survey it answers was sent (NPS answers only). */
  waveOffset: number | null;
};

/** A relationship survey sent to the key players there that day, whether they answered or not. */
export type WavePlan = { offset: number; contactIndexes: number[] };

export type ExperiencePlan = { tickets: TicketPlan[]; answers: AnswerPlan[]; waves: WavePlan[] };

export type ExperienceFacts = {
  contacts: ContactPlan[];
  /** The first paid (or trial) day. */
  firstOffset: number;
  /** The last day as a customer of a churned account; null while it is one. */
  endOffset: number | null;
  /** When the account's trouble came to a head (its churn or contraction); null when it had none. */
  troubleOffset: number | null;
  /** The account's latest NPS answer (0–10); null when it was never surveyed (trials). */
  lastNps: number | null;
};

const DECIDERS = ["economic_buyer", "decision_maker"];
const moodOf = (score: number): Mood => (score >= 9 ? "promoter" : score >= 7 ? "passive" : "detractor");

/**
 * Support tickets over the account's life and survey answers by its key players, following its
 * story: accounts heading to churn or contraction open more tickets, escalate more and answer
 * lower; the latest NPS answer is `lastNps`, a detractor's most often given by a decision maker.
 */
export function planExperience(rng: Rng, spec: AccountSpec, facts: ExperienceFacts): ExperiencePlan {
  const lastDay = facts.endOffset === null ? -1 : Math.min(-1, facts.endOffset - 1);
  const troubled = (offset: number) =>
    facts.troubleOffset !== null &&
    offset >= facts.troubleOffset - TROUBLE_BEFORE &&
    offset <= facts.troubleOffset + TROUBLE_AFTER;
  const waves: WavePlan[] = [];
  return {
    tickets: planTickets(rng.fork("tickets"), spec, facts.firstOffset, lastDay, troubled),
    answers: planAnswers(rng.fork("answers"), spec, facts, lastDay, troubled, waves),
    waves,
  };
}

function planTickets(
  rng: Rng,
  spec: AccountSpec,
  firstOffset: number,
  lastDay: number,
  troubled: (offset: number) => boolean,
): TicketPlan[] {
  const tickets: TicketPlan[] = [];
  for (let from = firstOffset + 2; from <= lastDay; from += 30) {
    const to = Math.min(lastDay, from + 29);
    const onboarding = from - firstOffset < 60;
    const rate =
      TICKETS_PER_MONTH[spec.tier] *
      ((to - from + 1) / 30) *
      (onboarding ? 1.6 : 1) *
      (troubled(to) ? 2.2 : 1);
    const count = Math.floor(rate) + (rng.chance(rate - Math.floor(rate)) ? 1 : 0);
    for (let i = 0; i < count; i++) tickets.push(ticket(rng, rng.int(from, to), troubled));
  }
  return tickets.sort((a, b) => a.openedOffset - b.openedOffset || a.hour - b.hour || a.minute - b.minute);
}

function ticket(rng: Rng, openedOffset: number, troubled: (offset: number) => boolean): TicketPlan {
  const mood = troubled(openedOffset) ? "trouble" : "calm";
  const priority = rng.weighted(PRIORITY[mood]);
  const [rMin, rMax, hMin, hMax] = RESPONSE[priority];
  // Skewed towards the quick end: most answers come fast, a few take the whole range.
  const skew = (min: number, max: number) => Math.round(min + (max - min) * rng.next() ** 2);
  const slow = mood === "trouble" ? 1.5 : 1;
  const firstResponseMinutes = skew(rMin, rMax * slow);
  const hours = Math.round(skew(hMin, hMax * slow) * 10) / 10;
  const escalated = rng.chance(Math.min(0.6, ESCALATION[priority] * (mood === "trouble" ? 2.5 : 1)));
  const hour = rng.int(7, 18);
  const minute = rng.int(0, 59);
  // Still open when it would only be solved after the start of today.
  const open = openedOffset * 24 + hour + minute / 60 + hours >= 0;
  let satisfaction: number | null = null;
  if (!open && rng.chance(SATISFACTION_ANSWERED)) {
    satisfaction = rng.weighted(SATISFACTION[mood]);
    if ((escalated || hours > 96) && rng.chance(0.5)) satisfaction = Math.max(1, satisfaction - 1);
  }
  const problem = priority === "high" || priority === "urgent" || rng.chance(0.25);
  return {
    openedOffset,
    hour,
    minute,
    subject: rng.pick(problem ? TICKET_SUBJECTS.problem : TICKET_SUBJECTS.routine),
    priority,
    firstResponseMinutes,
    resolutionHours: open ? null : hours,
    satisfaction,
    escalated,
  };
}

/** A verbatim for a good share of answers (more often from unhappy people), sometimes two sentences. */
function commentFrom(rng: Rng, pool: readonly string[], share: number): string | null {
  if (!rng.chance(share)) return null;
  const [first, second] = rng.sample(pool, 2);
  return rng.chance(0.25) && second ? `${first} ${second}` : (first as string);
}

function planAnswers(
  rng: Rng,
  spec: AccountSpec,
  facts: ExperienceFacts,
  lastDay: number,
  troubled: (offset: number) => boolean,
  sent: WavePlan[],
): AnswerPlan[] {
  const players = facts.contacts.flatMap((c, i) => (isKeyPlayer(c) ? [{ c, i }] : []));
  // Met at least a day before, and still there.
  const present = (offset: number) =>
    players.filter(({ c }) => c.createdOffset < offset && (c.leftOffset === null || offset < c.leftOffset));
  const invite = rng.fork("invitations");
  const usersAt = (offset: number) =>
    facts.contacts.flatMap((c, i) =>
      !isKeyPlayer(c) && c.createdOffset < offset && (c.leftOffset === null || offset < c.leftOffset)
        ? [i]
        : [],
    );
  const answers: AnswerPlan[] = [];
  const bias = new Map(
    players.map(({ c, i }) => [
      i,
      c.decisionRole === "detractor" ? -3 : c.decisionRole === "champion" && rng.chance(0.5) ? 1 : 0,
    ]),
  );
  const npsAt = (offset: number, contactIndex: number) => {
    const mix = troubled(offset)
      ? "trouble"
      : spec.story === "expanded"
        ? "fond"
        : spec.story === "churned" || spec.story === "contracted"
          ? "wary"
          : "usual";
    return Math.max(0, Math.min(10, rng.weighted(NPS[mix]) + (bias.get(contactIndex) ?? 0)));
  };
  const nps = (
    wave: number,
    contactIndex: number,
    offset: number,
    score: number,
    hour = rng.int(7, 16),
  ): AnswerPlan => ({
    contactIndex,
    waveOffset: wave,
    kind: "nps",
    score,
    offset,
    hour,
    minute: rng.int(0, 59),
    comment: commentFrom(rng, NPS_COMMENTS[moodOf(score)], score <= 6 ? 0.65 : score >= 9 ? 0.5 : 0.4),
  });

  if (facts.lastNps !== null && lastDay >= facts.firstOffset) {
    // The relationship survey goes out about once a quarter; the first a month or so in.
    const waves: number[] = [];
    for (let w = facts.firstOffset + rng.int(30, 50); w <= lastDay; w += rng.int(97, 110)) waves.push(w);
    if (waves.length === 0) waves.push(Math.min(lastDay, Math.floor((facts.firstOffset + lastDay) / 2) + 1));
    waves.forEach((wave, n) => {
      const here = present(wave);
      // The survey also goes to some of the product's everyday users, who rarely answer.
      const users = usersAt(wave).filter(() => invite.chance(0.5));
      if (here.length > 0)
        sent.push({
          offset: wave,
          contactIndexes: [...here.map(({ i }) => i), ...users].sort((a, b) => a - b),
        });
      // Within a week of the invitation, and before leaving.
      const day = ({ c }: (typeof here)[number]) =>
        Math.min(lastDay, wave + rng.int(0, 7), c.leftOffset === null ? lastDay : c.leftOffset - 1);
      const answered = here
        .filter(({ c }) => rng.chance(c.decisionRole === "champion" ? 0.65 : 0.45))
        .map((p) => ({ ...p, offset: day(p) }));
      if (n < waves.length - 1) {
        for (const { i, offset } of answered) answers.push(nps(wave, i, offset, npsAt(offset, i)));
        return;
      }
      // The last answer is the account's standing: a detractor's most often a decision maker's.
      const lastNps = facts.lastNps as number;
      const staying = here.filter(({ c }) => c.leftOffset === null);
      const candidates = staying.length > 0 ? staying : here;
      const deciders = candidates.filter(({ c }) => DECIDERS.includes(c.decisionRole));
      const pool = lastNps <= 6 && deciders.length > 0 && rng.chance(0.6) ? deciders : candidates;
      if (pool.length === 0) return;
      const last = rng.pick(pool);
      const others = answered.filter((p) => p.i !== last.i);
      const lastOffset = Math.min(
        Math.max(wave, ...others.map((o) => o.offset)),
        lastDay,
        last.c.leftOffset === null ? lastDay : last.c.leftOffset - 1,
      );
      for (const { i, offset } of others) {
        const on = Math.min(offset, lastOffset);
        answers.push(nps(wave, i, on, npsAt(on, i)));
      }
      answers.push(nps(wave, last.i, lastOffset, lastNps, 17));
    });
    // No key player was there for the last survey: the latest earlier answer is the standing.
    const latest = answers.reduce<AnswerPlan | null>(
      (a, b) => (a === null || b.offset > a.offset || (b.offset === a.offset && b.hour > a.hour) ? b : a),
      null,
    );
    if (latest && latest.score !== facts.lastNps) {
      latest.score = facts.lastNps;
      latest.comment = commentFrom(rng, NPS_COMMENTS[moodOf(latest.score)], 0.5);
    }
  }

  // CSAT after trainings, reviews and support calls; CES after getting something set up.
  for (const { c, i } of players) {
    const from = Math.max(facts.firstOffset, c.createdOffset) + 1;
    const to = Math.min(lastDay, c.leftOffset === null ? lastDay : c.leftOffset - 1);
    for (let block = from; block <= to; block += 120) {
      if (!rng.chance(0.3)) continue;
      const offset = rng.int(block, Math.min(to, block + 119));
      const mood = troubled(offset) ? "trouble" : "calm";
      const score = rng.weighted(CSAT[mood]);
      answers.push({
        contactIndex: i,
        kind: "csat",
        score,
        waveOffset: null,
        offset,
        hour: rng.int(7, 18),
        minute: rng.int(0, 59),
        comment: commentFrom(rng, CSAT_COMMENTS[score >= 4 ? "good" : "bad"], 0.35),
      });
    }
    for (let block = from; block <= to; block += 150) {
      if (!rng.chance(0.22)) continue;
      const offset = rng.int(block, Math.min(to, block + 149));
      const score = rng.weighted(CES[troubled(offset) ? "trouble" : "calm"]);
      answers.push({
        contactIndex: i,
        kind: "ces",
        score,
        waveOffset: null,
        offset,
        hour: rng.int(7, 18),
        minute: rng.int(0, 59),
        comment: commentFrom(rng, CES_COMMENTS[score >= 5 ? "easy" : "hard"], 0.3),
      });
    }
  }
  return answers;
}
