import { describe, expect, it } from "vitest";
import type { Book, BookMove, BookRow } from "../../../contract/index.ts";
import { loadsAfterPicked, moveIssueSentences, movesBody, teamsOf } from "./bookView.ts";

const row = (userId: string | null, name: string, team: string | null, load: number): BookRow => ({
  owner: userId ? { userId, name } : null,
  team,
  accounts: 0,
  byCoverage: { one_to_one: 0, one_to_few: 0, one_to_many: 0, none: 0 },
  arr: [],
  load,
  status: userId ? "balanced" : "unowned",
  handAssigned: 0,
});

const move = (id: string, coverage: BookMove["account"]["coverage"], from: string, to: string): BookMove => ({
  account: { id, name: `Account ${id}`, coverage, arr: { currency: "USD", minor: 100 } },
  from: { userId: from, name: from === "u1" ? "Marcus" : "Dana" },
  to: { userId: to, name: to === "u1" ? "Marcus" : "Dana" },
  why: "",
});

const book: Book = {
  capacity: { one_to_one: 10, one_to_few: 40, one_to_many: 200 },
  currency: "USD",
  rows: [
    row("u1", "Marcus", "Enterprise", 1.45),
    row("u2", "Dana", "Enterprise", 0.67),
    row(null, "", null, 0.1),
  ],
  suggestions: [],
  after: [],
};

describe("the book's view", () => {
  it("offers the teams the CSMs are in, once each, in order", () => {
    expect(
      teamsOf([row("a", "A", "Growth", 0), row("b", "B", "Enterprise", 0), row("c", "C", "Growth", 0)]),
    ).toEqual(["Enterprise", "Growth"]);
    expect(teamsOf([row(null, "", null, 0)])).toEqual([]);
  });

  it("works out the loads once only the picked moves are made", () => {
    const after = loadsAfterPicked(book, [move("a", "one_to_one", "u1", "u2"), move("b", null, "u1", "u2")]);
    // One one-to-one (1/10) and one without coverage, counted as one-to-many (1/200).
    expect(after.get("u1")).toBeCloseTo(1.345);
    expect(after.get("u2")).toBeCloseTo(0.775);
    expect(loadsAfterPicked(book, []).size).toBe(0);
  });

  it("sends the picked moves as the route takes them", () => {
    expect(movesBody([move("a", "one_to_few", "u1", "u2")])).toEqual({
      moves: [{ accountId: "a", toUserId: "u2" }],
    });
  });

  it("says which account a refused move was about, and why, without the server's paths", () => {
    const picked = [move("a", "one_to_one", "u1", "u2"), move("b", "one_to_one", "u1", "u2")];
    expect(
      moveIssueSentences(
        [
          { path: "moves.1.toUserId", code: "custom", message: "is not a CSM of this workspace" },
          { path: "moves.0.accountId", code: "custom", message: "is not an account of this workspace" },
          { path: "moves", code: "too_small", message: "needs at least one move" },
        ],
        picked,
      ),
    ).toEqual([
      "Account b: Dana is not a CSM of this workspace",
      "Account a is not an account of this workspace",
      "Needs at least one move",
    ]);
  });
});
