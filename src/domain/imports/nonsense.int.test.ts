import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeWorkspace } from "../../../tests/factories/index.ts";
import { createTestDb } from "../../../tests/helpers/test-db.ts";
import type { ImportReport } from "../../contract/imports.ts";
import type { Database } from "../../db/index.ts";
import { createAccount } from "../accounts/index.ts";
import type { Ctx } from "../context.ts";
import { createCustomField } from "../custom-fields/index.ts";
import { runImport } from "./index.ts";

/** Values a new user typed by mistake: refused row by row in the dry run, and nothing committed. */
let database: Database;
let ctx: Ctx;

const count = async (table: string): Promise<number> => {
  const r = await ctx.db.execute(
    sql`select count(*)::int as n from ${sql.raw(table)} where workspace_id = ${ctx.workspaceId}`,
  );
  return (r as unknown as { rows: { n: number }[] }).rows[0]?.n ?? -1;
};
const problems = (r: ImportReport) => r.errors.map((e) => [e.row, e.field, e.code]);

beforeAll(async () => {
  database = await createTestDb();
  ctx = (await makeWorkspace(database.db, { slug: "nonsense", name: "Nonsense", withOwner: false })).system;
  await createCustomField(ctx, {
    entity: "account",
    key: "nps",
    label: "NPS",
    type: "number",
    min: -100,
    max: 100,
    integer: true,
  });
  await createCustomField(ctx, {
    entity: "account",
    key: "employees",
    label: "Employees",
    type: "number",
    min: 0,
    integer: true,
  });
  await createAccount(ctx, { name: "Acme", externalId: "A1" });
});

afterAll(async () => {
  await database?.close();
});

describe("accounts", () => {
  const csv = [
    "externalId,name,domain,custom:nps,custom:employees",
    "N1,Good,sub.acme.co.uk,-40,250",
    "N2,Bad domain,not a domain!!,10,5",
    "N3,URL,https://acme.com/,10,5",
    "N4,NPS,acme.com,999,5",
    "N5,Employees,acme.com,10,-5",
  ].join("\n");

  it("reports each problem on its row and field in the dry run", async () => {
    const dry = await runImport(ctx, "accounts", { csv });
    expect(problems(dry)).toEqual([
      [2, "domain", "invalid_domain"],
      [3, "domain", "invalid_domain"],
      [4, "custom:nps", "out_of_range"],
      [5, "custom:employees", "out_of_range"],
    ]);
    const messages = dry.errors.map((e) => e.message);
    expect(messages[1]).toBe("domain must be a domain without https:// or a path, such as acme.com");
    expect(messages[2]).toBe("custom:nps must be a whole number from −100 to 100");
    expect(messages[3]).toBe("custom:employees must be a whole number 0 or more");
  });

  it("stores nothing on commit", async () => {
    const before = await count("accounts");
    const r = await runImport(ctx, "accounts", { csv, dryRun: false });
    expect(r).toMatchObject({ status: "rejected", errorRows: 4, createdRows: 0 });
    expect(await count("accounts")).toBe(before);
  });
});

describe("subscriptions", () => {
  const csv = [
    "externalId,accountExternalId,product,mrr,currency,startDate,renewalDate",
    "S1,A1,Core,100,usd,2026-01-01,2027-01-01",
    "S2,A1,Core,100,XYZ1,2026-01-01,",
    "S3,A1,Core,100,XYZ,2026-01-01,",
    "S4,A1,Core,100,EUR,2026-01-01,2025-12-31",
    "S5,A1,Core,100,EUR,2026-01-01,1900-01-01",
    "S6,A1,Core,-500,EUR,2026-01-01,",
    "S7,A1,Core,100,EUR,2026-01-01,2301-01-01",
  ].join("\n");

  it("refuses unknown currencies, a renewal before the start, absurd years and negative MRR", async () => {
    const dry = await runImport(ctx, "subscriptions", { csv });
    expect(problems(dry)).toEqual([
      [2, "currency", "invalid_currency"],
      [3, "currency", "invalid_currency"],
      [4, "renewalDate", "renewal_before_start"],
      // Out of range, and so not compared with the start: the API answers the same.
      [5, "renewalDate", "date_out_of_range"],
      [6, "mrr", "invalid_money"],
      [7, "renewalDate", "date_out_of_range"],
    ]);
    expect(dry.errors[0]?.message).toBe(
      "currency must be a three-letter ISO currency code such as USD or EUR",
    );
    expect(dry.errors[2]?.message).toBe("renewalDate must not be before the start date (2026-01-01)");
    expect(dry.errors[4]?.message).toBe("mrr must not be negative");
  });

  it("stores nothing on commit; a lower-case code alone is read as the same currency", async () => {
    const r = await runImport(ctx, "subscriptions", { csv, dryRun: false });
    expect(r).toMatchObject({ status: "rejected", createdRows: 0 });
    expect(await count("subscriptions")).toBe(0);

    const ok = await runImport(ctx, "subscriptions", {
      csv: csv.split("\n").slice(0, 2).join("\n"),
      dryRun: false,
    });
    expect(ok).toMatchObject({ status: "committed", createdRows: 1 });
    const rows = await ctx.db.execute(sql`select currency from subscriptions where external_id = 'S1'`);
    expect((rows as unknown as { rows: { currency: string }[] }).rows[0]?.currency).toBe("USD");
  });
});
