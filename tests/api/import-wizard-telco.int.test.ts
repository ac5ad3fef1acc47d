import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ImportMapping, ImportReport, RouteResponse, routes } from "../../src/contract/index.ts";
import { ZImportMapping } from "../../src/contract/index.ts";
import type { Ctx } from "../../src/domain/context.ts";
import { exportCsvText, runImport } from "../../src/domain/imports/index.ts";
import {
  cleanMapping,
  fitTo,
  IGNORE,
  missingRequired,
  withColumn,
} from "../../src/web/features/import/mappingDraft.ts";
import { type Caller, createTestApp, type TestApp, type TestWorkspace } from "../helpers/test-app.ts";

/**
 * The web import wizard can do what a CLI mapping file does: Telco subscriptions, mapped in the
 * wizard (columns, "same value for every row", "replace values") and imported through the API calls
 * the wizard makes, give the same subscriptions as `steward import subscriptions --mapping
 * docs/examples/telco-subscriptions.mapping.json`, and the saved mapping is that file. The mapping
 * step asks for exactly the fields the import refuses to run without.
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const TELCO = fs.readFileSync(path.join(root, "tests/fixtures/telco/Telco-Customer-Churn.csv"), "utf8");
const CLI_MAPPING = ZImportMapping.parse(
  JSON.parse(fs.readFileSync(path.join(root, "docs/examples/telco-subscriptions.mapping.json"), "utf8")),
);
// The customers as accounts: only their ids, so the accounts are named after them.
const ACCOUNTS = TELCO.split(/\r?\n/)
  .filter((l) => l.trim() !== "")
  .map((l) => l.split(",")[0])
  .join("\n");

type Preview = RouteResponse<typeof routes.previewImport>;

let t: TestApp;
let web: TestWorkspace;
let cli: TestWorkspace;
let admin: Caller;

async function call<T>(url: string, body: unknown): Promise<T> {
  const res = await t.request(admin, "POST", url, body);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<T>();
}
const preview = (entity: string, csv: string) => call<Preview>(`/api/v1/imports/${entity}/preview`, { csv });

/** Subscriptions as exported, without Steward's ids (each workspace has its own), in one order. */
const comparable = (csv: string) =>
  csv
    .trimEnd()
    .split("\n")
    .map((l) => l.slice(l.indexOf(",") + 1))
    .sort();

beforeAll(async () => {
  t = await createTestApp();
  web = await t.workspace("telco-web");
  cli = await t.workspace("telco-cli");
  admin = await t.signIn(web.users.admin.email);
}, 60_000);

afterAll(async () => {
  await t?.close();
});

describe("the mapping step's required fields", () => {
  it("accounts with only an external id: nothing missing, and the dry run is clean", async () => {
    const p = await preview("accounts", ACCOUNTS);
    const mapping = fitTo(p.headers, p.suggestedMapping);
    expect(mapping.columns).toEqual({ customerID: "externalId" });
    expect(missingRequired(p.required, mapping)).toEqual([]);
    const dry = await call<ImportReport>("/api/v1/imports/accounts", { csv: ACCOUNTS, mapping });
    expect(dry).toMatchObject({ status: "validated", errorRows: 0, createdRows: 7043 });
  });

  it("accounts with neither name nor external id: the step names what is missing, and the import refuses", async () => {
    const p = await preview("accounts", ACCOUNTS);
    const mapping = withColumn(fitTo(p.headers, p.suggestedMapping), "customerID", IGNORE);
    expect(missingRequired(p.required, mapping)).toEqual([{ fields: ["name", "externalId"] }]);
    // A fixed value fills it as well as a column; a blank one does not.
    expect(missingRequired(p.required, { ...mapping, defaults: { name: " " } })).toHaveLength(1);
    expect(missingRequired(p.required, { ...mapping, defaults: { name: "Acme" } })).toEqual([]);
    const res = await t.request(admin, "POST", "/api/v1/imports/accounts", { csv: ACCOUNTS, mapping });
    expect(res.statusCode).toBe(400);
    expect(res.json<{ error: { code: string; message: string } }>().error).toMatchObject({
      code: "VALIDATION_FAILED",
      message: expect.stringContaining("name (or externalId)"),
    });
  });
});

describe("Telco subscriptions through the wizard", () => {
  let webReport: ImportReport;

  it("maps columns, fixed values and replaced values as the mapping file does, and imports", async () => {
    await call("/api/v1/imports/accounts", { csv: ACCOUNTS, dryRun: false });
    const p = await preview("subscriptions", TELCO);
    // What the wizard does: start from the suggestion for this file's headers, then the user picks
    // each column's field, adds the values every row shares, and replaces Churn's Yes and No.
    let mapping: ImportMapping = fitTo(p.headers, p.suggestedMapping);
    for (const h of p.headers) mapping = withColumn(mapping, h, CLI_MAPPING.columns[h] ?? IGNORE);
    expect(missingRequired(p.required, mapping).map((r) => r.fields)).toEqual([["product"], ["startDate"]]);
    // Fields added under "Same value for every row" but still blank fill nothing.
    mapping = { ...mapping, defaults: { product: "", startDate: "", currency: "" } };
    expect(missingRequired(p.required, mapping)).toHaveLength(2);
    mapping = {
      ...mapping,
      defaults: { product: "Telco service", startDate: "2020-01-01", currency: "USD" },
    };
    expect(missingRequired(p.required, mapping)).toEqual([]);
    const churn = p.columnValues[p.headers.indexOf("Churn")];
    expect(churn).toEqual({
      values: [
        { value: "No", rows: 5174 },
        { value: "Yes", rows: 1869 },
      ],
      more: false,
    });
    mapping = { ...mapping, values: { status: { No: "active", Yes: "canceled" } } };

    const sent = cleanMapping(mapping);
    const dry = await call<ImportReport>("/api/v1/imports/subscriptions", {
      csv: TELCO,
      fileName: "Telco-Customer-Churn.csv",
      mapping: sent,
      dryRun: true,
    });
    expect(dry).toMatchObject({ status: "validated", errorRows: 0, createdRows: 7043 });
    webReport = await call<ImportReport>("/api/v1/imports/subscriptions", {
      csv: TELCO,
      fileName: "Telco-Customer-Churn.csv",
      mapping: sent,
      dryRun: false,
      saveMappingAs: "Telco",
    });
    expect(webReport).toMatchObject({ status: "committed", errorRows: 0, createdRows: 7043 });

    // The saved mapping is the mapping file, with the columns left out written as "ignore".
    const saved = (await preview("subscriptions", TELCO)).savedMappings.find((m) => m.name === "Telco");
    const { columns, ...rest } = saved?.mapping ?? { columns: {} };
    const used = Object.fromEntries(Object.entries(columns).filter(([, target]) => target !== IGNORE));
    expect({ columns: used, ...rest }).toEqual(CLI_MAPPING);
  }, 120_000);

  it("stores the same subscriptions as the CLI with the mapping file", async () => {
    // What `steward import` does: the mapping file through runImport, as a system actor.
    const ctx: Ctx = {
      db: t.database.db,
      workspaceId: cli.id,
      actor: { kind: "system", label: "cli import" },
    };
    await runImport(ctx, "accounts", { csv: ACCOUNTS, dryRun: false });
    const report = await runImport(ctx, "subscriptions", {
      csv: TELCO,
      fileName: "Telco-Customer-Churn.csv",
      mapping: CLI_MAPPING,
      dryRun: false,
    });
    const counts = (r: ImportReport) => ({
      status: r.status,
      totalRows: r.totalRows,
      createdRows: r.createdRows,
      updatedRows: r.updatedRows,
      errorRows: r.errorRows,
      // In the order of the mapping's columns: the file's in the wizard, the mapping file's in the CLI.
      newCustomFields: [...r.newCustomFields].sort((a, b) => a.key.localeCompare(b.key)),
    });
    expect(counts(webReport)).toEqual(counts(report));
    const fromWeb = await exportCsvText(web.ctx, "subscriptions");
    const fromCli = await exportCsvText(ctx, "subscriptions");
    expect(fromWeb.split("\n")[0]).toContain("custom:tenure_months");
    expect(comparable(fromWeb)).toEqual(comparable(fromCli));
    expect(fromWeb.match(/,canceled,/g)).toHaveLength(1869);
  }, 120_000);
});
