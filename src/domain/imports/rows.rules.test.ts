import { describe, expect, it } from "vitest";
import type { ImportEntity, ImportMapping, ImportRowError } from "../../contract/imports.ts";
import type { CustomFieldDef } from "../../contract/workspace.ts";
import { parseCsv } from "./csv.rules.ts";
import { compilePlan, inferCustomType } from "./mapping.rules.ts";
import { flagDuplicates, type Lookups, resolveRows } from "./resolve.rules.ts";
import {
  type AccountRow,
  type AnyRow,
  type ContactRow,
  readRows,
  type SubscriptionRow,
} from "./rows.rules.ts";
import { suggestMapping } from "./targets.rules.ts";

function read(entity: ImportEntity, csv: string, mapping?: ImportMapping, defs: CustomFieldDef[] = []) {
  const file = parseCsv(csv);
  const plan = compilePlan(
    entity,
    file.headers,
    file.rows,
    mapping ?? suggestMapping(entity, file.headers),
    defs,
  );
  const errors: ImportRowError[] = [];
  const rows = readRows(plan, file.rows, file.headers.length, (e) => errors.push(e));
  return { plan, rows, errors };
}

const codes = (errors: ImportRowError[]) => errors.map((e) => [e.row, e.field, e.code]);

describe("compilePlan", () => {
  it("refuses unknown targets, naming them", () => {
    expect(() => read("accounts", "a,b\n1,2", { columns: { a: "nmae", b: "custom:9bad" } })).toThrow(
      expect.objectContaining({
        code: "VALIDATION_FAILED",
        message: expect.stringContaining('"nmae", "custom:9bad"'),
      }),
    );
    expect(() => read("accounts", "a\n1", { columns: { a: "name" }, defaults: { colour: "red" } })).toThrow(
      /"colour"/,
    );
  });

  it("refuses required targets that nothing fills, before reading rows", () => {
    expect(() =>
      read("subscriptions", "account,mrr\nA,1", { columns: { account: "accountExternalId", mrr: "mrr" } }),
    ).toThrow(
      expect.objectContaining({
        code: "VALIDATION_FAILED",
        message: expect.stringMatching(/product, startDate/),
      }),
    );
    expect(() => read("contacts", "email\na@b.co")).toThrow(/accountExternalId \(or accountId\)/);
    expect(() => read("accounts", "industry\nx")).toThrow(/name \(or externalId\)/);
  });

  it("refuses two columns on one target and bad defaults", () => {
    expect(() => read("accounts", "a,b\n1,2", { columns: { a: "name", b: "name" } })).toThrow(
      /both map to name/,
    );
    expect(() =>
      read("subscriptions", "a\n1", {
        columns: { a: "accountExternalId" },
        defaults: { product: "x", mrr: "1", startDate: "01/02/2024" },
      }),
    ).toThrow(/default for startDate must be a date/);
  });

  it("warns about columns the mapping leaves out or names but the file lacks", () => {
    const { plan } = read("accounts", "id_,name,extra\n1,A,x", {
      columns: { name: "name", gone: "industry" },
    });
    expect(plan.warnings.join(" ")).toMatch(/"gone", which is not in the file/);
    expect(plan.warnings.join(" ")).toMatch(/ignored: "id_", "extra"/);
  });

  it("infers custom field types from all values and uses existing definitions", () => {
    expect(inferCustomType(["Yes", "no", "1"])).toBe("boolean");
    expect(inferCustomType(["1", "2.5", "3"])).toBe("number");
    expect(inferCustomType(["2024-01-01", "2024-02-01T00:00:00Z"])).toBe("date");
    expect(inferCustomType(["1", "x"])).toBe("text");
    expect(inferCustomType([])).toBe("text");
    const defs: CustomFieldDef[] = [
      { entity: "account", key: "size", label: "Size", type: "select", options: ["Small", "Large"] },
    ];
    const { plan, rows, errors } = read("accounts", "name,size,flag\nA,small,Y\nB,huge,N", undefined, defs);
    expect(plan.custom.map((c) => [c.key, c.def.type, c.isNew])).toEqual([
      ["size", "select", false],
      ["flag", "boolean", true],
    ]);
    expect((rows[0] as AccountRow).input.customFields).toEqual({ size: "Small", flag: true });
    expect(codes(errors)).toEqual([[2, "custom:size", "invalid_option"]]);
  });
});

describe("readRows", () => {
  const subsHeader = "id,account,product,mrr,arr,seats,start,end,status,billing,auto,custom:note\n";
  const subsMapping: ImportMapping = {
    columns: {
      id: "externalId",
      account: "accountExternalId",
      product: "product",
      mrr: "mrr",
      arr: "arr",
      seats: "seats",
      start: "startDate",
      end: "endDate",
      status: "status",
      billing: "billingPeriod",
      auto: "autoRenew",
      "custom:note": "custom:note",
    },
    defaults: { product: "Core", currency: "usd" },
    values: { status: { Churned: "canceled", Yes: "canceled", No: "active" } },
  };

  it("reports every problem with its row, column and field", () => {
    const csv =
      subsHeader +
      "S1,A1,,29.85,,4.0,2024-01-01,,Yes,Monthly,True,hi\n" + // fine: product from defaults, 4.0 seats
      "S2,A1,Pro,10,,4.5,2024-01-01,,Gold,monthly,False,\n" + // 4.5 seats, bad enum
      "S3,A1,Pro,,,1, ,,active,annual,maybe,\n" + // missing start and mrr, bad boolean
      "S4,A1,Pro,1.999,,,2024-05-01,2024-04-01,,,,\n"; // 3 decimals, end before start
    const { rows, errors } = read("subscriptions", csv, subsMapping);
    expect(rows.map((r) => r !== null)).toEqual([true, false, false, false]);
    expect(codes(errors)).toEqual([
      [2, "seats", "invalid_integer"],
      [2, "status", "invalid_enum"],
      [3, "autoRenew", "invalid_boolean"],
      [3, "startDate", "required"],
      [3, "mrr", "required"],
      [4, "mrr", "invalid_money"],
      [4, "endDate", "end_before_start"],
    ]);
    expect(errors[0]).toMatchObject({
      column: "seats",
      value: "4.5",
      message: "seats must be a whole number",
    });
    expect(errors[1]?.message).toBe("status must be one of: trial, active, canceled, expired");
    const ok = rows[0] as SubscriptionRow;
    expect(ok.input).toMatchObject({
      product: "Core",
      mrrMinor: 2985,
      seats: 4,
      status: "canceled",
      billingPeriod: "monthly",
      autoRenew: true,
      currency: "USD",
    });
    expect(ok.input.customFields).toEqual({ note: "hi" });
  });

  it("takes MRR from ARR / 12 and leaves an empty status to the entity's rule", () => {
    const csv = `${subsHeader}S1,A1,,,1200,,2024-01-01,2025-01-31,,,false,\nS2,A1,,,100,,2024-01-01,2025-01-31,,,,\nS3,A1,,5,,,2024-01-01,2099-01-01,,,,\n`;
    const rows = read("subscriptions", csv, subsMapping).rows as SubscriptionRow[];
    // The status column is empty: the subscriptions' own rule decides (see import-parity.int.test.ts).
    expect(rows.map((r) => [r.input.mrrMinor, r.input.status])).toEqual([
      [10000, undefined],
      [833, undefined],
      [500, undefined],
    ]);
  });

  it("splits a contact's full name and applies the contract's rules", () => {
    const csv =
      "account_id,name,email,influence,role\nA,Ada King Lovelace,ada@example.com,5,Decision Maker\nA,,not-an-email,6,\nA,,,,\n";
    const { rows, errors } = read("contacts", csv);
    expect((rows[0] as ContactRow).input).toMatchObject({
      firstName: "Ada",
      lastName: "King Lovelace",
      decisionRole: "decision_maker",
      influence: 5,
    } satisfies ContactRow["input"]);
    expect(codes(errors)).toEqual([
      [2, "email", "invalid_email"],
      [2, "influence", "out_of_range"],
      [3, "firstName", "required"],
    ]);
  });

  it("refuses a full name whose parts do not fit, rather than cutting them", () => {
    const long = "x".repeat(101);
    const { rows, errors } = read("contacts", `account_id,name\nA,Ada ${long}\nA,${long} King\n`);
    expect(rows).toEqual([null, null]);
    expect(codes(errors)).toEqual([
      [1, "name", "too_long"],
      [2, "name", "too_long"],
    ]);
  });

  it("treats blank and single-space cells as empty and reports ragged rows", () => {
    const { rows, errors } = read("accounts", "customerID,TotalCharges\nC1, \nC2,12.5\nC3,1,extra\n");
    expect(rows.slice(0, 2).map((r) => (r as AccountRow).input.customFields)).toEqual([
      { total_charges: null },
      { total_charges: 12.5 },
    ]);
    expect((rows[0] as AccountRow).input.name).toBeUndefined();
    expect(codes(errors)).toEqual([[3, null, "column_count"]]);
  });
});

describe("resolveRows", () => {
  const lookups = (over: Partial<Lookups> = {}): Lookups => ({
    accountsByExternalId: new Map(),
    accountIds: new Set(),
    ownersByEmail: new Map(),
    existingByExternalId: new Map(),
    existingIds: new Set(),
    ...over,
  });
  let n = 0;
  const opts = { newId: () => `new-${++n}`, has: () => true, columnOf: (f: string) => f };

  it("flags repeated external ids on the later rows", () => {
    const { rows } = read("accounts", "id,name\nA,x\nB,y\nA,z\n", {
      columns: { id: "externalId", name: "name" },
    });
    const errors: ImportRowError[] = [];
    const dup = flagDuplicates(
      rows as AnyRow[],
      (e) => errors.push(e),
      (f) => f,
    );
    expect([...dup]).toEqual([3]);
    expect(errors[0]).toMatchObject({
      row: 3,
      code: "duplicate_external_id",
      message: expect.stringContaining("first on row 1"),
    });
  });

  it("resolves parents in the file or the workspace and owners; loops are left to the accounts' check", () => {
    const csv = "id,parent,owner\nA,,\nB,A,ann@x.io\nC,P,\nD,nope,\nE,E,\nF,,bob@x.io\nG,Q,\n";
    const { rows } = read("accounts", csv, {
      columns: { id: "externalId", parent: "parentExternalId", owner: "ownerEmail" },
    });
    const errors: ImportRowError[] = [];
    const res = resolveRows(
      "accounts",
      rows as AnyRow[],
      lookups({
        accountsByExternalId: new Map([
          ["P", "p-id"],
          ["Q", "q-id"],
          ["G", "g-id"],
        ]),
        existingByExternalId: new Map([["G", "g-id"]]),
        ownersByEmail: new Map([["ann@x.io", "u-ann"]]),
      }),
      (e) => errors.push(e),
      opts,
    );
    expect(codes(errors)).toEqual([
      [4, "parentExternalId", "unknown_parent"],
      [6, "ownerEmail", "unknown_owner"],
    ]);
    const byExt = new Map(res.rows.map((r) => [r.externalId, r]));
    expect(byExt.get("B")?.input).toMatchObject({ parentId: byExt.get("A")?.id, ownerId: "u-ann" });
    expect(byExt.get("B")?.id).toMatch(/^new-/);
    expect(byExt.get("C")?.input).toMatchObject({ parentId: "p-id" });
    // E under itself reaches the accounts' own check with its parent resolved.
    expect(byExt.get("E")?.input).toMatchObject({ parentId: byExt.get("E")?.id });
    expect(byExt.get("G")).toMatchObject({ id: "g-id", input: { parentId: "q-id" } });
  });

  it("resolves accounts of contacts and subscriptions and reports unknown ones", () => {
    const csv = "account,email,id\nA1,a@x.io,\nZZ,b@x.io,\n,c@x.io,\n";
    const { rows } = read("contacts", csv, {
      columns: { account: "accountExternalId", email: "email", id: "id" },
    });
    expect(rows[2]).toBeNull();
    const errors: ImportRowError[] = [];
    const res = resolveRows(
      "contacts",
      rows.filter((r): r is AnyRow => r !== null),
      lookups({ accountsByExternalId: new Map([["A1", "acc-1"]]) }),
      (e) => errors.push(e),
      opts,
    );
    expect(res.rows.map((r) => ("accountId" in r.input ? r.input.accountId : null))).toEqual(["acc-1"]);
    expect(errors).toEqual([
      expect.objectContaining({
        row: 2,
        field: "accountExternalId",
        value: "ZZ",
        code: "unknown_account",
        column: "accountExternalId",
      }),
    ]);
  });
});
