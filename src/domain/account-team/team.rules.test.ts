import { describe, expect, it } from "vitest";
import { roleLabel, rolesByAccount } from "./team.rules.ts";

describe("roleLabel", () => {
  it("names known roles as people say them, and others by their words", () => {
    expect(roleLabel("csm")).toBe("CSM");
    expect(roleLabel("executive_sponsor")).toBe("executive sponsor");
    expect(roleLabel("solution_architect")).toBe("solution architect");
    expect(roleLabel("constructor")).toBe("constructor");
  });
});

describe("rolesByAccount", () => {
  it("groups a person's team rows per account, keeping the order", () => {
    const grouped = rolesByAccount([
      { accountId: "a", teamRole: "csm" },
      { accountId: "b", teamRole: "marketing" },
      { accountId: "a", teamRole: "executive_sponsor" },
    ]);
    expect([...grouped]).toEqual([
      ["a", ["csm", "executive_sponsor"]],
      ["b", ["marketing"]],
    ]);
  });
});
