import { describe, expect, it } from "vitest";
import { stratifiedFolds } from "./folds.rules.ts";

// 1,869 churned of 7,043, as in the Telco data.
const labels = Array.from({ length: 7043 }, (_, i) => (i % 7043 < 1869 ? 1 : 0));

const tally = (folds: number[], k: number) =>
  Array.from({ length: k }, (_, f) => {
    const rows = folds.flatMap((g, i) => (g === f ? [i] : []));
    return { size: rows.length, churned: rows.filter((i) => labels[i] === 1).length };
  });

describe("stratifiedFolds", () => {
  it("gives every fold the class ratio and sizes within one of each other", () => {
    const t = tally(stratifiedFolds(labels, 5, 42), 5);
    const sizes = t.map((f) => f.size);
    const churned = t.map((f) => f.churned);
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
    expect(Math.max(...churned) - Math.min(...churned)).toBeLessThanOrEqual(1);
    expect(sizes.reduce((a, b) => a + b)).toBe(7043);
    expect(churned.reduce((a, b) => a + b)).toBe(1869);
    for (const f of t) expect(f.churned / f.size).toBeCloseTo(1869 / 7043, 2);
  });

  it("is deterministic for a seed and differs between seeds", () => {
    expect(stratifiedFolds(labels, 5, "a")).toEqual(stratifiedFolds(labels, 5, "a"));
    expect(stratifiedFolds(labels, 5, "a")).not.toEqual(stratifiedFolds(labels, 5, "b"));
    // A pinned assignment, so a change of generator shows up here rather than as a moved AUC.
    expect(stratifiedFolds([1, 0, 1, 0, 0, 1, 0, 0, 1, 0], 3, 1)).toEqual([2, 0, 1, 2, 2, 0, 1, 0, 0, 1]);
  });

  it("shuffles within each class", () => {
    const folds = stratifiedFolds(labels, 5, 7);
    // Dealt in order, rows 0,5,10,… would all sit in fold 0.
    expect(new Set([0, 5, 10, 15, 20, 25].map((i) => folds[i])).size).toBeGreaterThan(1);
  });

  it("refuses fewer than two folds", () => {
    expect(() => stratifiedFolds([0, 1], 1, 1)).toThrow(/at least 2/);
  });
});
