import { describe, expect, it } from "vitest";
import { outcomeScore, progressOf, timeElapsedOf } from "./outcome.rules.ts";
import {
  accountIndex,
  experiencePart,
  lowestDecisionMaker,
  outcomesPart,
  playerIndex,
  playerWeight,
} from "./success.rules.ts";

describe("an outcome's progress, time elapsed and score", () => {
  it("measures progress from baseline to target in either direction, within 0–1", () => {
    expect(progressOf({ baseline: 10, target: 4, current: 7 })).toBe(0.5);
    expect(progressOf({ baseline: 0, target: 20, current: 5 })).toBe(0.25);
    expect(progressOf({ baseline: 0, target: 20, current: 30 })).toBe(1);
    expect(progressOf({ baseline: 10, target: 4, current: 12 })).toBe(0);
    expect(progressOf({ baseline: 0, target: 20, current: null })).toBeNull();
  });

  it("counts the time from creation to the due date", () => {
    const o = { createdDay: "2026-01-01", dueDate: "2026-01-11" };
    expect(timeElapsedOf(o, "2026-01-01")).toBe(0);
    expect(timeElapsedOf(o, "2026-01-06")).toBe(0.5);
    expect(timeElapsedOf(o, "2026-03-01")).toBe(1);
    expect(timeElapsedOf({ createdDay: "2026-01-01", dueDate: null }, "2026-01-06")).toBeNull();
    expect(timeElapsedOf({ createdDay: "2026-01-05", dueDate: "2026-01-05" }, "2026-01-05")).toBe(1);
  });

  it("scores by status, and open outcomes by progress against time", () => {
    expect(outcomeScore("achieved", 0, 1)).toBe(1);
    expect(outcomeScore("missed", 1, 0)).toBe(0);
    expect(outcomeScore("at_risk", 1, 0)).toBe(0.25);
    // Ahead or on track.
    expect(outcomeScore("in_progress", 0.6, 0.5)).toBe(1);
    // Half of what was expected by now.
    expect(outcomeScore("in_progress", 0.25, 0.5)).toBe(0.5);
    // Past due without progress.
    expect(outcomeScore("in_progress", 0, 1)).toBe(0);
    // Nothing measured yet: not known, neither good nor bad.
    expect(outcomeScore("planned", null, 0.8)).toBe(0.5);
    expect(outcomeScore("in_progress", 0.8, null)).toBe(0.8);
  });
});

describe("the success index", () => {
  it("takes the mean score of a key player's outcomes, none without outcomes", () => {
    expect(outcomesPart([1, 0, 0.25])).toBe(41.7);
    expect(outcomesPart([])).toBeNull();
  });

  it("weighs experience ratings by recency on their own scales, and blends them 30% with outcomes", () => {
    const now = new Date("2026-06-01T00:00:00Z");
    const daysAgo = (d: number) => now.getTime() - d * 86_400_000;
    // NPS 10 today (1.0) and a touchpoint rated 1 of 5 (0.0) 90 days ago, which weighs half.
    expect(
      experiencePart(
        [
          { kind: "nps", score: 10, atMs: daysAgo(0) },
          { kind: "touchpoint", score: 1, atMs: daysAgo(90) },
        ],
        now,
      ),
    ).toBe(66.7);
    expect(experiencePart([{ kind: "ces", score: 7, atMs: daysAgo(10) }], now)).toBe(100);
    // Older than a year: not counted.
    expect(experiencePart([{ kind: "csat", score: 5, atMs: daysAgo(400) }], now)).toBeNull();
    expect(playerIndex(41.7, 66.7)).toBe(49.2);
    expect(playerIndex(null, 66.7)).toBe(66.7);
    expect(playerIndex(41.7, null)).toBe(41.7);
    expect(playerIndex(null, null)).toBeNull();
  });

  it("weights key players by influence × seniority and leaves out those who left", () => {
    expect(playerWeight({ influence: 5, seniority: "executive" })).toBe(7.5);
    expect(playerWeight({ influence: null, seniority: null })).toBe(3);
    const players = [
      { index: 20, weight: 7.5, leftCompany: false, decisionRole: "economic_buyer" },
      { index: 100, weight: 2.55, leftCompany: false, decisionRole: "champion" },
      { index: 0, weight: 5, leftCompany: true, decisionRole: "decision_maker" },
      { index: null, weight: 3, leftCompany: false, decisionRole: "decision_maker" },
    ];
    // (7.5 × 20 + 2.55 × 100) / 10.05 = 40.3
    expect(accountIndex(players)).toBe(40.3);
    expect(lowestDecisionMaker(players)?.index).toBe(20);
    expect(accountIndex([{ index: null, weight: 3, leftCompany: false }])).toBeNull();
  });
});
