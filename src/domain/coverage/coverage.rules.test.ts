import { describe, expect, it } from "vitest";
import { DEFAULT_CAPACITY } from "../../contract/coverage.ts";
import {
  type BookAccount,
  loadsAfter,
  MAX_SUGGESTIONS,
  moveWhy,
  statusOf,
  suggestMoves,
  tieringChange,
  weightOf,
} from "./coverage.rules.ts";

const capacity = { one_to_one: 10, one_to_few: 40, one_to_many: 200 };
const owners = [
  { userId: "u1", name: "Dana", team: "Enterprise" },
  { userId: "u2", name: "Lee", team: "Enterprise" },
  { userId: "u3", name: "Sam", team: "Digital" },
];
let n = 0;
const acct = (
  ownerId: string,
  coverage: BookAccount["coverage"],
  extra: Partial<BookAccount> = {},
): BookAccount => ({
  id: `a${++n}`,
  name: `Account ${n}`,
  ownerId,
  ownerSource: "rule",
  coverage,
  arr: 10_000_00,
  ...extra,
});

describe("load", () => {
  it("counts each account as a share of a full book of its coverage (none: one-to-many)", () => {
    expect(weightOf("one_to_one", capacity)).toBe(0.1);
    expect(weightOf(null, DEFAULT_CAPACITY)).toBe(1 / 400);
  });
  it("is over past a full book or well above the team's average, under well below it", () => {
    expect(statusOf(1.05, 1.1)).toBe("over");
    expect(statusOf(0.9, 0.6)).toBe("over");
    expect(statusOf(0.3, 0.6)).toBe("under");
    expect(statusOf(0.55, 0.6)).toBe("balanced");
  });
});

describe("suggestMoves", () => {
  it("moves accounts from the fuller book to the emptier one in the same team until loads are close", () => {
    const accounts = [
      ...Array.from({ length: 12 }, () => acct("u1", "one_to_one")),
      ...Array.from({ length: 4 }, () => acct("u2", "one_to_one")),
      ...Array.from({ length: 30 }, () => acct("u3", "one_to_many")),
    ];
    const moves = suggestMoves(owners, accounts, capacity);
    expect(moves).toHaveLength(4);
    expect(moves.every((m) => m.from === "u1" && m.to === "u2")).toBe(true);
    expect(moves[0]?.before).toEqual({ fromLoad: 1.2, toLoad: 0.4, fromArr: 120_000_00, toArr: 40_000_00 });
    const words = moves[0] ? moveWhy(moves[0], "Dana", "Lee", String) : "";
    expect(words).toBe("Dana is at 120% of a full book and Lee at 40%");
    const after = loadsAfter(owners, accounts, moves, capacity);
    expect(after).toEqual([
      { userId: "u1", load: 0.8 },
      { userId: "u2", load: 0.8 },
      { userId: "u3", load: 0.15 },
    ]);
  });

  it("never moves an account assigned by hand, nor across teams", () => {
    const accounts = [
      ...Array.from({ length: 12 }, () => acct("u1", "one_to_one", { ownerSource: "hand" })),
      ...Array.from({ length: 2 }, () => acct("u2", "one_to_one")),
    ];
    expect(suggestMoves(owners, accounts, capacity)).toEqual([]);
  });

  it("evens ARR when loads are already even, keeping loads close, and stops at a readable number of moves", () => {
    const accounts = [
      ...Array.from({ length: 5 }, () => acct("u1", "one_to_few", { arr: 90_000_00 })),
      ...Array.from({ length: 5 }, () => acct("u2", "one_to_few", { arr: 10_000_00 })),
    ];
    const moves = suggestMoves(owners, accounts, capacity);
    const arrOf = (owner: string) => {
      const to = new Map(moves.map((m) => [m.accountId, m.to]));
      return accounts.filter((a) => (to.get(a.id) ?? a.ownerId) === owner).reduce((s, a) => s + a.arr, 0);
    };
    expect(moves.length).toBeGreaterThan(0);
    expect(Math.abs(arrOf("u1") - arrOf("u2"))).toBeLessThan(400_000_00 / 2);
    const [u1, u2] = loadsAfter(owners, accounts, moves, capacity);
    expect(Math.abs((u1?.load ?? 0) - (u2?.load ?? 0))).toBeLessThanOrEqual(0.05);
    const first = moves[0];
    expect(first && moveWhy(first, "Dana", "Lee", (m) => `$${m / 100}`)).toBe(
      "Loads are close (13% and 13%); Dana carries $450000 ARR and Lee $50000",
    );
    const many = Array.from({ length: 400 }, () => acct("u1", "one_to_many"));
    expect(suggestMoves(owners, many, capacity).length).toBeLessThanOrEqual(MAX_SUGGESTIONS);
  });
});

describe("tieringChange", () => {
  const rule = {
    tier: "Enterprise",
    coverage: "one_to_one" as const,
    filter: { match: "all" as const, conditions: [] },
  };
  const base = {
    id: "a",
    name: "Acme",
    tier: "SMB",
    tierSource: "rule" as const,
    coverage: "one_to_many" as const,
    coverageSource: "rule" as const,
  };
  it("sets what the first rule says over what rules set before", () => {
    expect(tieringChange(base, 0, rule)).toEqual({
      rule: 0,
      tier: { from: "SMB", to: "Enterprise" },
      coverage: { from: "one_to_many", to: "one_to_one" },
      kept: [],
    });
  });
  it("keeps a hand setting and says so; leaves an account no rule fits alone", () => {
    const hand = tieringChange({ ...base, coverageSource: "hand" }, 0, rule);
    expect(hand.coverage).toBeNull();
    expect(hand.kept).toEqual(["coverage one-to-many was set by hand (the rules say one-to-one)"]);
    expect(tieringChange(base, null, null)).toEqual({ rule: null, tier: null, coverage: null, kept: [] });
  });
});
