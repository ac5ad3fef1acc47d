import { describe, expect, it } from "vitest";
import type { Account } from "../../../contract/index.ts";
import { withoutUnchangedSettings } from "./settingSources.ts";

const account = { tier: "Enterprise", coverage: "one_to_one", ownerId: "u1" } as Account;

describe("an account edit's tier, coverage and owner", () => {
  it("leaves out the ones not changed, so they keep who set them", () => {
    expect(
      withoutUnchangedSettings(
        { name: "Acme", industry: "Retail", tier: "Enterprise", coverage: "one_to_one", ownerId: "u1" },
        account,
      ),
    ).toEqual({ name: "Acme", industry: "Retail" });
  });

  it("sends the ones changed or emptied (emptied gives them back to the rules), and everything for a new account", () => {
    expect(withoutUnchangedSettings({ tier: "SMB", coverage: null, ownerId: "u1" }, account)).toEqual({
      tier: "SMB",
      coverage: null,
    });
    expect(withoutUnchangedSettings({ tier: "SMB", ownerId: "u1" }, undefined)).toEqual({
      tier: "SMB",
      ownerId: "u1",
    });
  });
});
