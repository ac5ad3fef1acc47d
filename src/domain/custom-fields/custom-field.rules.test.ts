import { describe, expect, it } from "vitest";
import { AppError } from "../../common/errors.ts";
import type { CustomFieldDef } from "../../contract/workspace.ts";
import {
  changedCustomFields,
  fromStored,
  mayDefineCustomFields,
  numberProblem,
  storedOptions,
  validateCustomFields,
} from "./custom-field.rules.ts";

const def = (key: string, type: CustomFieldDef["type"], options: string[] | null = null): CustomFieldDef => ({
  entity: "account",
  key,
  label: key,
  type,
  options,
});

const DEFS = [
  def("notes", "text"),
  def("seats", "number"),
  def("strategic", "boolean"),
  def("goLive", "date"),
  def("segment", "select", ["smb", "enterprise"]),
];

type Value = string | number | boolean | null;

const issuesFor = (values: Record<string, Value>, defs = DEFS) => {
  try {
    validateCustomFields(defs, values);
    return [];
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    expect(e.code).toBe("VALIDATION_FAILED");
    return (e.details as { issues: { path: string; message: string }[] }).issues;
  }
};

describe("validateCustomFields", () => {
  it("accepts values that fit their definitions, and null for any field", () => {
    expect(
      issuesFor({ notes: "hi", seats: 12.5, strategic: false, goLive: "2026-04-01", segment: "smb" }),
    ).toEqual([]);
    expect(issuesFor({ notes: null, seats: null, strategic: null, goLive: null, segment: null })).toEqual([]);
    expect(issuesFor({})).toEqual([]);
  });

  it.each([
    ["text", { notes: 5 }, "must be text"],
    ["number given as text", { seats: "12" }, "must be a number"],
    ["number infinite", { seats: Number.POSITIVE_INFINITY }, "must be a number"],
    ["number NaN", { seats: Number.NaN }, "must be a number"],
    ["boolean given as text", { strategic: "true" }, "must be true or false"],
    ["boolean given as 1", { strategic: 1 }, "must be true or false"],
    ["date in another format", { goLive: "01/04/2026" }, "must be a date as YYYY-MM-DD"],
    ["date given as a number", { goLive: 20260401 }, "must be a date as YYYY-MM-DD"],
    ["select outside its options", { segment: "mid-market" }, "must be one of: smb, enterprise"],
    ["select with different case", { segment: "SMB" }, "must be one of: smb, enterprise"],
  ] as [string, Record<string, Value>, string][])("refuses %s", (_label, values, message) => {
    const [key] = Object.keys(values);
    expect(issuesFor(values)).toEqual([{ path: `customFields.${key}`, message }]);
  });

  it("refuses keys with no definition, pointing to where to define them", () => {
    const issues = issuesFor({ favourite: "blue" });
    expect(issues).toHaveLength(1);
    expect(issues[0]?.path).toBe("customFields.favourite");
    expect(issues[0]?.message).toMatch(/not a defined custom field/);
    expect(issuesFor({ seats: 1 }, [])).toHaveLength(1);
  });

  it("reports every bad value at once, naming each in the message", () => {
    try {
      validateCustomFields(DEFS, { seats: "x", favourite: 1, notes: "fine" });
      throw new Error("expected a validation error");
    } catch (e) {
      expect(e).toBeInstanceOf(AppError);
      const err = e as AppError;
      expect((err.details as { issues: { path: string }[] }).issues.map((i) => i.path)).toEqual([
        "customFields.seats",
        "customFields.favourite",
      ]);
      expect(err.message).toContain("customFields.seats");
      expect(err.message).toContain("customFields.favourite");
    }
  });

  it("does not let an inherited property pass as a definition", () => {
    expect(issuesFor({ constructor: "x", toString: "y" })).toHaveLength(2);
  });
});

describe("changedCustomFields", () => {
  it("keeps every value on create", () => {
    expect(changedCustomFields({ a: 1, b: null })).toEqual({ a: 1, b: null });
  });

  it("keeps on update only the values that differ from the stored ones, new keys included", () => {
    const stored = { legacy: "kept", seats: 3, flag: true, gone: null };
    expect(
      changedCustomFields({ legacy: "kept", seats: 4, flag: true, gone: null, added: "x" }, stored),
    ).toEqual({
      seats: 4,
      added: "x",
    });
    expect(changedCustomFields({ seats: "3" }, stored)).toEqual({ seats: "3" });
    expect(changedCustomFields({ gone: "now" }, stored)).toEqual({ gone: "now" });
    expect(changedCustomFields({ toString: "x" }, {})).toEqual({ toString: "x" });
  });
});

describe("mayDefineCustomFields", () => {
  it("lets admins, owners, admin keys and the system define fields, nobody else", () => {
    const roles = (["owner", "admin", "leader", "manager", "member", "viewer"] as const).filter((role) =>
      mayDefineCustomFields({ kind: "user", userId: "u", role }),
    );
    expect(roles).toEqual(["owner", "admin"]);
    const key = (role: "admin" | "manager", scopes: ("read" | "write" | "ingest" | "admin")[]) =>
      mayDefineCustomFields({ kind: "apiKey", apiKeyId: "k", userId: "u", role, scopes });
    expect(key("admin", ["write", "admin"])).toBe(true);
    expect(key("admin", ["read", "write", "ingest"])).toBe(false);
    // A key acts for its person: an admin key whose person is now a manager may not.
    expect(key("manager", ["admin"])).toBe(false);
    expect(mayDefineCustomFields({ kind: "system", label: "cli" })).toBe(true);
  });
});

describe("number bounds", () => {
  const nps: CustomFieldDef = { ...def("nps", "number"), min: -100, max: 100, integer: true };
  const answer: CustomFieldDef = { ...def("nps_last", "number"), min: 0, max: 10, integer: true };
  const employees: CustomFieldDef = { ...def("employees", "number"), min: 0, integer: true };

  it("refuses values outside the field's range, and fractions where whole numbers are meant", () => {
    expect(numberProblem(nps, 999)).toBe("must be a whole number from −100 to 100");
    expect(numberProblem(nps, -100)).toBeNull();
    expect(numberProblem(answer, 11)).toBe("must be a whole number from 0 to 10");
    expect(numberProblem(employees, -5)).toBe("must be a whole number 0 or more");
    expect(numberProblem(employees, 2.5)).toBe("must be a whole number 0 or more");
    expect(numberProblem({ max: 1 }, 1.5)).toBe("must be a number 1 or less");
    expect(numberProblem({}, -1e9)).toBeNull();
  });

  it("names the field in the validation error", () => {
    expect(() => validateCustomFields([nps, employees], { nps: 999, employees: -5 })).toThrow(
      expect.objectContaining({
        code: "VALIDATION_FAILED",
        details: {
          issues: [
            { path: "customFields.nps", message: "must be a whole number from −100 to 100" },
            { path: "customFields.employees", message: "must be a whole number 0 or more" },
          ],
        },
      }),
    );
  });

  it("stores bounds in the options column and reads them back", () => {
    expect(storedOptions(nps)).toEqual(["min:-100", "max:100", "integer"]);
    expect(fromStored({ ...nps, options: storedOptions(nps) })).toEqual({ ...nps, options: null });
    expect(storedOptions(def("plain", "number"))).toBeNull();
    expect(fromStored(def("plain", "number"))).toEqual(def("plain", "number"));
    const select = def("tier", "select", ["min:1"]);
    expect(fromStored(select)).toEqual(select);
    expect(storedOptions(select)).toEqual(["min:1"]);
  });
});
