import { describe, expect, it } from "vitest";
import {
  cesOf,
  csatCounts,
  csatOf,
  meanCounts,
  needsFollowUp,
  npsCounts,
  npsOf,
} from "./experience.rules.ts";

const repeat = (score: number, n: number) => Array.from({ length: n }, () => score);

describe("experience metrics against outside worked examples", () => {
  it("NPS of [1, 9, 10] is 33.33 (33 rounded)", () => {
    expect(npsOf(npsCounts([1, 9, 10]))).toBe(33.33);
    expect(Math.round(npsOf(npsCounts([1, 9, 10])) ?? 0)).toBe(33);
  });

  it("NPS of one answer of each score 0..10 is −45.45", () => {
    expect(npsOf(npsCounts([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]))).toBe(-45.45);
  });

  it("100 promoters, 30 passives and 80 detractors give an NPS of 9.52", () => {
    expect(npsOf({ responses: 210, promoters: 100, detractors: 80 })).toBe(9.52);
    expect(npsOf(npsCounts([...repeat(10, 100), ...repeat(7, 30), ...repeat(3, 80)]))).toBe(9.52);
  });

  it("CSAT of 10×5, 20×4, 10×3, 5×2, 5×1 is 60%", () => {
    const scores = [...repeat(5, 10), ...repeat(4, 20), ...repeat(3, 10), ...repeat(2, 5), ...repeat(1, 5)];
    expect(csatOf(csatCounts(scores))).toBe(0.6);
  });

  it("CES is the mean ease rating with two decimals", () => {
    expect(cesOf(meanCounts([7, 6, 6]))).toBe(6.33);
  });

  it("an empty set has no score, never 0", () => {
    expect(npsOf(npsCounts([]))).toBeNull();
    expect(csatOf(csatCounts([]))).toBeNull();
    expect(cesOf(meanCounts([]))).toBeNull();
  });
});

describe("closed loop", () => {
  it("calls back detractors, a CSAT of 1–2 and a CES of 2 or less, nobody else", () => {
    expect(needsFollowUp("nps", 6)).toBe(true);
    expect(needsFollowUp("nps", 7)).toBe(false);
    expect(needsFollowUp("csat", 2)).toBe(true);
    expect(needsFollowUp("csat", 3)).toBe(false);
    expect(needsFollowUp("ces", 2)).toBe(true);
    expect(needsFollowUp("ces", 3)).toBe(false);
    expect(needsFollowUp("dimension", 1)).toBe(false);
  });
});
