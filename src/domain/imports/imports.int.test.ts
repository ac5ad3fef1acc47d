import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeWorkspace } from "../../../tests/factories/index.ts";
import { createTestDb } from "../../../tests/helpers/test-db.ts";
import { newId } from "../../common/ids.ts";
import { ZPage } from "../../contract/common.ts";
import { type ImportMapping, ZImportPreview, ZImportReport } from "../../contract/imports.ts";
import { type Database, schema } from "../../db/index.ts";
import type { Ctx } from "../context.ts";
import {
  exportCsvText,
  getImport,
  listImports,
  previewImport,
  runImport,
  saveImportMapping,
} from "./index.ts";

let database: Database;
let ctx: Ctx;

const newCtx = async (slug: string): Promise<Ctx> =>
  (await makeWorkspace(database.db, { slug, name: slug, withOwner: false })).system;

const count = async (table: string, c: Ctx = ctx): Promise<number> => {
  const r = await c.db.execute(
    sql`select count(*)::int as n from ${sql.raw(table)} where workspace_id = ${c.workspaceId}`,
  );
  return (r as unknown as { rows: { n: number }[] }).rows[0]?.n ?? -1;
};

const query = async <T extends Record<string, unknown>>(
  q: ReturnType<typeof sql>,
  c: Ctx = ctx,
): Promise<T[]> => ((await c.db.execute(q)) as unknown as { rows: T[] }).rows;

const ACCOUNTS = [
  "Account ID,Company,Industry,Parent,Owner,Stage,Plan Tier,NPS,Renewal Notes",
  "A1,Acme,Manufacturing,,ann@example.com,Adoption,Gold,9,",
  "A2,Beta Ltd,Retail,A1,,value,Silver,7,",
  'A3,"Gamma, Inc.",,A2,, ,Bronze, ,"call them\nin May"',
].join("\r\n");

const SUBS = [
  "subscription_id,account_id,product,mrr_amount,seats,start_date,end_date,status",
  "S1,A1,Core,100.50,10,2024-01-01,,active",
  'S2,A1,Add-on,"$1,000.00",4.0,2024-02-01,,Trial',
  "S3,A2,Core,20,2,2023-01-01,2023-12-31,",
].join("\n");

beforeAll(async () => {
  database = await createTestDb();
  ctx = await newCtx("imports-main");
  const userId = newId();
  await database.db.insert(schema.users).values({ id: userId, email: "Ann@Example.com", name: "Ann" });
  await database.db
    .insert(schema.memberships)
    .values({ workspaceId: ctx.workspaceId, userId, role: "manager", function: "customer_success" });
});

afterAll(async () => {
  await database?.close();
});

describe("previewImport", () => {
  it("reads headers and sample rows and suggests a mapping", async () => {
    const p = await previewImport(ctx, "accounts", ACCOUNTS);
    expect(p.headers).toEqual([
      "Account ID",
      "Company",
      "Industry",
      "Parent",
      "Owner",
      "Stage",
      "Plan Tier",
      "NPS",
      "Renewal Notes",
    ]);
    expect(p.rowCount).toBe(3);
    expect(p.sampleRows[2]).toEqual([
      "A3",
      "Gamma, Inc.",
      "",
      "A2",
      "",
      " ",
      "Bronze",
      " ",
      "call them\nin May",
    ]);
    expect(p.suggestedMapping.columns).toEqual({
      "Account ID": "externalId",
      Company: "name",
      Industry: "industry",
      Parent: "parentExternalId",
      Owner: "ownerEmail",
      Stage: "lifecycleStage",
      "Plan Tier": "tier",
      NPS: "custom:nps",
      "Renewal Notes": "custom:renewal_notes",
    });
    expect(p.targets.map((t) => t.field)).toContain("lifecycleStage");
    expect(() => ZImportPreview.parse(p)).not.toThrow();
  });

  it("refuses an unreadable file with BAD_REQUEST", async () => {
    await expect(previewImport(ctx, "accounts", 'a,b\n"1,2\n')).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
  });
});

describe("runImport: accounts", () => {
  it("dry-runs without writing, then commits parents, owners and new custom fields", async () => {
    const dry = await runImport(ctx, "accounts", { csv: ACCOUNTS, fileName: "accounts.csv" });
    expect(dry).toMatchObject({
      status: "validated",
      dryRun: true,
      totalRows: 3,
      createdRows: 3,
      updatedRows: 0,
      errorRows: 0,
    });
    expect(dry.newCustomFields).toEqual([
      { key: "nps", type: "number" },
      { key: "renewal_notes", type: "text" },
    ]);
    expect(await count("accounts")).toBe(0);
    expect(await count("custom_field_defs")).toBe(0);
    expect(() => ZImportReport.parse(dry)).not.toThrow();

    const done = await runImport(ctx, "accounts", { csv: ACCOUNTS, fileName: "accounts.csv", dryRun: false });
    expect(done).toMatchObject({ status: "committed", createdRows: 3, updatedRows: 0, errorRows: 0 });
    const rows = await query<{
      external_id: string;
      name: string;
      parent: string | null;
      owner: string | null;
      stage: string;
      cf: unknown;
    }>(sql`
      select a.external_id, a.name, p.external_id as parent, u.email as owner, a.lifecycle_stage as stage, a.custom_fields as cf
      from accounts a left join accounts p on p.id = a.parent_id left join users u on u.id = a.owner_id
      where a.workspace_id = ${ctx.workspaceId} order by a.external_id`);
    expect(rows).toEqual([
      {
        external_id: "A1",
        name: "Acme",
        parent: null,
        owner: "Ann@Example.com",
        stage: "adoption",
        cf: { nps: 9, renewal_notes: null },
      },
      {
        external_id: "A2",
        name: "Beta Ltd",
        parent: "A1",
        owner: null,
        stage: "value",
        cf: { nps: 7, renewal_notes: null },
      },
      {
        external_id: "A3",
        name: "Gamma, Inc.",
        parent: "A2",
        owner: null,
        stage: "onboarding",
        cf: { nps: null, renewal_notes: "call them\nin May" },
      },
    ]);
    expect(await count("custom_field_defs")).toBe(2);
    const timeline = await query<{ title: string; kind: string }>(
      sql`select kind, title from timeline_entries where workspace_id = ${ctx.workspaceId}`,
    );
    expect(timeline).toHaveLength(3);
    expect(timeline[0]).toEqual({ kind: "import", title: "Imported from accounts.csv" });
  });

  it("upserts by external id: the same file again creates nothing and keeps stored values", async () => {
    await ctx.db.execute(
      sql`update accounts set lifecycle_stage = 'renewal' where workspace_id = ${ctx.workspaceId} and external_id = 'A3'`,
    );
    const again = await runImport(ctx, "accounts", { csv: ACCOUNTS, dryRun: false });
    expect(again).toMatchObject({ status: "committed", createdRows: 0, updatedRows: 3, newCustomFields: [] });
    expect(await count("accounts")).toBe(3);
    // An empty lifecycle stage cell keeps the stored stage instead of resetting it.
    const [a3] = await query<{ stage: string }>(
      sql`select lifecycle_stage as stage from accounts where workspace_id = ${ctx.workspaceId} and external_id = 'A3'`,
    );
    expect(a3?.stage).toBe("renewal");
  });

  it("does not rename existing accounts when the file has only external ids", async () => {
    const r = await runImport(ctx, "accounts", {
      csv: "customerID,Region\nA1,EMEA\nA9,APAC\n",
      dryRun: false,
    });
    expect(r).toMatchObject({ createdRows: 1, updatedRows: 1 });
    const rows = await query<{ external_id: string; name: string; region: string; industry: string | null }>(
      sql`select external_id, name, region, industry from accounts where workspace_id = ${ctx.workspaceId} and external_id in ('A1', 'A9') order by 1`,
    );
    expect(rows).toEqual([
      { external_id: "A1", name: "Acme", region: "EMEA", industry: "Manufacturing" },
      { external_id: "A9", name: "A9", region: "APAC", industry: null },
    ]);
  });

  it("reports unknown owners and parents, loops and duplicate ids, and then stores nothing", async () => {
    const csv =
      "id,name,owner,parent,nps\nB1,x,nobody@example.com,,1\nB2,y,,ZZ,2\nB3,z,,,abc\nB3,w,,,3\nA1,Acme,,A3,\n";
    const before = await count("accounts");
    const r = await runImport(ctx, "accounts", {
      csv,
      dryRun: false,
      mapping: {
        columns: {
          id: "externalId",
          name: "name",
          owner: "ownerEmail",
          parent: "parentExternalId",
          nps: "custom:nps",
        },
      },
    });
    expect(r.status).toBe("rejected");
    expect(r.errors.map((e) => [e.row, e.column, e.code])).toEqual([
      [1, "owner", "unknown_owner"],
      [2, "parent", "unknown_parent"],
      [3, "nps", "invalid_number"],
      [5, "parent", "parent_cycle"],
    ]);
    expect(r).toMatchObject({ errorRows: 4, createdRows: 0, updatedRows: 0 });
    // B3 on row 4 repeats row 3's id, but row 3 was already unreadable: only readable rows are compared.
    expect(await count("accounts")).toBe(before);
  });
});

describe("runImport: subscriptions and contacts", () => {
  it("imports subscriptions and refreshes the accounts' MRR", async () => {
    const r = await runImport(ctx, "subscriptions", { csv: SUBS, dryRun: false, fileName: "subs.csv" });
    expect(r).toMatchObject({ status: "committed", createdRows: 3, errorRows: 0 });
    const subs = await query<{
      external_id: string;
      mrr_minor: number;
      seats: number | null;
      status: string;
      currency: string;
    }>(
      sql`select external_id, mrr_minor::int, seats, status, currency from subscriptions where workspace_id = ${ctx.workspaceId} order by 1`,
    );
    expect(subs).toEqual([
      { external_id: "S1", mrr_minor: 10050, seats: 10, status: "active", currency: "USD" },
      { external_id: "S2", mrr_minor: 100000, seats: 4, status: "trial", currency: "USD" },
      // Ended without a status: expired, as the API decides (one rule, subscription.rules.ts).
      { external_id: "S3", mrr_minor: 2000, seats: 2, status: "expired", currency: "USD" },
    ]);
    const accounts = await query<{ external_id: string; mrr: number }>(
      sql`select external_id, mrr_minor::int as mrr from accounts where workspace_id = ${ctx.workspaceId} and external_id in ('A1','A2') order by 1`,
    );
    expect(accounts).toEqual([
      { external_id: "A1", mrr: 110050 },
      { external_id: "A2", mrr: 0 },
    ]);
  });

  it("lists every bad row of a dry run, and a commit of that file stores nothing", async () => {
    const csv = [
      "subscription_id,account_id,product,mrr_amount,seats,start_date,status",
      "S10,A1,Core,10,1,2024-01-01,active",
      "S11,A1,Core,10,4.5,2024-01-01,active",
      "S12,A1,Core,10,1,2024-01-01,platinum",
      "S13,A1,,10,1,2024-01-01,active",
      "S14,NOPE,Core,10,1,2024-01-01,active",
      "S15,A1,Core,10,1,,active",
    ].join("\n");
    const dry = await runImport(ctx, "subscriptions", { csv });
    expect(dry.status).toBe("validated");
    expect(dry.errors.map((e) => [e.row, e.field, e.code, e.value])).toEqual([
      [2, "seats", "invalid_integer", "4.5"],
      [3, "status", "invalid_enum", "platinum"],
      [4, "product", "required", ""],
      [5, "accountExternalId", "unknown_account", "NOPE"],
      [6, "startDate", "required", ""],
    ]);
    expect(dry.errorRows).toBe(5);
    expect(() => ZImportReport.parse(dry)).not.toThrow();
    const before = await count("subscriptions");
    const commit = await runImport(ctx, "subscriptions", { csv, dryRun: false });
    expect(commit).toMatchObject({ status: "rejected", errorRows: 5, createdRows: 0 });
    expect(await count("subscriptions")).toBe(before);
    expect((await getImport(ctx, commit.id)).errors).toHaveLength(5);
  });

  it("imports contacts with name splitting and enum normalization", async () => {
    const csv =
      "Contact ID,Account ID,Full Name,Email,Decision Role,Influence,Left Company\nC1,A1,Ada Lovelace,ada@example.com,Decision Maker,5.0,No\nC2,A2,Grace,,champion,,yes\n";
    const r = await runImport(ctx, "contacts", { csv, dryRun: false });
    expect(r).toMatchObject({ status: "committed", createdRows: 2, errorRows: 0 });
    const rows = await query<Record<string, unknown>>(
      sql`select external_id, first_name, last_name, decision_role, influence, left_company, status from contacts where workspace_id = ${ctx.workspaceId} order by 1`,
    );
    expect(rows).toEqual([
      {
        external_id: "C1",
        first_name: "Ada",
        last_name: "Lovelace",
        decision_role: "decision_maker",
        influence: 5,
        left_company: false,
        status: "active",
      },
      {
        external_id: "C2",
        first_name: "Grace",
        last_name: null,
        decision_role: "champion",
        influence: null,
        left_company: true,
        status: "active",
      },
    ]);
  });

  it("does not see accounts of another workspace", async () => {
    const other = await newCtx("imports-other");
    const r = await runImport(other, "subscriptions", { csv: SUBS });
    expect(r.errors.map((e) => e.code)).toEqual(["unknown_account", "unknown_account", "unknown_account"]);
    await expect(getImport(other, r.id)).resolves.toMatchObject({ id: r.id });
    await expect(getImport(ctx, r.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("mappings and input errors", () => {
  const mapping: ImportMapping = {
    columns: { acct: "accountExternalId", amount: "mrr", since: "startDate" },
    defaults: { product: "Support plan" },
  };

  it("saves a mapping, lists it in the preview and uses it by name", async () => {
    await saveImportMapping(ctx, "subscriptions", "billing export", mapping);
    const p = await previewImport(ctx, "subscriptions", "acct,amount,since\nA1,5,2024-01-01\n");
    expect(p.savedMappings).toEqual([{ name: "billing export", mapping }]);
    const r = await runImport(ctx, "subscriptions", {
      csv: "acct,amount,since\nA1,5,2024-01-01\n",
      mappingName: "billing export",
    });
    expect(r).toMatchObject({ errorRows: 0, createdRows: 1 });
    await expect(runImport(ctx, "subscriptions", { csv: "a\n1", mappingName: "nope" })).rejects.toMatchObject(
      {
        code: "NOT_FOUND",
        message: expect.stringContaining('"nope"'),
      },
    );
  });

  it("saves the mapping used with saveMappingAs", async () => {
    await runImport(ctx, "subscriptions", {
      csv: "acct,amount,since\nA1,5,2024-01-01\n",
      mapping,
      saveMappingAs: "second",
    });
    const p = await previewImport(ctx, "subscriptions", "x\n1\n");
    expect(p.savedMappings.map((m) => m.name)).toEqual(["billing export", "second"]);
  });

  it("refuses unknown targets, unfilled required fields and bad requests with VALIDATION_FAILED", async () => {
    await expect(saveImportMapping(ctx, "accounts", "bad", { columns: { a: "nmae" } })).rejects.toMatchObject(
      {
        code: "VALIDATION_FAILED",
        message: expect.stringContaining('"nmae"'),
      },
    );
    await expect(
      runImport(ctx, "subscriptions", {
        csv: "acct\nA1\n",
        mapping: { columns: { acct: "accountExternalId" } },
      }),
    ).rejects.toMatchObject({
      code: "VALIDATION_FAILED",
      message: expect.stringContaining("product, startDate, mrr (or mrrMinor or arr)"),
    });
    await expect(runImport(ctx, "accounts", { csv: "" })).rejects.toMatchObject({
      code: "VALIDATION_FAILED",
    });
    await expect(runImport(ctx, "widgets" as never, { csv: "a\n1" })).rejects.toMatchObject({
      code: "VALIDATION_FAILED",
    });
  });
});

describe("listImports and getImport", () => {
  it("pages runs newest first without their error lists", async () => {
    const first = await listImports(ctx, { limit: 2 });
    expect(first.data).toHaveLength(2);
    expect(first.nextCursor).not.toBeNull();
    expect(first.data[0]).not.toHaveProperty("errors");
    expect(() => ZPage(ZImportReport.omit({ errors: true })).parse(first)).not.toThrow();
    const all = [...first.data];
    let cursor = first.nextCursor;
    while (cursor) {
      const page = await listImports(ctx, { limit: 2, cursor });
      all.push(...page.data);
      cursor = page.nextCursor;
    }
    expect(all.length).toBe(await count("import_runs"));
    const times = all.map((r) => r.createdAt);
    expect([...times].sort().reverse()).toEqual(times);
    await expect(getImport(ctx, newId())).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(getImport(ctx, "not-a-uuid")).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("exportCsv", () => {
  it("round-trips: importing an export changes nothing and exports the same file", async () => {
    for (const entity of ["accounts", "contacts", "subscriptions"] as const) {
      const before = await exportCsvText(ctx, entity);
      const total = await count(entity);
      const r = await runImport(ctx, entity, { csv: before, dryRun: false });
      expect(r, entity).toMatchObject({
        status: "committed",
        errorRows: 0,
        createdRows: 0,
        updatedRows: total,
      });
      expect(await exportCsvText(ctx, entity), entity).toBe(before);
    }
  });

  it("writes import target names, major-unit MRR, words for booleans and escapes formulas", async () => {
    await runImport(ctx, "accounts", { csv: "name,Note\n=HYPERLINK(1),-x\n", dryRun: false });
    const accounts = await exportCsvText(ctx, "accounts");
    const [header, ...lines] = accounts.trimEnd().split("\n");
    expect(header).toBe(
      "id,externalId,name,parentExternalId,domain,industry,region,country,tier,lifecycleStage,ownerEmail,healthScore,healthBand,mrr,arr,currency,nextRenewalDate,custom:note,custom:nps,custom:renewal_notes",
    );
    // Health (not scored here), MRR and ARR from the subscriptions, currency and next renewal.
    expect(lines.find((l) => l.includes(",A1,"))).toMatch(/,Ann@Example\.com,,,1100\.50,13206\.00,USD,,/);
    const formula = lines.find((l) => l.includes("HYPERLINK")) ?? "";
    expect(formula).toMatch(/^[0-9a-f-]{36},,'=HYPERLINK\(1\),/);
    expect(formula).toContain(",'-x,,");
    const subs = await exportCsvText(ctx, "subscriptions");
    expect(subs.split("\n")[0]).toBe(
      "id,externalId,accountExternalId,accountId,product,plan,mrr,currency,seats,startDate,endDate,renewalDate,status,billingPeriod,autoRenew",
    );
    expect(subs).toContain(",S2,A1,,Add-on,,1000.00,USD,4,2024-02-01,,,trial,,");
    const contacts = await exportCsvText(ctx, "contacts");
    expect(contacts).toContain(",C2,A2,,Grace,,,,,champion,,,active,true");

    // Rows without an external id keep their id, so importing the export again updates them.
    const again = await runImport(ctx, "accounts", { csv: accounts, dryRun: false });
    expect(again).toMatchObject({ createdRows: 0, errorRows: 0 });
    expect(await exportCsvText(ctx, "accounts")).toBe(accounts);
  });

  it("exports a header only for an empty workspace", async () => {
    const empty = await newCtx("imports-empty");
    expect(await exportCsvText(empty, "contacts")).toBe(
      "id,externalId,accountExternalId,accountId,firstName,lastName,email,phone,title,decisionRole,influence,seniority,status,leftCompany\n",
    );
  });
});
