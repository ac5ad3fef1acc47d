import { SURVEY_SCALES, type SurveyKind } from "../../contract/experience.ts";

export { needsFollowUp } from "../../contract/experience.ts";

/**
 * The experience metrics of PRODUCT.md, computed from counts so the database can count and the
 * same rule serves a list of scores. A set without answers has no score: null, never 0.
 */

const round = (x: number, decimals: number) => {
  const f = 10 ** decimals;
  return Math.round(x * f) / f;
};

export type NpsCounts = { responses: number; promoters: number; detractors: number };

/** NPS = % promoters (9–10) − % detractors (0–6), in points −100…100 with two decimals. */
export const npsOf = (c: NpsCounts): number | null =>
  c.responses === 0 ? null : round(((c.promoters - c.detractors) / c.responses) * 100, 2);

export type ShareCounts = { responses: number; satisfied: number };

/** CSAT = share of 4–5 answers on a 1–5 scale, a fraction 0–1 with four decimals. */
export const csatOf = (c: ShareCounts): number | null =>
  c.responses === 0 ? null : round(c.satisfied / c.responses, 4);

export type MeanCounts = { responses: number; sum: number };

/** CES = mean of the 1–7 ease ratings, two decimals. */
export const cesOf = (c: MeanCounts): number | null =>
  c.responses === 0 ? null : round(c.sum / c.responses, 2);

export const isPromoter = (score: number) => score >= 9;
export const isDetractor = (score: number) => score <= 6;
export const isSatisfied = (score: number) => score >= 4;

/** The counts of a list of NPS scores (0–10). */
export const npsCounts = (scores: number[]): NpsCounts => ({
  responses: scores.length,
  promoters: scores.filter(isPromoter).length,
  detractors: scores.filter(isDetractor).length,
});

/** The counts of a list of CSAT scores (1–5). */
export const csatCounts = (scores: number[]): ShareCounts => ({
  responses: scores.length,
  satisfied: scores.filter(isSatisfied).length,
});

export const meanCounts = (scores: number[]): MeanCounts => ({
  responses: scores.length,
  sum: scores.reduce((a, b) => a + b, 0),
});

/** The top of the scale an answer of this kind is given on. */
export const scaleOf = (kind: SurveyKind): number => SURVEY_SCALES[kind].max;

/** An answer in words, for the timeline and alerts: "NPS 3 of 10". */
export function answerLabel(kind: SurveyKind, score: number, dimension?: string | null): string {
  const name = kind === "dimension" ? (dimension ?? "Experience") : kind.toUpperCase();
  return `${name} ${score} of ${scaleOf(kind)}`;
}

/**
 * The closed loop's alert for an answer that needs a call back, as the account's timeline shows it:
 * who answered (`who`, the contact's name), what and their comment.
 */
export function followUpAlert(r: {
  kind: SurveyKind;
  score: number;
  dimension: string | null;
  comment: string | null;
  who: string;
}): { title: string; body: string } {
  const what = answerLabel(r.kind, r.score, r.dimension);
  return {
    title: `${r.kind === "nps" ? "Detractor" : "Unhappy answer"}: ${r.who} answered ${what}`,
    body: r.comment ? `“${r.comment}” — call ${r.who} back.` : `No comment given — call ${r.who} back.`,
  };
}

/** The inbox's reason for a follow-up, in words: "Bea Stone answered an NPS survey with 3: …". */
export const followUpReason = (who: string, kind: SurveyKind, score: number): string =>
  `${who} answered ${kind === "nps" ? "an" : "a"} ${kind.toUpperCase()} survey with ${score}: the closed loop asks for a call back`;
