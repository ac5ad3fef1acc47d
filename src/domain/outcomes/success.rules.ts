/**
 * The success index (docs/success-index.md), from outcomes for now: a key player's index is the
 * mean of their outcomes' scores × 100; the account's weights its key players by influence and
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

/** 0–100 with one decimal; null without any score. */
export function playerIndex(scores: number[]): number | null {
  if (scores.length === 0) return null;
  return Math.round((1000 * scores.reduce((a, b) => a + b, 0)) / scores.length) / 10;
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
