import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "csv-parse/sync";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb } from "../../../tests/helpers/test-db.ts";
import type { ImportReport } from "../../contract/imports.ts";
import type { Database } from "../../db/index.ts";
import type { Ctx } from "../context.ts";
import { createWorkspace } from "../workspaces/index.ts";
import { previewImport, runImport } from "./index.ts";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
const TELCO = path.join(repoRoot, "tests/fixtures/telco/Telco-Customer-Churn.csv");
const TELCO_SHA256 = "16320c9c1ec72448db59aa0a26a0b95401046bef5d02fd3aeb906448e3055e91";
// Not redistributable with the project: read from the shared datasets beside the repository.
const RAVEN = path.resolve(repoRoot, "../shared/datasets/ravenstack");
const ravenPresent = fs.existsSync(path.join(RAVEN, "ravenstack_subscriptions.csv"));
if (!ravenPresent) console.warn(`RavenStack dataset not found at ${RAVEN}: its import tests are skipped.`);

let database: Database;

const newCtx = async (slug: string): Promise<Ctx> => {
  const ws = await createWorkspace(database.db, { slug, name: slug });
  return { db: database.db, workspaceId: ws.id, actor: { kind: "system", label: "dataset test" } };
};

const one = async (c: Ctx, q: ReturnType<typeof sql>): Promise<Record<string, unknown>> =>
  ((await c.db.execute(q)) as unknown as { rows: Record<string, unknown>[] }).rows[0] ?? {};

/** Runs an import and prints how long it took, for the performance bar. */
async function timed(label: string, run: () => Promise<ImportReport>): Promise<ImportReport> {
  const started = performance.now();
  const report = await run();
  console.log(
    `${label}: ${Math.round(performance.now() - started)} ms (${report.totalRows} rows, ${report.status})`,
  );
  return report;
}

beforeAll(async () => {
  database = await createTestDb();
});

afterAll(async () => {
  await database?.close();
});

describe("Telco customer churn (IBM sample, 7,043 customers)", () => {
  const csv = fs.readFileSync(TELCO, "utf8");
  const records: Record<string, string>[] = parse(csv, { columns: true });
  let ctx: Ctx;

  beforeAll(async () => {
    ctx = await newCtx("telco");
  });

  it("is the unmodified file", () => {
    expect(createHash("sha256").update(fs.readFileSync(TELCO)).digest("hex")).toBe(TELCO_SHA256);
    expect(records).toHaveLength(7043);
  });

  it("imports every customer as an account, coercing booleans and blank charges", async () => {
    const preview = await previewImport(ctx, "accounts", csv);
    expect(preview.suggestedMapping.columns.customerID).toBe("externalId");
    const request = { csv, fileName: "Telco-Customer-Churn.csv", mapping: preview.suggestedMapping };
    const dry = await timed("telco accounts dry run", () => runImport(ctx, "accounts", request));
    expect(dry).toMatchObject({ status: "validated", totalRows: 7043, errorRows: 0, createdRows: 7043 });
    const done = await timed("telco accounts commit", () =>
      runImport(ctx, "accounts", { ...request, dryRun: false }),
    );
    expect(done).toMatchObject({
      status: "committed",
      totalRows: 7043,
      errorRows: 0,
      createdRows: 7043,
      updatedRows: 0,
    });
    const types = Object.fromEntries(done.newCustomFields.map((f) => [f.key, f.type]));
    expect(types).toMatchObject({
      senior_citizen: "boolean",
      partner: "boolean",
      tenure: "number",
      monthly_charges: "number",
      total_charges: "number",
      churn: "boolean",
      multiple_lines: "text",
      contract: "text",
    });
    const stats = await one(
      ctx,
      sql`select count(*)::int as accounts,
        count(*) filter (where custom_fields->'total_charges' = 'null'::jsonb)::int as blank_totals,
        count(*) filter (where custom_fields->'senior_citizen' = 'true'::jsonb)::int as seniors,
        count(*) filter (where custom_fields->'churn' = 'true'::jsonb)::int as churned,
        count(*) filter (where name = external_id)::int as named_by_id
      from accounts where workspace_id = ${ctx.workspaceId}`,
    );
    expect(stats).toEqual({
      accounts: 7043,
      blank_totals: 11,
      seniors: 1142,
      churned: 1869,
      named_by_id: 7043,
    });
  });

  it("imports one subscription per customer, with status from Churn and MRR from MonthlyCharges", async () => {
    const preview = await previewImport(ctx, "subscriptions", csv);
    const mapping = {
      columns: { ...preview.suggestedMapping.columns, Churn: "status" },
      defaults: { product: "Telco service", startDate: "2020-01-01" },
      values: { status: { Yes: "canceled", No: "active" } },
    };
    expect(mapping.columns).toMatchObject({ customerID: "accountExternalId", MonthlyCharges: "mrr" });
    const request = { csv, fileName: "Telco-Customer-Churn.csv", mapping };
    const dry = await timed("telco subscriptions dry run", () => runImport(ctx, "subscriptions", request));
    expect(dry).toMatchObject({ status: "validated", errorRows: 0, createdRows: 7043 });
    const done = await timed("telco subscriptions commit", () =>
      runImport(ctx, "subscriptions", { ...request, dryRun: false }),
    );
    expect(done).toMatchObject({ status: "committed", errorRows: 0, createdRows: 7043 });

    const activeCents = records
      .filter((r) => r.Churn === "No")
      .reduce((sum, r) => sum + Math.round(Number(r.MonthlyCharges) * 100), 0);
    expect(activeCents).toBe(31_698_575);
    const subs = await one(
      ctx,
      sql`select count(*)::int as subscriptions,
        count(*) filter (where status = 'canceled')::int as canceled,
        (sum(mrr_minor) filter (where status = 'active'))::bigint::text as active_mrr
      from subscriptions where workspace_id = ${ctx.workspaceId}`,
    );
    expect(subs).toEqual({ subscriptions: 7043, canceled: 1869, active_mrr: String(activeCents) });
    // The accounts' denormalized MRR follows their active subscriptions.
    const accounts = await one(
      ctx,
      sql`select sum(mrr_minor)::bigint::text as mrr from accounts where workspace_id = ${ctx.workspaceId}`,
    );
    expect(accounts.mrr).toBe(String(activeCents));
    const timeline = await one(
      ctx,
      sql`select count(*)::int as n from timeline_entries where workspace_id = ${ctx.workspaceId} and kind = 'import'`,
    );
    expect(timeline.n).toBe(7043 * 2);
  });
});

describe.skipIf(!ravenPresent)("RavenStack synthetic SaaS (CRLF, True/False)", () => {
  let ctx: Ctx;
  const read = (name: string) => fs.readFileSync(path.join(RAVEN, name), "utf8");

  beforeAll(async () => {
    ctx = await newCtx("ravenstack");
  });

  it("imports 500 accounts with the suggested mapping", async () => {
    const r = await timed("ravenstack accounts commit", () =>
      runImport(ctx, "accounts", { csv: read("ravenstack_accounts.csv"), dryRun: false }),
    );
    expect(r).toMatchObject({ status: "committed", totalRows: 500, createdRows: 500, errorRows: 0 });
    const stats = await one(
      ctx,
      sql`select count(*)::int as n,
        count(*) filter (where custom_fields->'churn_flag' = 'true'::jsonb)::int as churned,
        count(*) filter (where custom_fields->'is_trial' = 'true'::jsonb)::int as trials,
        count(*) filter (where tier is not null and name like 'Company_%')::int as named
      from accounts where workspace_id = ${ctx.workspaceId}`,
    );
    expect(stats).toEqual({ n: 500, churned: 110, trials: 97, named: 500 });
  });

  it("imports 5,000 subscriptions; December 2024 MRR matches the published $10,734,251", async () => {
    const csv = read("ravenstack_subscriptions.csv");
    const { columns } = (await previewImport(ctx, "subscriptions", csv)).suggestedMapping;
    const request = { csv, mapping: { columns, defaults: { product: "RavenStack" } } };
    const dry = await timed("ravenstack subscriptions dry run", () =>
      runImport(ctx, "subscriptions", request),
    );
    expect(dry).toMatchObject({ status: "validated", errorRows: 0, createdRows: 5000 });
    const r = await timed("ravenstack subscriptions commit", () =>
      runImport(ctx, "subscriptions", { ...request, dryRun: false }),
    );
    expect(r).toMatchObject({ status: "committed", totalRows: 5000, createdRows: 5000, errorRows: 0 });
    expect(r.warnings.join(" ")).toMatch(/ARR is used only where the MRR cell is empty/);
    const stats = await one(
      ctx,
      sql`select count(*)::int as n,
        count(*) filter (where status in ('canceled', 'expired'))::int as ended,
        (sum(mrr_minor) filter (where start_date <= '2024-12-31' and (end_date is null or end_date >= '2024-12-01')))::bigint::text as dec_mrr
      from subscriptions where workspace_id = ${ctx.workspaceId}`,
    );
    expect(stats).toEqual({ n: 5000, ended: 486, dec_mrr: String(10_734_251 * 100) });
  });

  it("reports the rows of a damaged copy instead of importing it", async () => {
    const lines = read("ravenstack_subscriptions.csv").split("\r\n");
    const damage = (row: number, col: number, value: string) => {
      const cells = (lines[row] ?? "").split(",");
      cells[col] = value;
      lines[row] = cells.join(",");
    };
    damage(10, 2, "2024-13-01"); // start_date
    damage(20, 1, "A-missing"); // account_id
    damage(30, 5, "4.5"); // seats
    damage(40, 0, lines[39]?.split(",")[0] ?? ""); // repeats the previous subscription_id
    const before = await one(
      ctx,
      sql`select count(*)::int as n from subscriptions where workspace_id = ${ctx.workspaceId}`,
    );
    const r = await runImport(ctx, "subscriptions", {
      csv: lines.join("\r\n"),
      dryRun: false,
      mapping: {
        columns: {
          subscription_id: "externalId",
          account_id: "accountExternalId",
          start_date: "startDate",
          seats: "seats",
          mrr_amount: "mrr",
        },
        defaults: { product: "RavenStack" },
      },
    });
    expect(r.status).toBe("rejected");
    expect(r.errors.map((e) => [e.row, e.column, e.code])).toEqual([
      [10, "start_date", "invalid_date"],
      [20, "account_id", "unknown_account"],
      [30, "seats", "invalid_integer"],
      [40, "subscription_id", "duplicate_external_id"],
    ]);
    const after = await one(
      ctx,
      sql`select count(*)::int as n from subscriptions where workspace_id = ${ctx.workspaceId}`,
    );
    expect(after.n).toBe(before.n);
  });
});
