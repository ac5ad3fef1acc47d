import { describe, expect, it } from "vitest";
import { ZExpansionCreate } from "../../../contract/index.ts";
import { schemaFormErrors } from "../../lib/issues.ts";
import { amountErrors, bodyOf, EXPANSION_LABELS, newExpansion, valuesOf } from "./expansionDraft.ts";

describe("expansion opportunity drafts", () => {
  it("shows the ARR in major units and sends minor units, exact to the cent", () => {
    const v = {
      ...newExpansion({ id: "a1", currency: "USD", ownerId: "u1" }),
      title: " Seats ",
      arr: 12_000.5,
    };
    expect(bodyOf(v)).toEqual({
      accountId: "a1",
      title: "Seats",
      arrMinor: 1_200_050,
      currency: "USD",
      expectedClose: null,
      ownerId: "u1",
      note: null,
    });
    const back = valuesOf({
      id: "o1",
      accountId: "a1",
      accountName: "Acme",
      title: "Seats",
      arrMinor: 1_200_050,
      currency: "USD",
      stage: "open",
      expectedClose: "2027-01-31",
      owner: null,
      note: null,
      expansionProbability: 0.4,
      closedAt: null,
      createdAt: "2026-12-01T00:00:00.000Z",
    });
    expect(back).toMatchObject({ arr: 12_000.5, expectedClose: "2027-01-31", ownerId: null });
  });

  it("says an empty amount and a missing account in words, and the contract's rules at their fields", () => {
    const v = { ...newExpansion(null), arr: "" };
    expect(amountErrors(v)).toEqual({
      arr: "ARR it would add is required",
      accountId: "Pick the account",
    });
    const errors = schemaFormErrors(
      ZExpansionCreate,
      bodyOf({ ...v, accountId: "a1", arr: 5 }),
      EXPANSION_LABELS,
    );
    expect(errors).toMatchObject({ title: "Title is required" });
  });
});
