import { describe, expect, it } from "vitest";
import type { ChurnEvaluation } from "../../contract/index.ts";
import { evaluationReport } from "./churn.ts";

const evaluation: ChurnEvaluation = {
  asOf: "2026-06-30",
  accounts: 200,
  positives: 17,
  negatives: 183,
  columns: 24,
  features: 53,
  auc: 0.84496,
  meanFoldAuc: 0.8456,
  brier: 0.061,
  seed: 1,
  folds: [1, 2, 3, 4, 5].map((fold) => ({
    fold,
    accounts: 40,
    positives: fold === 5 ? 1 : 4,
    auc: 0.8 + fold / 100,
  })),
  calibration: Array.from({ length: 10 }, (_, i) => ({
    decile: i + 1,
    accounts: 20,
    meanPredicted: i / 10,
    observedRate: i / 10,
    minPredicted: i / 10,
    maxPredicted: (i + 1) / 10,
  })),
  roc: [],
  excluded: { noSubscriptions: 0, churnDateUnknown: 0 },
  warnings: ['"Churn" is not used: on its own it tells churned from retained accounts.'],
};

describe("steward churn evaluate's report", () => {
  it("prints the AUC per fold and the calibration, and auc=0.xxx alone on the last line", () => {
    const lines = evaluationReport("churn", evaluation);
    expect(lines[0]).toBe(
      "churn model: stratified 5-fold cross-validation (seed 1) on 200 accounts (17 churned, 183 retained)",
    );
    expect(lines).toContain("   5        40         1  0.850");
    expect(lines).toContain("    10        20           0.900          0.900");
    expect(lines.at(-2)).toMatch(/^warning: "Churn" is not used/);
    expect(lines.at(-1)).toBe("auc=0.845");
    expect(lines.at(-1)).toMatch(/^auc=\d\.\d{3}$/);
    expect(evaluationReport("expansion", evaluation)[0]).toMatch(/\(17 expanded, 183 not expanded\)$/);
  });
});
