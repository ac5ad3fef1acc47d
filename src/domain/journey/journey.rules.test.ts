import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  buildJourney,
  DEFAULT_LIST_ITEMS,
  journeyPeriod,
  orderProblem,
  rateQuality,
  slugKey,
  summaryScope,
  type TallyRow,
  tooFarAhead,
} from "./journey.rules.ts";

const tally = (step: string | null, fn: string, n: number, q: number[] = [], e: number[] = []): TallyRow => ({
  step,
  function: fn,
  n,
  qSum: q.reduce((a, b) => a + b, 0),
  qN: q.length,
  eSum: e.reduce((a, b) => a + b, 0),
  eN: e.length,
});
const step = (key: string, archived = false) => ({ key, label: key.toUpperCase(), archived });

describe("journey rules", () => {
  it("starts new workspaces with exactly the lists migration 0016 gave existing ones", () => {
    const migration = readFileSync(
      new URL("../../db/migrations/0016_experience.sql", import.meta.url),
      "utf8",
    );
    const rows = [
      ...migration.matchAll(
        /\('(decision|development|dimension)', '(\w+)', '((?:[^']|'')+)', (NULL|'(?:[^']|'')*'), (\d+)\)/g,
      ),
    ].map((m) => ({
      list: m[1],
      key: m[2],
      label: m[3]?.replace(/''/g, "'"),
      description: m[4] === "NULL" ? null : m[4]?.slice(1, -1).replace(/''/g, "'"),
      position: Number(m[5]),
    }));
    expect(rows).toHaveLength(19);
    expect(DEFAULT_LIST_ITEMS).toEqual(rows);
  });

  it("makes keys from labels and checks a reorder names every item once", () => {
    expect(slugKey("Renew & expand!")).toBe("renew_expand");
    expect(slugKey("Évaluer  l'offre")).toBe("evaluer_l_offre");
    expect(slugKey("!!!")).toBe("");
    expect(orderProblem(["b", "a"], ["a", "b"])).toBeNull();
    expect(orderProblem(["a", "a"], ["a", "b"])).toMatch(/more than once/);
    expect(orderProblem(["a"], ["a", "b"])).toMatch(/leaves out "b"/);
    expect(orderProblem(["a", "b", "c"], ["a", "b"])).toMatch(/"c"/);
  });

  it("marks a rating self-assessed when the employee gives it, and keeps the rater otherwise", () => {
    expect(rateQuality(4, "u1", "u1")).toEqual({
      qualityRating: 4,
      qualityRatedBy: null,
      qualitySelfAssessed: true,
    });
    expect(rateQuality(2, "u1", "m1")).toEqual({
      qualityRating: 2,
      qualityRatedBy: "m1",
      qualitySelfAssessed: false,
    });
    expect(rateQuality(null, "u1", "m1")).toEqual({
      qualityRating: null,
      qualityRatedBy: null,
      qualitySelfAssessed: false,
    });
    // Steward itself (an import) is nobody: the rating has no rater and is not self-assessed.
    expect(rateQuality(3, null, null)).toEqual({
      qualityRating: 3,
      qualityRatedBy: null,
      qualitySelfAssessed: false,
    });
  });

  it("allows back-dating and up to a day ahead; the period defaults to the year up to today", () => {
    const now = new Date("2026-05-01T12:00:00Z");
    expect(tooFarAhead(new Date("2001-01-01T00:00:00Z"), now)).toBe(false);
    expect(tooFarAhead(new Date("2026-05-02T12:00:00Z"), now)).toBe(false);
    expect(tooFarAhead(new Date("2026-05-02T12:00:01Z"), now)).toBe(true);
    expect(journeyPeriod(undefined, undefined, "2026-05-01")).toEqual({
      from: "2025-05-02",
      to: "2026-05-01",
    });
    expect(journeyPeriod("2026-01-01", undefined, "2026-05-01")).toEqual({
      from: "2026-01-01",
      to: "2026-05-01",
    });
    expect(journeyPeriod(undefined, "2025-12-31", "2026-05-01")).toEqual({
      from: "2025-01-01",
      to: "2025-12-31",
    });
  });

  it("shows every employee's row to managers and up, a member their own, a viewer none", () => {
    expect(["owner", "admin", "leader", "manager"].map((r) => summaryScope(r as "owner"))).toEqual([
      "all",
      "all",
      "all",
      "all",
    ]);
    expect(summaryScope("member")).toBe("own");
    expect(summaryScope("viewer")).toBe("none");
  });

  it("adds cells up to exact totals, counts unknown steps as none, and finds step and function gaps", () => {
    const j = buildJourney(
      { accountId: null, from: "2026-01-01", to: "2026-12-31" },
      [step("a"), step("b"), step("c"), step("old", true)],
      [step("x")],
      [
        tally("a", "sales", 2, [5, 4], [3]),
        tally("a", "support", 1, [1]),
        tally("b", "sales", 1, [], [5]),
        tally("gone", "sales", 1, [2]),
        tally(null, "finance", 1),
      ],
      [tally("x", "", 3, [5])],
    );
    expect(j.steps.map((s) => s.key)).toEqual(["a", "b", "c"]);
    expect(j.stepTotals[0]).toEqual({ step: "a", touchpoints: 3, avgQuality: 3.33, avgExperience: 3 });
    expect(j.withoutStep).toEqual({ touchpoints: 2, avgQuality: 2, avgExperience: null });
    expect(j.total).toEqual({ touchpoints: 6, avgQuality: 3, avgExperience: 4 });
    expect(j.functionTotals.find((f) => f.function === "finance")?.touchpoints).toBe(1);
    expect(j.gaps).toEqual([
      {
        kind: "function_absent",
        step: "b",
        function: "support",
        reason: 'support has touchpoints at other steps but none at "B"',
      },
      {
        kind: "step_without_touchpoints",
        step: "c",
        function: null,
        reason: 'No touchpoint at "C" in this period',
      },
    ]);
    expect(j.development).toEqual([
      { step: "x", label: "X", archived: false, touchpoints: 3, avgQuality: 5, avgExperience: null },
    ]);
  });
});
