import { describe, expect, it } from "vitest";
import { type ModelDefinition, ZModelDefinition } from "../../contract/health.ts";
import {
  applies,
  bandOf,
  describeMove,
  explainChange,
  inSentence,
  pointsFor,
  scoreAccount,
  toStored,
} from "./score.rules.ts";

const model: ModelDefinition = ZModelDefinition.parse({
  groups: [
    {
      key: "use",
      name: "Usage",
      weight: 3,
      measures: [
        {
          key: "util",
          name: "Licence utilization",
          source: "usage.utilization",
          rule: { kind: "range", from: 0.2, to: 0.8 },
          weight: 1,
        },
        {
          key: "wau",
          name: "Weekly active users",
          source: "usage.wau",
          rule: { kind: "thresholds", good: 10, poor: 2 },
          weight: 1,
        },
      ],
    },
    {
      key: "rel",
      name: "Relationship",
      weight: 1,
      measures: [
        {
          key: "mood",
          name: "CSM sentiment",
          source: "sentiment.rating",
          rule: { kind: "range", from: 1, to: 5 },
          weight: 1,
          missing: "skip",
        },
        {
          key: "champ",
          name: "Champion present",
          source: "key_players.champion_present",
          rule: { kind: "thresholds", good: 1, poor: 0 },
          weight: 1,
          missing: "poor",
        },
      ],
    },
  ],
});

describe("points", () => {
  it("thresholds give 100, 50 or 0, either way round", () => {
    const higher = { kind: "thresholds", good: 10, poor: 2 } as const;
    expect([pointsFor(higher, 10), pointsFor(higher, 5), pointsFor(higher, 2), pointsFor(higher, 0)]).toEqual(
      [100, 50, 0, 0],
    );
    const lower = { kind: "thresholds", good: 3, poor: 14 } as const;
    expect([pointsFor(lower, 0), pointsFor(lower, 3), pointsFor(lower, 7), pointsFor(lower, 14)]).toEqual([
      100, 100, 50, 0,
    ]);
  });
  it("a range is linear and clamped, either way round", () => {
    expect(pointsFor({ kind: "range", from: 0.2, to: 0.8 }, 0.5)).toBe(50);
    expect(pointsFor({ kind: "range", from: 0.2, to: 0.8 }, 1.5)).toBe(100);
    expect(pointsFor({ kind: "range", from: 30, to: 0 }, 45)).toBe(0);
    expect(pointsFor({ kind: "range", from: 30, to: 0 }, 6)).toBe(80);
  });
  it("bands at their cut points", () => {
    const bands = { averageFrom: 40, goodFrom: 70 };
    expect([bandOf(39.9, bands), bandOf(40, bands), bandOf(69.9, bands), bandOf(70, bands)]).toEqual([
      "poor",
      "average",
      "average",
      "good",
    ]);
  });
});

describe("scoring", () => {
  it("weights groups then measures; contributions add up to the score", () => {
    const s = scoreAccount(model, {
      "usage.utilization": 0.5,
      "usage.wau": 12,
      "sentiment.rating": 5,
      "key_players.champion_present": 0,
    });
    // Usage 3/4 × (50 + 100)/2 = 56.25; relationship 1/4 × (100 + 0)/2 = 12.5.
    expect(s.score).toBe(68.8);
    expect(s.band).toBe("average");
    expect(s.measures.map((m) => [m.key, m.points, m.weight])).toEqual([
      ["util", 50, 0.375],
      ["wau", 100, 0.375],
      ["mood", 100, 0.125],
      ["champ", 0, 0.125],
    ]);
  });
  it("a skipped measure's weight goes to its group; 'poor' scores a missing value 0", () => {
    const s = scoreAccount(model, { "usage.utilization": 0.8, "usage.wau": 12 });
    const mood = s.measures.find((m) => m.key === "mood");
    const champ = s.measures.find((m) => m.key === "champ");
    expect(mood).toMatchObject({ points: null, weight: 0, missing: true });
    expect(champ).toMatchObject({ points: 0, weight: 0.25, missing: true });
    expect(s.score).toBe(75);
  });
  it("a group with nothing left gives its weight to the others; nothing at all is no score", () => {
    const usageOnly = ZModelDefinition.parse({ ...model, groups: [model.groups[0]] });
    expect(scoreAccount(usageOnly, {})).toMatchObject({ score: null, band: null });
    const noUsage = scoreAccount(model, { "sentiment.rating": 3, "key_players.champion_present": 1 });
    expect(noUsage.score).toBe(75);
  });
});

describe("explaining a change", () => {
  it("names the measures that moved the score, largest first, with how their values moved", () => {
    const before = scoreAccount(model, {
      "usage.utilization": 0.8,
      "usage.wau": 10,
      "sentiment.rating": 4,
      "key_players.champion_present": 1,
    });
    const after = scoreAccount(model, {
      "usage.utilization": 0.8,
      "usage.wau": 6,
      "sentiment.rating": 4,
      "key_players.champion_present": 0,
    });
    const drivers = explainChange(model, toStored(before.measures), toStored(after.measures));
    expect(drivers.map((d) => d.text)).toEqual([
      "−19: weekly active users fell 40% (10 → 6)",
      "−13: champion present went from yes to no",
    ]);
    expect(drivers.reduce((s, d) => s + d.change, 0)).toBeCloseTo(
      (after.score ?? 0) - (before.score ?? 0),
      0,
    );
  });
});

describe("measure names inside explanations", () => {
  it("keeps acronyms as written and lower-cases only an ordinary first word", () => {
    expect(describeMove("CSM sentiment", "sentiment.rating", 4, 2)).toBe("CSM sentiment fell from 4 to 2");
    for (const acronym of ["CSM", "MRR", "ARR", "NPS", "MAU", "WAU", "DAU"]) {
      expect(inSentence(`${acronym} trend`)).toBe(`${acronym} trend`);
      expect(inSentence(acronym)).toBe(acronym);
    }
    expect(inSentence("Weekly active users")).toBe("weekly active users");
    expect(inSentence("Days to renewal")).toBe("days to renewal");
    expect(inSentence("A")).toBe("a");
    expect(inSentence("")).toBe("");
  });
});

describe("which model applies", () => {
  const facts = {
    tier: "Enterprise",
    coverage: "one_to_one",
    lifecycleStage: "adoption",
    customFields: { region: "EU" },
  };
  it("every list given must hold the account's value; empty lists match anyone", () => {
    const a = ZModelDefinition.parse(model).appliesTo;
    expect(applies(a, facts)).toBe(true);
    expect(applies({ ...a, tiers: ["enterprise"] }, facts)).toBe(true);
    expect(applies({ ...a, coverage: ["one_to_many"] }, facts)).toBe(false);
    expect(applies({ ...a, customFields: { region: "EU" } }, facts)).toBe(true);
    expect(applies({ ...a, customFields: { region: "US" } }, facts)).toBe(false);
  });
});
