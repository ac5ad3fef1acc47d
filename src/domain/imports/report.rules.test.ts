import { describe, expect, it } from "vitest";
import type { ImportRowError } from "../../contract/imports.ts";
import { buildReport, keyWarnings, summarizeErrors, undefinedCustomFieldErrors } from "./report.rules.ts";

const err = (row: number, field = "x"): ImportRowError => ({
  row,
  column: field,
  field,
  value: "v",
  code: "bad",
  message: "bad",
});

describe("summarizeErrors", () => {
  it("lists the first 1,000 problems by row and counts every row", () => {
    const all = [...Array.from({ length: 1200 }, (_, i) => err(1200 - i)), err(5, "y")];
    const s = summarizeErrors(all);
    expect(s.errors).toHaveLength(1000);
    expect(s.errors.slice(0, 6).map((e) => [e.row, e.field])).toEqual([
      [1, "x"],
      [2, "x"],
      [3, "x"],
      [4, "x"],
      [5, "x"],
      [5, "y"],
    ]);
    expect(s).toMatchObject({ errorRows: 1200, errorsTruncated: true, totalErrors: 1201 });
  });
});

describe("buildReport", () => {
  const base = {
    id: "01890000-0000-7000-8000-000000000000",
    entity: "accounts" as const,
    fileName: "a.csv",
    totalRows: 3,
    created: 2,
    updated: 1,
    warnings: [],
    newCustomFields: [{ key: "k", type: "text" }],
    createdAt: new Date("2025-01-02T03:04:05Z"),
  };

  it("answers validated for dry runs, committed or rejected for commits", () => {
    const clean = summarizeErrors([]);
    const dirty = summarizeErrors([err(2)]);
    expect(buildReport({ ...base, dryRun: true, summary: dirty })).toMatchObject({
      status: "validated",
      createdRows: 2,
      errorRows: 1,
    });
    expect(buildReport({ ...base, dryRun: false, summary: clean })).toMatchObject({
      status: "committed",
      createdRows: 2,
      updatedRows: 1,
    });
    const rejected = buildReport({ ...base, dryRun: false, summary: dirty });
    expect(rejected).toMatchObject({
      status: "rejected",
      createdRows: 0,
      updatedRows: 0,
      newCustomFields: [],
    });
    expect(rejected.warnings.at(-1)).toMatch(/Nothing was imported/);
    expect(rejected.createdAt).toBe("2025-01-02T03:04:05.000Z");
  });

  it("warns about rows that a second import would create again", () => {
    expect(keyWarnings("subscriptions", 7043, 0)).toEqual([
      expect.stringContaining("7,043 rows have no externalId"),
    ]);
    expect(keyWarnings("accounts", 0, 2)[0]).toMatch(/2 rows have an id that is not in this workspace/);
  });
});

describe("undefinedCustomFieldErrors", () => {
  it("reports one header-level error per new field, which blocks a commit", () => {
    const errors = undefinedCustomFieldErrors([
      { key: "totalCharges", header: "TotalCharges" },
      { key: "source", header: null },
    ]);
    expect(errors).toEqual([
      {
        row: 0,
        column: "TotalCharges",
        field: "custom:totalCharges",
        value: null,
        code: "custom_field_not_defined",
        message:
          'custom field "totalCharges" is not defined; an admin can define it in Settings → Custom fields or run the import',
      },
      expect.objectContaining({ row: 0, column: null, field: "custom:source" }),
    ]);
    expect(summarizeErrors(errors).errorRows).toBe(1);
  });
});
