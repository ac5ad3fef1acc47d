import { describe, expect, it } from "vitest";
import { mergeAccount, parentLoops, toAccount } from "./account.rules.ts";

const A = "0190a4b0-0000-7000-8000-00000000000a";
const B = "0190a4b0-0000-7000-8000-00000000000b";
const C = "0190a4b0-0000-7000-8000-00000000000c";
const D = "0190a4b0-0000-7000-8000-00000000000d";

describe("parentLoops", () => {
  // parentOf maps each account to its parent, the proposed parent of A included.
  const loops = (aParent: string, rest: [string, string | null][]) =>
    parentLoops(A, new Map<string, string | null>([[A, aParent], ...rest]));

  it("refuses the account as its own parent", () => {
    expect(loops(A, [])).toBe(true);
  });

  it("refuses a descendant as the parent (the account is among the parent's ancestors)", () => {
    // Proposed parent C has ancestors B then A: making C the parent of A closes a loop.
    expect(
      loops(C, [
        [C, B],
        [B, A],
      ]),
    ).toBe(true);
    expect(loops(B, [[B, A]])).toBe(true);
  });

  it("allows a parent outside the account's subtree", () => {
    expect(loops(B, [[B, null]])).toBe(false);
    expect(
      loops(C, [
        [C, B],
        [B, D],
        [D, null],
      ]),
    ).toBe(false);
  });
});

describe("toAccount", () => {
  it("derives ARR as twelve times MRR, formats timestamps and nests the latest health", () => {
    const account = toAccount({
      id: A,
      name: "Acme",
      externalId: null,
      parentId: null,
      domain: null,
      industry: null,
      region: null,
      country: null,
      tier: null,
      lifecycleStage: "adoption",
      coverage: "one_to_few",
      ownerId: null,
      ownerName: null,
      tierSource: null,
      coverageSource: "rule",
      ownerSource: null,
      customFields: {},
      mrrMinor: 12_345,
      currency: "EUR",
      nextRenewalDate: "2026-09-01",
      healthScore: 61.5,
      healthBand: "average",
      healthChange7d: -4,
      healthDay: "2026-08-01",
      healthNote: null,
      createdAt: new Date("2026-01-01T00:00:00Z"),
      updatedAt: new Date("2026-01-02T00:00:00Z"),
    });
    expect(account).toMatchObject({
      mrrMinor: 12_345,
      arrMinor: 148_140,
      currency: "EUR",
      coverage: "one_to_few",
      coverageSource: "rule",
      health: { score: 61.5, band: "average", change7d: -4, day: "2026-08-01", notEnoughData: null },
      createdAt: "2026-01-01T00:00:00.000Z",
      updatedAt: "2026-01-02T00:00:00.000Z",
    });
  });
});

describe("mergeAccount's sources", () => {
  const key = { id: A, externalId: null };
  it("marks what a write sets as the writer's, keeps what it leaves, and clears the source with the value", () => {
    const byRule = mergeAccount(
      key,
      { name: "Acme", tier: "Enterprise", coverage: "one_to_one" },
      null,
      "rule",
    ).record;
    expect(byRule).toMatchObject({ tierSource: "rule", coverageSource: "rule", ownerSource: null });
    const byHand = mergeAccount(key, { coverage: "one_to_few" }, byRule).record;
    expect(byHand).toMatchObject({
      tier: "Enterprise",
      tierSource: "rule",
      coverage: "one_to_few",
      coverageSource: "hand",
    });
    const cleared = mergeAccount(key, { coverage: null }, byHand).record;
    expect(cleared).toMatchObject({ coverage: null, coverageSource: null, tierSource: "rule" });
  });
});
