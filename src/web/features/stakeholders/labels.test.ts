import { describe, expect, it } from "vitest";
import { answerLabel, answerVerdict, outcomesSummary } from "./labels.ts";

const a = (
  kind: "nps" | "csat" | "ces" | "dimension",
  score: number,
  scale: number,
  dimension: string | null = null,
) => ({
  kind,
  score,
  scale,
  dimension,
});

describe("the stakeholder map's words", () => {
  it("says what an answer means, not only its colour", () => {
    expect([0, 6, 7, 8, 9, 10].map((s) => answerVerdict(a("nps", s, 10)).word)).toEqual([
      "Detractor",
      "Detractor",
      "Passive",
      "Passive",
      "Promoter",
      "Promoter",
    ]);
    expect([1, 2, 3, 4, 5].map((s) => answerVerdict(a("csat", s, 5)).word)).toEqual([
      "Dissatisfied",
      "Dissatisfied",
      "Neutral",
      "Satisfied",
      "Satisfied",
    ]);
    expect(answerVerdict(a("ces", 6, 7)).word).toBe("Easy");
    expect(answerVerdict(a("ces", 2, 7)).word).toBe("Hard");
    expect(answerLabel(a("ces", 5, 7))).toBe("CES 5 of 7");
    expect(answerLabel(a("dimension", 4, 5, "ease_of_use"))).toBe("Ease of use 4 of 5");
  });

  it("sums up outcomes by status", () => {
    const none = { total: 0, planned: 0, inProgress: 0, achieved: 0, atRisk: 0, missed: 0 };
    expect(outcomesSummary(none)).toBe("No outcomes recorded");
    expect(outcomesSummary({ ...none, total: 3, achieved: 2, atRisk: 1 })).toBe(
      "3 outcomes: 2 achieved, 1 at risk",
    );
    expect(outcomesSummary({ ...none, total: 1, planned: 1 })).toBe("1 outcome: 1 planned");
  });
});
