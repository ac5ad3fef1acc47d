import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "csv-parse/sync";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeWorkspace } from "../../../tests/factories/index.ts";
import { createTestDb } from "../../../tests/helpers/test-db.ts";
import type { ImportMapping, ImportReport } from "../../contract/imports.ts";
import type { Database } from "../../db/index.ts";
import type { Ctx } from "../context.ts";
import { getExperienceMetrics } from "../experience/index.ts";
import { previewImport, runImport } from "./index.ts";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
const TELCO = path.join(repoRoot, "tests/fixtures/telco/Telco-Customer-Churn.csv");
const TELCO_SHA256 = "16320c9c1ec72448db59aa0a26a0b95401046bef5d02fd3aeb906448e3055e91";
// Not redistributable with the project: read from the shared datasets beside the repository.
const RAVEN = path.resolve(repoRoot, "../shared/datasets/ravenstack");
const ravenPresent = fs.existsSync(path.join(RAVEN, "ravenstack_subscriptions.csv"));
if (!ravenPresent) console.warn(`RavenStack dataset not found at ${RAVEN}: its import tests are skipped.`);

let database: Database;

const newCtx = async (slug: string): Promise<Ctx> =>
  (await makeWorkspace(database.db, { slug, name: slug, withOwner: false, label: "dataset test" })).system;

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

  it("imports 2,000 support tickets with the committed mapping; unanswered scores are not zeros (CSAT 779 / 1,175)", async () => {
    const mappingOf = (name: string) =>
      JSON.parse(fs.readFileSync(path.join(repoRoot, "docs/examples", name), "utf8")) as ImportMapping;
    // The committed account and subscription mappings read the files they were written for.
    const accounts = await runImport(ctx, "accounts", {
      csv: read("ravenstack_accounts.csv"),
      mapping: mappingOf("ravenstack-accounts.mapping.json"),
    });
    expect(accounts).toMatchObject({ errorRows: 0, updatedRows: 500 });
    const subscriptions = await runImport(ctx, "subscriptions", {
      csv: read("ravenstack_subscriptions.csv"),
      mapping: mappingOf("ravenstack-subscriptions.mapping.json"),
    });
    expect(subscriptions).toMatchObject({ errorRows: 0, updatedRows: 5000 });

    const r = await timed("ravenstack tickets commit", () =>
      runImport(ctx, "tickets", {
        csv: read("ravenstack_support_tickets.csv"),
        mapping: mappingOf("ravenstack-tickets.mapping.json"),
        dryRun: false,
      }),
    );
    expect(r).toMatchObject({ status: "committed", totalRows: 2000, createdRows: 2000, errorRows: 0 });
    const stats = await one(
      ctx,
      sql`select count(*)::int as n, count(satisfaction)::int as answered,
        count(*) filter (where escalated)::int as escalated
      from tickets where workspace_id = ${ctx.workspaceId}`,
    );
    expect(stats).toEqual({ n: 2000, answered: 1175, escalated: 95 });
    const m = await getExperienceMetrics(ctx, {});
    expect(m.ticketCsat).toEqual({ score: 0.663, responses: 1175 });
  });

  // A dry run, a commit and a second commit of 25,000 rows: more than the default 30 s on a busy machine.
  it("imports 25,000 feature usage rows; repeated usage ids are listed and skipped, rollups sum up", {
    timeout: 180_000,
  }, async () => {
    const csv = read("ravenstack_feature_usage.csv");
    expect(createHash("sha256").update(csv).digest("hex")).toBe(
      "c081da2be8caf987d07f0f79ceb0619aba523d819529230ed6df77984fa21d4e",
    );
    // The expectations, computed from the file itself: the first row of each usage id counts.
    const records: Record<string, string>[] = parse(csv, { columns: true });
    const rowsById = new Map<string, number[]>();
    records.forEach((r, i) => {
      const id = r.usage_id as string;
      rowsById.set(id, [...(rowsById.get(id) ?? []), i + 1]);
    });
    const repeated = [...rowsById]
      .filter(([, rows]) => rows.length > 1)
      .map(([eventId, rows]) => ({ eventId, rows }))
      .sort((a, b) => (a.rows[0] ?? 0) - (b.rows[0] ?? 0));
    const firsts = records.filter((_, i) => rowsById.get(records[i]?.usage_id as string)?.[0] === i + 1);
    const accountOf = new Map(
      (parse(read("ravenstack_subscriptions.csv"), { columns: true }) as Record<string, string>[]).map(
        (s) => [s.subscription_id, s.account_id],
      ),
    );
    const byAccount = new Map<string, number>();
    for (const r of firsts) {
      const account = accountOf.get(r.subscription_id as string) as string;
      byAccount.set(account, (byAccount.get(account) ?? 0) + Number(r.usage_count));
    }
    const total = firsts.reduce((sum, r) => sum + Number(r.usage_count), 0);
    const skipped = records.length - firsts.length;
    // The dataset README's figures: 25,000 rows, 21 duplicate usage ids (each twice).
    expect([records.length, repeated.length, skipped, total]).toEqual([25_000, 21, 21, 250_322]);

    const { columns } = (await previewImport(ctx, "usage", csv)).suggestedMapping;
    expect(columns).toEqual({
      usage_id: "eventId",
      subscription_id: "subscriptionExternalId",
      usage_date: "timestamp",
      feature_name: "event",
      usage_count: "quantity",
      usage_duration_secs: "custom:usage_duration_secs",
      error_count: "custom:error_count",
      is_beta_feature: "custom:is_beta_feature",
    });
    const db = process.env.DATABASE_URL ? "PostgreSQL" : "PGlite";
    const request = { csv, fileName: "ravenstack_feature_usage.csv" };
    const dry = await timed(`ravenstack usage dry run on ${db}`, () => runImport(ctx, "usage", request));
    const expected = { errorRows: 0, createdRows: firsts.length, skippedRows: skipped };
    expect(dry).toMatchObject({ status: "validated", ...expected });
    expect(dry.duplicates).toEqual({ inFile: skipped, alreadyStored: 0, repeated, repeatedTruncated: false });
    const done = await timed(`ravenstack usage commit on ${db}`, () =>
      runImport(ctx, "usage", { ...request, dryRun: false }),
    );
    expect(done).toMatchObject({ status: "committed", totalRows: 25_000, ...expected });
    expect(done.duplicates?.repeated).toEqual(repeated);

    const stats = await one(
      ctx,
      sql`select (select count(*)::int from usage_events where workspace_id = ${ctx.workspaceId}) as events,
        (select sum(quantity)::int from usage_events where workspace_id = ${ctx.workspaceId}) as quantity,
        (select sum(events)::int from usage_account_event_days where workspace_id = ${ctx.workspaceId}) as rollup,
        (select count(*)::int from usage_account_event_days where workspace_id = ${ctx.workspaceId} and users <> 0) as with_users,
        (select count(distinct event)::int from usage_account_event_days where workspace_id = ${ctx.workspaceId}) as features,
        (select count(*)::int from usage_events where workspace_id = ${ctx.workspaceId}
           and properties->'is_beta_feature' = 'true'::jsonb) as beta`,
    );
    const beta = firsts.filter((r) => r.is_beta_feature === "True").length;
    expect(stats).toEqual({
      events: firsts.length,
      quantity: total,
      rollup: total,
      with_users: 0,
      features: 40,
      beta,
    });
    const perAccount = (await ctx.db.execute(
      sql`select a.external_id as account, sum(r.events)::int as events from usage_account_event_days r
          join accounts a on a.workspace_id = r.workspace_id and a.id = r.account_id
          where r.workspace_id = ${ctx.workspaceId} group by 1`,
    )) as unknown as { rows: { account: string; events: number }[] };
    expect(new Map(perAccount.rows.map((r) => [r.account, r.events]))).toEqual(byAccount);

    const again = await timed(`ravenstack usage re-import on ${db}`, () =>
      runImport(ctx, "usage", { ...request, dryRun: false }),
    );
    expect(again).toMatchObject({ status: "committed", createdRows: 0, skippedRows: 25_000 });
    expect(
      (
        await one(
          ctx,
          sql`select count(*)::int as n from usage_events where workspace_id = ${ctx.workspaceId}`,
        )
      ).n,
    ).toBe(firsts.length);
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
