import { describe, expect, it } from "vitest";
import { DECISION_ROLES } from "../../contract/contacts.ts";
import { contactName, isKeyPlayer } from "./contact.rules.ts";

describe("isKeyPlayer", () => {
  it("counts every decision role except plain user, whatever the influence", () => {
    for (const role of DECISION_ROLES) {
      expect(isKeyPlayer({ decisionRole: role, influence: null }), role).toBe(role !== "user");
      expect(isKeyPlayer({ decisionRole: role, influence: 1 }), role).toBe(role !== "user");
    }
  });

  it("counts influence 4 or 5 without a deciding role", () => {
    for (const decisionRole of [null, "user"]) {
      expect(isKeyPlayer({ decisionRole, influence: 5 })).toBe(true);
      expect(isKeyPlayer({ decisionRole, influence: 4 })).toBe(true);
      expect(isKeyPlayer({ decisionRole, influence: 3 })).toBe(false);
      expect(isKeyPlayer({ decisionRole, influence: null })).toBe(false);
    }
  });

  it("does not count an unknown role", () => {
    expect(isKeyPlayer({ decisionRole: "mascot", influence: null })).toBe(false);
  });
});

describe("contactName", () => {
  it("prefers the person's names, then the email", () => {
    expect(contactName({ firstName: "Ada", lastName: "Lovelace", email: "ada@x.test" })).toBe("Ada Lovelace");
    expect(contactName({ firstName: "Ada", lastName: null, email: "ada@x.test" })).toBe("Ada");
    expect(contactName({ firstName: null, lastName: "Lovelace", email: null })).toBe("Lovelace");
    expect(contactName({ firstName: "", lastName: null, email: "ada@x.test" })).toBe("ada@x.test");
    expect(contactName({ firstName: null, lastName: null, email: null })).toBe("(unnamed)");
  });
});
