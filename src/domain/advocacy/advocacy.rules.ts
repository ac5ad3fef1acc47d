import { addDays, utcDay } from "../../common/dates.ts";
import {
  ADVOCACY_KINDS,
  ADVOCACY_MOVES,
  type AdvocacyAsk,
  type AdvocacyKind,
  type AdvocacyState,
  type AdvocacySummary,
} from "../../contract/advocacy.ts";
import { npsOf } from "../experience/index.ts";
import type { AskRow } from "./ask.queries.ts";

/** What was asked for, after "for" or "to give": "a reference", "a case study". */
export const KIND_WORDS: Record<AdvocacyKind, string> = {
  reference: "a reference",
  testimonial: "a testimonial",
  referral: "a referral",
  review: "a review",
  case_study: "a case study",
};

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** A `YYYY-MM-DD` day in words, the same in every locale: "3 Nov 2026". */
export const dayWords = (day: string): string =>
  `${Number(day.slice(8, 10))} ${MONTHS[Number(day.slice(5, 7)) - 1]} ${day.slice(0, 4)}`;

// The do-not-ask window

/**
 * The first day of the window that covers `day`: an ask on that day or after it (up to `day`)
 * holds anyone else back. The window of an ask on day D runs through D + `days`; 0 days is no
 * window at all (null).
 */
export const windowStart = (day: string, days: number): string | null =>
  days > 0 ? addDays(day, -days) : null;

/** The last day of the window an ask on `askedOn` opens. */
export const windowEnd = (askedOn: string, days: number): string => addDays(askedOn, days);

/** Why asking `who` again now is refused: when they were asked and until when the window runs. */
export const windowRefusal = (who: string, askedOn: string, days: number): string =>
  `${who} was asked on ${dayWords(askedOn)}; the do-not-ask window runs until ${dayWords(windowEnd(askedOn, days))}`;

// States

/** "agreed, delivered or declined". */
const either = (xs: readonly string[]): string =>
  xs.length < 2 ? (xs[0] ?? "") : `${xs.slice(0, -1).join(", ")} or ${xs[xs.length - 1]}`;

/** Why an ask in state `from` cannot move to `to`; null when it can. */
export function moveProblem(from: AdvocacyState, to: AdvocacyState): string | null {
  const allowed = ADVOCACY_MOVES[from];
  if (allowed.includes(to)) return null;
  if (allowed.length === 0) return `This ask was ${from} already: delivered and declined asks are final`;
  if (from === to) return `This ask is ${from} already`;
  return `An ask that is ${from} can only become ${either(allowed)}`;
}

/** What is wrong with the day an ask moved on; null when nothing is. */
export function stateOnProblem(
  stateOn: string,
  ask: { askedOn: string; stateOn: string; state: AdvocacyState },
  today: string,
): string | null {
  if (stateOn > today) return "must not be in the future";
  if (stateOn < ask.askedOn) return `must not be before the ask (${dayWords(ask.askedOn)})`;
  if (ask.state !== "asked" && stateOn < ask.stateOn)
    return `must not be before it was ${ask.state} (${dayWords(ask.stateOn)})`;
  return null;
}

/** The account timeline's line for an ask made or moved on; `who` is the key player or the account. */
export function timelineTitle(who: string, kind: AdvocacyKind, state: AdvocacyState): string {
  const what = KIND_WORDS[kind];
  switch (state) {
    case "asked":
      return `Asked ${who} for ${what}`;
    case "agreed":
      return `${who} agreed to give ${what}`;
    case "delivered":
      return `${who} delivered ${what}`;
    case "declined":
      return `${who} declined to give ${what}`;
  }
}

// Candidates

const KIND_NAMES: Record<AdvocacyKind, string> = {
  reference: "reference",
  testimonial: "testimonial",
  referral: "referral",
  review: "review",
  case_study: "case study",
};

/** Why a key player is suggested, in words with the figures behind each reason. */
export function candidateReasons(c: {
  accountName: string;
  healthScore: number | null;
  npsScore: number;
  npsDay: string;
  outcomesAchieved: number;
  lastAsk: { askedOn: string; kind: AdvocacyKind; state: AdvocacyState } | null;
}): string[] {
  const n = c.outcomesAchieved;
  return [
    `Promoter: answered NPS ${c.npsScore} on ${dayWords(c.npsDay)}`,
    `Healthy customer: good health${c.healthScore === null ? "" : `, score ${Math.round(c.healthScore)}`}`,
    `${n} outcome${n === 1 ? "" : "s"} achieved at ${c.accountName}`,
    c.lastAsk
      ? `Last asked on ${dayWords(c.lastAsk.askedOn)} (${KIND_NAMES[c.lastAsk.kind]}, ${c.lastAsk.state})`
      : "Never asked before",
  ];
}

// Summary

export type NpsCounts = { responses: number; promoters: number; detractors: number };

/** NPS of a set of answers with its counts; no answers, no score (null, never 0). */
export const npsFigure = (c: NpsCounts): AdvocacySummary["nps"] => ({
  score: npsOf(c),
  responses: c.responses,
  promoters: c.promoters,
  passives: c.responses - c.promoters - c.detractors,
  detractors: c.detractors,
});

/** Every month of the period (`YYYY-MM-01`), with its answers' NPS or null when it had none. */
export function npsTrend(
  months: string[],
  counts: (NpsCounts & { month: string })[],
): AdvocacySummary["npsByMonth"] {
  const byMonth = new Map(counts.map((c) => [c.month, c]));
  return months.map((m) => ({
    month: m.slice(0, 7),
    ...npsFigure(byMonth.get(m) ?? { responses: 0, promoters: 0, detractors: 0 }),
  }));
}

/** The period's NPS from its months' counts. */
export const periodNps = (counts: NpsCounts[]): AdvocacySummary["nps"] =>
  npsFigure(
    counts.reduce(
      (t, c) => ({
        responses: t.responses + c.responses,
        promoters: t.promoters + c.promoters,
        detractors: t.detractors + c.detractors,
      }),
      { responses: 0, promoters: 0, detractors: 0 },
    ),
  );

/** Every kind with its asks counted per state (zeros included), from (kind, state, count) rows. */
export function kindStateTable(
  rows: { kind: string; state: string; count: number }[],
): AdvocacySummary["byKind"] {
  return ADVOCACY_KINDS.map((kind) => {
    const of = (state: AdvocacyState) =>
      rows.filter((r) => r.kind === kind && r.state === state).reduce((s, r) => s + r.count, 0);
    const row = {
      asked: of("asked"),
      agreed: of("agreed"),
      delivered: of("delivered"),
      declined: of("declined"),
    };
    return { kind, ...row, total: row.asked + row.agreed + row.delivered + row.declined };
  });
}

// Rows

const iso = (d: Date | string): string => new Date(d).toISOString();

/** The contract's ask from its row. */
export const toAsk = (r: AskRow): AdvocacyAsk => ({
  id: r.id,
  account: { id: r.accountId, name: r.accountName },
  contact: r.contactId && r.contactName !== null ? { id: r.contactId, name: r.contactName } : null,
  kind: r.kind as AdvocacyKind,
  state: r.state as AdvocacyState,
  askedOn: r.askedOn,
  stateOn: r.stateOn,
  detail: r.detail,
  askedBy: r.askedBy && r.askedByName !== null ? { userId: r.askedBy, name: r.askedByName } : null,
  nextStates: [...ADVOCACY_MOVES[r.state as AdvocacyState]],
  createdAt: iso(r.createdAt),
  updatedAt: iso(r.updatedAt),
});

/** When a timeline entry for something on `day` happened: now for today, midday of an earlier day. */
export const momentOf = (day: string, now: Date): Date =>
  day === utcDay(now) ? now : new Date(`${day}T12:00:00Z`);
