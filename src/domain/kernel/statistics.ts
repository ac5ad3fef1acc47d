/**
 * How well a score ranks outcomes and how honest a probability is: ROC AUC, the ROC curve,
 * calibration by decile and the Brier score (churn models and health backtests both use them).
 * Pure functions over parallel arrays of scores and 0/1 labels.
 */

export type RocPoint = { threshold: number; fpr: number; tpr: number };

export type CalibrationBin = {
  /** 1 = the tenth of accounts with the lowest predicted probability. */
  decile: number;
  accounts: number;
  meanPredicted: number;
  observedRate: number;
  minPredicted: number;
  maxPredicted: number;
};

const positives = (labels: ArrayLike<number>): number => {
  let n = 0;
  for (let i = 0; i < labels.length; i++) if (labels[i] === 1) n++;
  return n;
};

/** Row indexes ordered by score, highest first (stable, so equal scores keep their order). */
const byScoreDesc = (scores: ArrayLike<number>): number[] =>
  Array.from({ length: scores.length }, (_, i) => i).sort(
    (a, b) => (scores[b] as number) - (scores[a] as number),
  );

/**
 * ROC AUC: the probability that a random churned account scores above a random retained one, ties
 * counting one half (Mann–Whitney U with mid-ranks). NaN when either class is absent: there is
 * nothing to rank then, and a number would mislead.
 */
export function rocAuc(scores: ArrayLike<number>, labels: ArrayLike<number>): number {
  const n = scores.length;
  const nPos = positives(labels);
  const nNeg = n - nPos;
  if (nPos === 0 || nNeg === 0) return Number.NaN;
  const order = Array.from({ length: n }, (_, i) => i).sort(
    (a, b) => (scores[a] as number) - (scores[b] as number),
  );
  let rankSumPos = 0;
  for (let i = 0; i < n; ) {
    let j = i;
    while (j + 1 < n && scores[order[j + 1] as number] === scores[order[i] as number]) j++;
    // Ranks are 1-based; every member of a tie group gets the group's mean rank.
    const midRank = (i + j + 2) / 2;
    for (let k = i; k <= j; k++) if (labels[order[k] as number] === 1) rankSumPos += midRank;
    i = j + 1;
  }
  return (rankSumPos - (nPos * (nPos + 1)) / 2) / (nPos * nNeg);
}

/**
 * The ROC curve from (0,0) to (1,1), one point per distinct score (lowering the threshold past a
 * tie group moves diagonally), thinned to about `maxPoints` for charts and storage: the curve is
 * monotone, so straight lines between kept points stay close to it.
 */
export function rocCurve(scores: ArrayLike<number>, labels: ArrayLike<number>, maxPoints = 200): RocPoint[] {
  const nPos = positives(labels);
  const nNeg = scores.length - nPos;
  if (nPos === 0 || nNeg === 0) return [];
  const order = byScoreDesc(scores);
  const points: RocPoint[] = [{ threshold: Number.POSITIVE_INFINITY, fpr: 0, tpr: 0 }];
  let tp = 0;
  let fp = 0;
  for (let i = 0; i < order.length; ) {
    const s = scores[order[i] as number] as number;
    while (i < order.length && scores[order[i] as number] === s) {
      if (labels[order[i] as number] === 1) tp++;
      else fp++;
      i++;
    }
    points.push({ threshold: s, fpr: fp / nNeg, tpr: tp / nPos });
  }
  if (points.length <= maxPoints) return points;
  const kept: RocPoint[] = [];
  const step = (points.length - 1) / (maxPoints - 1);
  for (let k = 0; k < maxPoints; k++) kept.push(points[Math.round(k * step)] as RocPoint);
  return kept;
}

/**
 * Accounts sorted by predicted probability and cut into `bins` groups of (nearly) equal size; each
 * group's mean prediction against its observed churn rate. A calibrated model has them close.
 */
export function calibrationByDecile(
  probabilities: ArrayLike<number>,
  labels: ArrayLike<number>,
  bins = 10,
): CalibrationBin[] {
  const n = probabilities.length;
  const order = byScoreDesc(probabilities).reverse();
  const out: CalibrationBin[] = [];
  for (let b = 0; b < bins; b++) {
    const from = Math.floor((b * n) / bins);
    const to = Math.floor(((b + 1) * n) / bins);
    if (to <= from) continue;
    let sumP = 0;
    let churned = 0;
    for (let k = from; k < to; k++) {
      const i = order[k] as number;
      sumP += probabilities[i] as number;
      churned += labels[i] === 1 ? 1 : 0;
    }
    out.push({
      decile: b + 1,
      accounts: to - from,
      meanPredicted: sumP / (to - from),
      observedRate: churned / (to - from),
      minPredicted: probabilities[order[from] as number] as number,
      maxPredicted: probabilities[order[to - 1] as number] as number,
    });
  }
  return out;
}

/** Mean squared difference between probability and outcome (0 is perfect, 0.25 is a coin). */
export function brierScore(probabilities: ArrayLike<number>, labels: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < probabilities.length; i++) {
    const d = (probabilities[i] as number) - (labels[i] as number);
    sum += d * d;
  }
  return probabilities.length === 0 ? Number.NaN : sum / probabilities.length;
}
