import { describe, expect, it } from "vitest";
import { z } from "zod";
import { issueMessage, issuesOf, issuesSummary } from "./issues.ts";

/** The issues a schema reports for a value, with the plain-words messages. */
const issues = (schema: z.ZodType, value: unknown, prefix?: string) => {
  const r = schema.safeParse(value, { error: issueMessage });
  if (r.success) throw new Error("expected the value to be refused");
  return issuesOf(r.error, prefix);
};
const only = (schema: z.ZodType, value: unknown) => {
  const all = issues(z.object({ field: schema }), { field: value });
  expect(all).toHaveLength(1);
  const [issue] = all;
  if (!issue) throw new Error("expected one issue");
  return issue;
};

describe("plain-words messages for zod issues", () => {
  it.each([
    ["a missing value", z.string(), undefined, "invalid_type", "is required"],
    ["a null value", z.string(), null, "invalid_type", "is required"],
    ["an empty string where one character is needed", z.string().min(1), "", "too_small", "is required"],
    ["a short string", z.string().min(12), "short", "too_small", "must be at least 12 characters"],
    [
      "a long string",
      z.string().max(20000),
      "x".repeat(20001),
      "too_big",
      "can be at most 20,000 characters",
    ],
    ["a one-character limit", z.string().max(1), "xy", "too_big", "can be at most 1 character"],
    ["a small number", z.number().min(1), 0, "too_small", "must be at least 1"],
    ["a number at an exclusive minimum", z.number().positive(), 0, "too_small", "must be more than 0"],
    ["a big number", z.number().max(1_000_000), 2_000_000, "too_big", "can be at most 1,000,000"],
    ["a number at an exclusive maximum", z.number().lt(5), 5, "too_big", "must be less than 5"],
    ["a fraction for an integer", z.number().int(), 1.5, "invalid_type", "must be a whole number"],
    ["text for a number", z.number(), "12", "invalid_type", "must be a number"],
    ["text for a boolean", z.boolean(), "yes", "invalid_type", "must be true or false"],
    ["a long list", z.array(z.string()).max(3), ["a", "b", "c", "d"], "too_big", "can have at most 3 items"],
    ["an empty list", z.array(z.string()).min(1), [], "too_small", "needs at least one item"],
    ["a bad email", z.email(), "not-an-email", "invalid_format", "must be an email address"],
    ["a bad url", z.url(), "nope", "invalid_format", "must be a web address such as https://example.com"],
    ["a bad date", z.iso.date(), "2026-13-01", "invalid_format", "must be a date as YYYY-MM-DD"],
    ["a bad uuid", z.uuid(), "x", "invalid_format", "must be a UUID"],
    ["a value outside an enum", z.enum(["low", "high"]), "mid", "invalid_value", "must be one of: low, high"],
    ["a wrong literal", z.literal("yes"), "no", "invalid_value", "must be yes"],
    ["a number off its step", z.number().multipleOf(5), 7, "not_multiple_of", "must be a multiple of 5"],
  ])("%s", (_what, schema, value, code, message) => {
    expect(only(schema, value)).toEqual({ path: "field", code, message });
  });

  it("keeps a message written into the schema", () => {
    expect(only(z.uuid({ message: "must be an account id" }), "x").message).toBe("must be an account id");
    const refined = z.string().refine((s) => s !== "no", "must not be no");
    expect(only(refined, "no")).toEqual({ path: "field", code: "custom", message: "must not be no" });
  });

  it("names unknown fields at the level of the object", () => {
    expect(issues(z.strictObject({ name: z.string() }), { name: "a", workspaceId: "x" })).toEqual([
      { path: "", code: "unrecognized_keys", message: "Unknown field: workspaceId" },
    ]);
  });

  it("joins nested paths and puts the request part in front", () => {
    const schema = z.object({ options: z.array(z.string().max(2)) });
    expect(issues(schema, { options: ["ok", "long"] }, "query")).toEqual([
      { path: "query.options.1", code: "too_big", message: "can be at most 2 characters" },
    ]);
  });

  it("never shows zod's own wording", () => {
    const schema = z.object({ a: z.string().max(1), b: z.number().min(3), c: z.enum(["x"]), d: z.email() });
    for (const i of issues(schema, { a: "long", b: 1, c: "y", d: "z" })) {
      expect(i.message).not.toMatch(/Too (big|small)|expected|Invalid/);
    }
  });
});

describe("issuesSummary", () => {
  it("lists each issue after its path, and counts the ones left out", () => {
    const list = Array.from({ length: 7 }, (_, n) => ({
      path: `f${n}`,
      code: "too_big",
      message: "is too long",
    }));
    expect(issuesSummary(list.slice(0, 2))).toBe("f0 is too long; f1 is too long");
    expect(issuesSummary(list)).toMatch(/f4 is too long; and 2 more$/);
    expect(issuesSummary([{ path: "", code: "unrecognized_keys", message: "Unknown field: x" }])).toBe(
      "Unknown field: x",
    );
  });
});
