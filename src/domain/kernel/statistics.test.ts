import { describe, expect, it } from "vitest";
import { brierScore, calibrationByDecile, rocAuc, rocCurve } from "./statistics.ts";

/** AUC by its definition: over every (churned, retained) pair, 1 when ranked right, ½ when tied. */
function pairwiseAuc(scores: number[], labels: number[]): number {
  let wins = 0;
  let pairs = 0;
  scores.forEach((p, i) => {
    if (labels[i] !== 1) return;
    scores.forEach((n, j) => {
      if (labels[j] !== 0) return;
      pairs++;
      wins += p > n ? 1 : p === n ? 0.5 : 0;
    });
  });
  return wins / pairs;
}

/** Area under the curve's points by trapezoids. */
const area = (points: { fpr: number; tpr: number }[]) =>
  points.slice(1).reduce((s, p, i) => {
    const q = points[i] as { fpr: number; tpr: number };
    return s + ((p.fpr - q.fpr) * (p.tpr + q.tpr)) / 2;
  }, 0);

describe("rocAuc", () => {
  it("is 1 for a perfect ranking, 0 for a reversed one, ½ when every score ties", () => {
    expect(rocAuc([0.1, 0.2, 0.8, 0.9], [0, 0, 1, 1])).toBe(1);
    expect(rocAuc([0.9, 0.8, 0.2, 0.1], [0, 0, 1, 1])).toBe(0);
    expect(rocAuc([0.5, 0.5, 0.5, 0.5], [0, 1, 0, 1])).toBe(0.5);
  });

  it("matches hand-computed cases", () => {
    // Pairs (churned, retained): (0.35,0.1) ✓ (0.35,0.4) ✗ (0.8,0.1) ✓ (0.8,0.4) ✓ → 3/4.
    expect(rocAuc([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1])).toBe(0.75);
    // With a tie across the classes: (0.5,0.5) ½, (0.5,0.2) 1, (0.8,0.5) 1, (0.8,0.2) 1 → 3.5/4.
    expect(rocAuc([0.5, 0.5, 0.2, 0.8], [1, 0, 0, 1])).toBe(0.875);
    // Ties inside a class change nothing: (0.3,0.3 vs 0.1) ✓✓, (0.3,0.3 vs 0.3) ½½ → 3/4.
    expect(rocAuc([0.3, 0.3, 0.1, 0.3], [1, 1, 0, 0])).toBe(0.75);
  });

  it("agrees with the pairwise definition on data full of ties", () => {
    let s = 7;
    const next = () => {
      s = (s * 16807) % 2147483647;
      return s / 2147483647;
    };
    const scores = Array.from({ length: 300 }, () => Math.round(next() * 10) / 10);
    const labels = scores.map((x) => (next() < 0.2 + 0.5 * x ? 1 : 0));
    expect(rocAuc(scores, labels)).toBeCloseTo(pairwiseAuc(scores, labels), 12);
  });

  it("is NaN when a class is absent", () => {
    expect(rocAuc([0.2, 0.4], [1, 1])).toBeNaN();
    expect(rocAuc([], [])).toBeNaN();
  });
});

describe("rocCurve", () => {
  it("runs from (0,0) to (1,1), one point per distinct score, ties moving diagonally", () => {
    const points = rocCurve([0.5, 0.5, 0.2, 0.8], [1, 0, 0, 1]);
    expect(points.map((p) => [p.fpr, p.tpr])).toEqual([
      [0, 0],
      [0, 0.5],
      [0.5, 1],
      [1, 1],
    ]);
    expect(points.map((p) => p.threshold)).toEqual([Number.POSITIVE_INFINITY, 0.8, 0.5, 0.2]);
    expect(area(points)).toBe(rocAuc([0.5, 0.5, 0.2, 0.8], [1, 0, 0, 1]));
  });

  it("is thinned to the points asked for, keeping both ends and the area", () => {
    const scores = Array.from({ length: 5000 }, (_, i) => Math.sin(i) * 0.5 + 0.5);
    const labels = scores.map((x, i) => (x + Math.cos(i * 7) * 0.4 > 0.6 ? 1 : 0));
    const points = rocCurve(scores, labels, 100);
    expect(points).toHaveLength(100);
    expect(points[0]).toMatchObject({ fpr: 0, tpr: 0 });
    expect(points[99]).toMatchObject({ fpr: 1, tpr: 1 });
    expect(area(points)).toBeCloseTo(rocAuc(scores, labels), 2);
  });
});

describe("calibrationByDecile", () => {
  it("cuts sorted predictions into ten equal groups with their mean and observed rate", () => {
    // 20 accounts predicted 0.00, 0.05, …, 0.95; the top half churned.
    const probs = Array.from({ length: 20 }, (_, i) => i / 20);
    const labels = probs.map((p) => (p >= 0.5 ? 1 : 0));
    const bins = calibrationByDecile([...probs].reverse(), [...labels].reverse());
    expect(bins).toHaveLength(10);
    expect(bins[0]).toEqual({
      decile: 1,
      accounts: 2,
      meanPredicted: 0.025,
      observedRate: 0,
      minPredicted: 0,
      maxPredicted: 0.05,
    });
    expect(bins[9]).toMatchObject({ decile: 10, accounts: 2, observedRate: 1, maxPredicted: 0.95 });
    expect(bins.reduce((s, b) => s + b.accounts, 0)).toBe(20);
  });

  it("spreads uneven counts and skips empty groups", () => {
    expect(calibrationByDecile([0.1, 0.2, 0.3], [0, 1, 0]).map((b) => b.accounts)).toEqual([1, 1, 1]);
    expect(calibrationByDecile(Array(25).fill(0.3), Array(25).fill(0)).map((b) => b.accounts)).toEqual([
      2, 3, 2, 3, 2, 3, 2, 3, 2, 3,
    ]);
  });
});

describe("brierScore", () => {
  it("is the mean squared error of the probabilities", () => {
    expect(brierScore([0.9, 0.2, 0.5], [1, 0, 1])).toBeCloseTo((0.01 + 0.04 + 0.25) / 3, 12);
  });
});
