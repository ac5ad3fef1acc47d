import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeWorkspace } from "../../../tests/factories/index.ts";
import { createTestDb } from "../../../tests/helpers/test-db.ts";
import { type Database, queryRows } from "../../db/index.ts";
import { createAccount } from "../accounts/index.ts";
import type { Ctx } from "../context.ts";
import { createCustomField } from "../custom-fields/index.ts";
import { parseCsv } from "./csv.rules.ts";
import { exportCsvText, runImport } from "./index.ts";

/**
 * An export imports back to exactly what was stored: custom field keys that are also names on
 * every JavaScript object's prototype are ordinary keys, and the escaping that keeps spreadsheets
 * from running a cell as a formula is undone by the import, no more and no less.
 */
let database: Database;
let ctx: Ctx;

// Text that starts like a formula, text already starting with the escape character, and text
// that only looks like a number.
const TRICKY_TEXT = [
  "=1+1",
  "'=1+1",
  "''x",
  "'",
  "'hello",
  "-5",
  "+1",
  "@a",
  '=HYPERLINK("http://x","y")',
  "\t=1+1",
  "\r=1+1",
  "\uFF1D1+1",
  "plain",
  "it's",
];
const PROTOTYPE_KEYS = ["constructor", "valueOf", "toString", "hasOwnProperty"];

type Stored = { name: string; custom_fields: Record<string, unknown> };
// An empty cell clears the field: stored as null where the field was absent, the same value.
const withoutEmpty = (a: Stored | undefined) => ({
  name: a?.name,
  custom_fields: Object.fromEntries(Object.entries(a?.custom_fields ?? {}).filter(([, v]) => v !== null)),
});
const stored = () =>
  queryRows<Stored>(
    ctx.db,
    sql`select name, custom_fields from accounts where workspace_id = ${ctx.workspaceId} order by name`,
  );

beforeAll(async () => {
  database = await createTestDb();
  ctx = (await makeWorkspace(database.db, { slug: "roundtrip", name: "Round trip", withOwner: false }))
    .system;
  for (const key of [...PROTOTYPE_KEYS, "note"]) {
    await createCustomField(ctx, { entity: "account", key, label: key, type: "text" });
  }
  await createCustomField(ctx, { entity: "account", key: "score", label: "Score", type: "number" });

  // One account with the prototype-named fields set, one without them (where a plain lookup
  // finds Object.prototype's functions instead), and one per tricky value.
  await createAccount(ctx, {
    name: "Proto set",
    customFields: { constructor: "c", valueOf: "=v", toString: "-t", hasOwnProperty: "h" },
  });
  await createAccount(ctx, { name: "Proto unset", customFields: { score: -5 } });
  for (const [i, note] of TRICKY_TEXT.entries()) {
    await createAccount(ctx, {
      name: `Tricky ${String(i).padStart(2, "0")}`,
      customFields: { note, score: i % 2 ? -i - 0.5 : -i },
    });
  }
});
afterAll(async () => {
  await database?.close();
});

describe("account export and import round trip", () => {
  it("exports keys named like Object.prototype's members as plain columns", async () => {
    // `__proto__` no definition can have (keys start with a letter): found only on a row, as data
    // written some other way, it is exported as its own value too.
    await ctx.db.execute(
      sql`update accounts set custom_fields = custom_fields || '{"__proto__": "under"}'::jsonb
          where workspace_id = ${ctx.workspaceId} and name = 'Proto set'`,
    );
    try {
      const { headers, rows } = parseCsv(await exportCsvText(ctx, "accounts"));
      for (const key of [...PROTOTYPE_KEYS, "__proto__"]) expect(headers).toContain(`custom:${key}`);
      const row = (name: string) => rows.find((r) => r[headers.indexOf("name")] === name) ?? [];
      const cell = (name: string, key: string) => row(name)[headers.indexOf(`custom:${key}`)];
      expect(PROTOTYPE_KEYS.map((k) => cell("Proto set", k))).toEqual(["c", "'=v", "'-t", "h"]);
      expect(cell("Proto set", "__proto__")).toBe("under");
      expect([...PROTOTYPE_KEYS, "__proto__"].map((k) => cell("Proto unset", k))).toEqual([
        "",
        "",
        "",
        "",
        "",
      ]);
    } finally {
      await ctx.db.execute(
        sql`update accounts set custom_fields = custom_fields - '__proto__' where workspace_id = ${ctx.workspaceId}`,
      );
    }
  });

  it("neutralises every formula cell, and leaves numbers alone", async () => {
    const { headers, rows } = parseCsv(await exportCsvText(ctx, "accounts"));
    const score = headers.indexOf("custom:score");
    for (const row of rows) {
      for (const [i, cell] of row.entries()) {
        if (i !== score) expect(cell, row.join(",")).not.toMatch(/^[-=+@\t\r\uFF1D]/);
      }
    }
    const column = (name: string) => rows.map((r) => r[headers.indexOf(name)]);
    // Numbers, −5 included, stay numbers a spreadsheet can add up.
    expect(column("custom:score")).toEqual(expect.arrayContaining(["-5", "-3.5", "0"]));
    // Text that looks like a negative number is escaped like a formula; a leading ' is doubled.
    expect(column("custom:note")).toEqual(
      expect.arrayContaining(["'-5", "'=1+1", "''=1+1", "'''x", "''", "''hello", "it's", "plain"]),
    );
  });

  it("imports an export back to exactly the stored values, and exports the same file again", async () => {
    const before = await stored();
    const csv = await exportCsvText(ctx, "accounts");
    const report = await runImport(ctx, "accounts", { csv, dryRun: false });
    expect(report).toMatchObject({ status: "committed", errorRows: 0, createdRows: 0 });
    expect(report.updatedRows).toBe(before.length);
    const after = await stored();
    expect(after.map(withoutEmpty)).toEqual(before.map(withoutEmpty));
    const notes = after.filter((a) => a.name.startsWith("Tricky")).map((a) => a.custom_fields.note);
    expect(notes).toEqual(TRICKY_TEXT);
    expect(after.find((a) => a.name === "Proto set")?.custom_fields).toMatchObject({
      constructor: "c",
      valueOf: "=v",
      toString: "-t",
    });
    expect(withoutEmpty(after.find((a) => a.name === "Proto unset")).custom_fields).toEqual({ score: -5 });
    expect(await exportCsvText(ctx, "accounts")).toBe(csv);
  });
});
