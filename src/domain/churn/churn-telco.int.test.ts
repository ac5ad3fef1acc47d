import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeWorkspace } from "../../../tests/factories/index.ts";
import { createTestDb } from "../../../tests/helpers/test-db.ts";
import type { Database } from "../../db/index.ts";
import type { Ctx } from "../context.ts";
import { runImport } from "../imports/index.ts";
import { buildTrainingSet, crossValidate, predict, type TrainingSet, trainChurnModel } from "./index.ts";

/**
 * Issue 4's proof on real data: IBM's Telco churn sample imported through the product's own CSV
 * import with the example mappings (customer attributes → account custom fields; contract, charges
 * and Churn → the subscription, so the label is the subscription's status), then the product's own
 * model under stratified 5-fold cross-validation. Published baselines: 0.842 (logistic regression).
 */
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
const csv = fs.readFileSync(path.join(repoRoot, "tests/fixtures/telco/Telco-Customer-Churn.csv"), "utf8");
const mapping = (name: string) =>
  JSON.parse(fs.readFileSync(path.join(repoRoot, "docs/examples", name), "utf8")) as {
    columns: Record<string, string>;
  };

let database: Database;
let ctx: Ctx;
let set: TrainingSet;

beforeAll(async () => {
  database = await createTestDb();
  const ws = await makeWorkspace(database.db, {
    slug: "telco-churn",
    name: "Telco churn",
    withOwner: false,
    label: "churn test",
  });
  ctx = ws.system;
  for (const [entity, file] of [
    ["accounts", "telco-accounts.mapping.json"],
    ["subscriptions", "telco-subscriptions.mapping.json"],
  ] as const) {
    const report = await runImport(ctx, entity, { csv, mapping: mapping(file), dryRun: false });
    expect(report).toMatchObject({ status: "committed", createdRows: 7043, errorRows: 0 });
  }
  set = await buildTrainingSet(database.db, ws.workspace.id);
});

afterAll(async () => {
  await database?.close();
});

describe("churn prediction on IBM Telco (7,043 customers, 1,869 churned)", () => {
  it("the two example mappings import every column once, Churn only as the subscription's status", () => {
    const header = (csv.split("\n")[0] ?? "").trim().split(",");
    const used = (file: string) =>
      Object.entries(mapping(file).columns)
        .filter(([, target]) => target !== "ignore")
        .map(([column]) => column);
    const accounts = used("telco-accounts.mapping.json");
    const subscriptions = used("telco-subscriptions.mapping.json").filter((c) => c !== "customerID");
    expect([...accounts, ...subscriptions].sort()).toEqual([...header].sort());
    expect(mapping("telco-subscriptions.mapping.json").columns.Churn).toBe("status");
  });

  it("labels every customer from the subscriptions, with no column standing in for the label", () => {
    expect(set.rows).toHaveLength(7043);
    expect(set.rows.filter((r) => r.positive)).toHaveLength(1869);
    expect(set.warnings).toEqual([]);
    expect(set.columns.map((c) => c.label)).toEqual(
      expect.arrayContaining([
        "Plan",
        "MRR",
        "Tenure",
        "Internet service",
        "Payment method",
        "Total charges",
      ]),
    );
  });

  it("reaches ROC AUC ≥ 0.83 under stratified 5-fold cross-validation", () => {
    const started = performance.now();
    const cv = crossValidate(set, { folds: 5, seed: 1 });
    console.log(
      `telco 5-fold AUC ${cv.folds.map((f) => f.auc.toFixed(3)).join(" ")}; pooled ${cv.auc.toFixed(4)}, ` +
        `${Math.round(performance.now() - started)} ms`,
    );
    expect(cv.auc).toBeGreaterThanOrEqual(0.83);
    for (const f of cv.folds) expect(f.auc).toBeGreaterThan(0.8);
    expect(cv.folds.map((f) => f.positives)).toEqual([374, 374, 374, 374, 373]);
    // Calibrated enough that risk rises across deciles and the top tenth mostly churns.
    const first = cv.calibration[0];
    const last = cv.calibration[9];
    expect(first?.observedRate).toBeLessThan(0.05);
    expect(last?.observedRate).toBeGreaterThan(0.6);
    for (const bin of cv.calibration)
      expect(Math.abs(bin.meanPredicted - bin.observedRate)).toBeLessThan(0.08);
  });

  it("explains a new month-to-month customer's risk by contract and tenure", () => {
    const model = trainChurnModel(set);
    // 7590-VHVEG: one month in, month-to-month, electronic check.
    const [p] = predict(
      model,
      { ...set, rows: set.rows.filter((r) => r.externalId === "7590-VHVEG") },
      { top: 3 },
    );
    expect(p?.probability).toBeGreaterThan(0.5);
    expect(p?.drivers[0]).toMatchObject({ label: "Tenure = 1" });
    expect(p?.drivers[0]?.contribution).toBeGreaterThan(0);
    const json = JSON.stringify(model);
    expect(JSON.parse(json)).toEqual(model);
  });
});
