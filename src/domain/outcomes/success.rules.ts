/**
 * The success index (docs/success-index.md): a key player's index blends their outcomes' scores
 * with their recent experience ratings; the account's weights its key players by influence and
 * seniority; and the lowest decision maker is shown beside it, so an average cannot hide an
 * unhappy economic buyer.
 */

/** How much more a senior person's success weighs in the account's index. */
export const SENIORITY_WEIGHT: Record<string, number> = {
  executive: 1.5,
  vp: 1.3,
  director: 1.15,
  manager: 1,
  individual_contributor: 0.85,
};
/** Unknown influence counts as the middle of the 1–5 scale. */
const DEFAULT_INFLUENCE = 3;
export const DECISION_MAKERS = ["economic_buyer", "decision_maker"];

export const playerWeight = (p: { influence: number | null; seniority: string | null }): number =>
  Math.round((p.influence ?? DEFAULT_INFLUENCE) * (SENIORITY_WEIGHT[p.seniority ?? ""] ?? 1) * 100) / 100;

const round1 = (x: number) => Math.round(x * 10) / 10;

/** The mean of a key player's outcome scores, 0–100 with one decimal; null without outcomes. */
export function outcomesPart(scores: number[]): number | null {
  if (scores.length === 0) return null;
  return round1((100 * scores.reduce((a, b) => a + b, 0)) / scores.length);
}

/** Experience ratings count for a year; each weighs half as much for every 90 days of age. */
export const EXPERIENCE_DAYS = 365;
const HALF_LIFE_DAYS = 90;

/** A rating on its own scale as 0–1: NPS 0–10, CES 1–7, CSAT, dimensions and touchpoints 1–5. */
export function ratingShare(kind: string, score: number): number {
  if (kind === "nps") return score / 10;
  if (kind === "ces") return (score - 1) / 6;
  return (score - 1) / 4;
}

/** The recency-weighted mean of a key player's experience ratings, 0–100; null without any. */
export function experiencePart(
  ratings: { kind: string; score: number; atMs: number }[],
  now: Date,
): number | null {
  let total = 0;
  let weight = 0;
  for (const r of ratings) {
    const ageDays = Math.max(0, (now.getTime() - r.atMs) / 86_400_000);
    if (ageDays > EXPERIENCE_DAYS) continue;
    const w = 0.5 ** (ageDays / HALF_LIFE_DAYS);
    total += w * ratingShare(r.kind, r.score);
    weight += w;
  }
  return weight === 0 ? null : round1((100 * total) / weight);
}

/** Outcomes weigh 70%, experience 30%; either alone is the index; neither is no index (null). */
export const OUTCOMES_SHARE = 0.7;

export function playerIndex(outcomes: number | null, experience: number | null): number | null {
  if (outcomes === null) return experience;
  if (experience === null) return outcomes;
  return round1(OUTCOMES_SHARE * outcomes + (1 - OUTCOMES_SHARE) * experience);
}

type Player = { index: number | null; weight: number; leftCompany: boolean };

/** The weighted mean of the indexes of key players still at the company; null when none has one. */
export function accountIndex(players: Player[]): number | null {
  const counted = players.filter((p) => p.index !== null && !p.leftCompany && p.weight > 0);
  const total = counted.reduce((s, p) => s + p.weight, 0);
  if (total === 0) return null;
  return Math.round((10 * counted.reduce((s, p) => s + p.weight * (p.index as number), 0)) / total) / 10;
}

/** The decision maker (economic buyer or decision maker, still at the company) with the lowest index. */
export function lowestDecisionMaker<T extends Player & { decisionRole: string | null }>(
  players: T[],
): T | null {
  let lowest: T | null = null;
  for (const p of players) {
    if (p.index === null || p.leftCompany || !DECISION_MAKERS.includes(p.decisionRole ?? "")) continue;
    if (lowest === null || p.index < (lowest.index as number)) lowest = p;
  }
  return lowest;
}
