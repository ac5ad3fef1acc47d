import { describe, expect, it } from "vitest";
import {
  candidateReasons,
  dayWords,
  kindStateTable,
  moveProblem,
  npsTrend,
  periodNps,
  stateOnProblem,
  timelineTitle,
  windowEnd,
  windowRefusal,
  windowStart,
} from "./advocacy.rules.ts";

describe("states", () => {
  it("lets an ask move forward only, and keeps delivered and declined final", () => {
    expect(moveProblem("asked", "agreed")).toBeNull();
    expect(moveProblem("asked", "delivered")).toBeNull();
    expect(moveProblem("asked", "declined")).toBeNull();
    expect(moveProblem("agreed", "delivered")).toBeNull();
    expect(moveProblem("agreed", "declined")).toBeNull();
    expect(moveProblem("agreed", "asked")).toBe(
      "An ask that is agreed can only become delivered or declined",
    );
    expect(moveProblem("asked", "asked")).toBe("This ask is asked already");
    expect(moveProblem("agreed", "agreed")).toBe("This ask is agreed already");
    for (const to of ["asked", "agreed", "delivered", "declined"] as const) {
      expect(moveProblem("delivered", to)).toBe(
        "This ask was delivered already: delivered and declined asks are final",
      );
      expect(moveProblem("declined", to)).toMatch(/^This ask was declined already/);
    }
  });

  it("takes the day of a move from the ask's day to today, never before its previous move", () => {
    const ask = { askedOn: "2026-03-10", stateOn: "2026-03-10", state: "asked" as const };
    expect(stateOnProblem("2026-03-10", ask, "2026-04-01")).toBeNull();
    expect(stateOnProblem("2026-04-01", ask, "2026-04-01")).toBeNull();
    expect(stateOnProblem("2026-04-02", ask, "2026-04-01")).toBe("must not be in the future");
    expect(stateOnProblem("2026-03-09", ask, "2026-04-01")).toBe("must not be before the ask (10 Mar 2026)");
    const agreed = { ...ask, state: "agreed" as const, stateOn: "2026-03-20" };
    expect(stateOnProblem("2026-03-15", agreed, "2026-04-01")).toBe(
      "must not be before it was agreed (20 Mar 2026)",
    );
  });

  it("words the timeline by what happened", () => {
    expect(timelineTitle("Dana Lee", "case_study", "asked")).toBe("Asked Dana Lee for a case study");
    expect(timelineTitle("Dana Lee", "reference", "agreed")).toBe("Dana Lee agreed to give a reference");
    expect(timelineTitle("Acme", "review", "delivered")).toBe("Acme delivered a review");
    expect(timelineTitle("Dana Lee", "referral", "declined")).toBe("Dana Lee declined to give a referral");
  });
});

describe("the do-not-ask window", () => {
  it("runs from the ask's day through the window's last day, and not at all with 0 days", () => {
    expect(dayWords("2026-11-03")).toBe("3 Nov 2026");
    expect(windowEnd("2026-11-03", 90)).toBe("2027-02-01");
    // An ask on 1 Feb 2027 is still held back by one on 3 Nov 2026; from 2 Feb it is not.
    expect(windowStart("2027-02-01", 90)).toBe("2026-11-03");
    expect(windowStart("2027-02-02", 90)).toBe("2026-11-04");
    expect(windowStart("2027-02-02", 0)).toBeNull();
    expect(windowRefusal("Dana Lee", "2026-11-03", 90)).toBe(
      "Dana Lee was asked on 3 Nov 2026; the do-not-ask window runs until 1 Feb 2027",
    );
  });
});

describe("NPS", () => {
  it("is % promoters − % detractors per month, with null (never 0) for a month without answers", () => {
    const trend = npsTrend(
      ["2026-01-01", "2026-02-01", "2026-03-01"],
      [
        // 5 promoters, 3 passives, 2 detractors of 10: 50% − 20% = 30.
        { month: "2026-01-01", responses: 10, promoters: 5, detractors: 2 },
        { month: "2026-03-01", responses: 4, promoters: 0, detractors: 4 },
      ],
    );
    expect(trend).toEqual([
      { month: "2026-01", score: 30, responses: 10, promoters: 5, passives: 3, detractors: 2 },
      { month: "2026-02", score: null, responses: 0, promoters: 0, passives: 0, detractors: 0 },
      { month: "2026-03", score: -100, responses: 4, promoters: 0, passives: 0, detractors: 4 },
    ]);
  });

  it("counts the period's answers together rather than averaging the months", () => {
    const p = periodNps([
      { responses: 10, promoters: 5, detractors: 2 },
      { responses: 4, promoters: 0, detractors: 4 },
    ]);
    // 5 promoters and 6 detractors of 14: (5 − 6) ÷ 14 = −7.14, not the months' mean of −35.
    expect(p).toEqual({ score: -7.14, responses: 14, promoters: 5, passives: 3, detractors: 6 });
    expect(periodNps([]).score).toBeNull();
  });
});

describe("summary and candidates", () => {
  it("lays out every kind with every state, zeros included", () => {
    const table = kindStateTable([
      { kind: "reference", state: "asked", count: 2 },
      { kind: "reference", state: "delivered", count: 3 },
      { kind: "case_study", state: "declined", count: 1 },
    ]);
    expect(table.map((r) => r.kind)).toEqual([
      "reference",
      "testimonial",
      "referral",
      "review",
      "case_study",
    ]);
    expect(table[0]).toEqual({ kind: "reference", asked: 2, agreed: 0, delivered: 3, declined: 0, total: 5 });
    expect(table[4]).toMatchObject({ declined: 1, total: 1 });
    expect(table[1]).toMatchObject({ total: 0 });
  });

  it("gives a candidate's reasons with the figures", () => {
    const base = {
      accountName: "Acme",
      healthScore: 81.6,
      npsScore: 10,
      npsDay: "2026-05-04",
      outcomesAchieved: 1,
      lastAsk: null,
    };
    expect(candidateReasons(base)).toEqual([
      "Promoter: answered NPS 10 on 4 May 2026",
      "Healthy customer: good health, score 82",
      "1 outcome achieved at Acme",
      "Never asked before",
    ]);
    const asked = candidateReasons({
      ...base,
      outcomesAchieved: 3,
      lastAsk: { askedOn: "2025-12-01", kind: "case_study", state: "declined" },
    });
    expect(asked[2]).toBe("3 outcomes achieved at Acme");
    expect(asked[3]).toBe("Last asked on 1 Dec 2025 (case study, declined)");
  });
});
