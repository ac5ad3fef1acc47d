import { describe, expect, it } from "vitest";
import { crossValidate } from "./cross-validate.ts";
import { fitEncoding } from "./encoding.rules.ts";
import { predict, scoreRows } from "./predict-churn.ts";
import { trainChurnModel } from "./train-churn-model.ts";
import type { Column, RawValue, TrainingSet } from "./training-set.rules.ts";

const columns: Column[] = [
  { key: "account_field.contract", label: "Contract", kind: "categorical", source: "account_field" },
  { key: "subscription.tenure_months", label: "Tenure", kind: "numeric", source: "subscription" },
  { key: "account_field.partner", label: "Partner", kind: "boolean", source: "account_field" },
  { key: "usage.events_30d", label: "Events, last 30 days", kind: "numeric", source: "usage" },
];

/** 600 accounts whose churn depends on contract, tenure and partner; some values missing. */
function syntheticSet(): TrainingSet {
  let s = 2024;
  const uniform = () => {
    s = (s * 16807) % 2147483647;
    return s / 2147483647;
  };
  const rows = Array.from({ length: 600 }, (_, i) => {
    const contract = uniform() < 0.5 ? "Monthly" : uniform() < 0.6 ? "Annual" : "Two year";
    const tenure = Math.round(uniform() * 60);
    const partner = uniform() < 0.1 ? null : uniform() < 0.5;
    const events = Math.round(Math.exp(uniform() * 8));
    const z = (contract === "Monthly" ? 1.5 : -1) - tenure / 20 + (partner ? -0.7 : 0.3);
    const churned = uniform() < 1 / (1 + Math.exp(-z));
    const values: RawValue[] = [contract, i % 25 === 0 ? null : tenure, partner, events];
    return {
      accountId: `a${i}`,
      name: `Account ${i}`,
      externalId: null,
      positive: churned,
      outcomeOn: null,
      observedOn: "2026-01-01",
      values,
    };
  });
  return {
    workspaceId: "w",
    kind: "churn",
    asOf: "2026-01-01",
    columns,
    rows,
    excluded: { noSubscriptions: 0, churnDateUnknown: 0 },
    warnings: [],
  };
}

describe("encoding", () => {
  it("standardizes numbers, logs skewed counts, one-hots levels and flags missing values", () => {
    const set = syntheticSet();
    const enc = fitEncoding(
      set.columns,
      set.columns.map((_, j) => set.rows.map((r) => r.values[j] ?? null)),
    );
    expect(enc.map((e) => e.kind)).toEqual(["categorical", "numeric", "boolean", "numeric"]);
    expect(enc[0]).toMatchObject({ levels: ["Monthly", "Annual", "Two year"], other: false, missing: false });
    expect(enc[1]).toMatchObject({ transform: "none", missing: true });
    expect(enc[2]).toMatchObject({ missing: true });
    expect(enc[3]).toMatchObject({ transform: "log1p", missing: false });
  });
});

describe("trainChurnModel and predict", () => {
  const set = syntheticSet();
  const model = trainChurnModel(set);

  it("names its features for people", () => {
    expect(model.features.map((f) => f.label)).toEqual([
      "Contract = Monthly",
      "Contract = Annual",
      "Contract = Two year",
      "Tenure",
      "Tenure is missing",
      "Partner = yes",
      "Partner is missing",
      "Events, last 30 days",
    ]);
    const coef = Object.fromEntries(model.features.map((f, j) => [f.name, model.coefficients[j] as number]));
    expect(coef["account_field.contract=Monthly"]).toBeGreaterThan(0);
    expect(coef["subscription.tenure_months"]).toBeLessThan(0);
    expect(coef["account_field.partner"]).toBeLessThan(0);
  });

  it("explains every log-odds: all drivers sum to it minus the average account's", () => {
    const predictions = predict(model, set, { top: 100 });
    for (const p of predictions.slice(0, 50)) {
      expect(p.drivers).toHaveLength(model.columns.length);
      const sum = p.drivers.reduce((s, d) => s + d.contribution, 0);
      expect(sum).toBeCloseTo(p.logOdds - model.baseLogOdds, 9);
      expect(p.probability).toBeCloseTo(1 / (1 + Math.exp(-p.logOdds)), 12);
    }
    // Averaged over the training rows, every driver is zero: they are measured from the average.
    const mean = (key: string) =>
      predictions.reduce((s, p) => s + (p.drivers.find((d) => d.column === key)?.contribution ?? 0), 0) /
      predictions.length;
    for (const c of model.columns) expect(mean(c.key)).toBeCloseTo(0, 9);
  });

  it("keeps the top drivers by size, with readable labels and signs", () => {
    const [p] = predict(
      model,
      { ...set, rows: [{ ...(set.rows[0] as TrainingSet["rows"][0]), values: ["Monthly", 1, false, 10] }] },
      { top: 2 },
    );
    expect(p?.drivers).toHaveLength(2);
    const [first, second] = p?.drivers ?? [];
    expect(Math.abs(first?.contribution ?? 0)).toBeGreaterThanOrEqual(Math.abs(second?.contribution ?? 0));
    expect(p?.drivers.map((d) => d.label)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^Contract = Monthly$|^Tenure = 1$/)]),
    );
    expect(p?.drivers.every((d) => d.contribution > 0)).toBe(true);
  });

  it("survives JSON: a stored model scores the same", () => {
    const stored = JSON.parse(JSON.stringify(model));
    expect(scoreRows(stored, set)).toEqual(scoreRows(model, set));
    expect(trainChurnModel(set)).toEqual(model);
  });

  it("scores values it never saw: unknown levels, missing columns", () => {
    const odd = {
      ...set,
      columns: set.columns.slice(0, 2),
      rows: [{ ...(set.rows[0] as TrainingSet["rows"][0]), values: ["Weekly", null] }],
    };
    const [p] = predict(model, odd, { top: 10 });
    expect(p?.probability).toBeGreaterThan(0);
    expect(p?.drivers.find((d) => d.column === "account_field.partner")?.label).toBe("Partner is missing");
    expect(p?.drivers.find((d) => d.column === "subscription.tenure_months")?.label).toBe(
      "Tenure is missing",
    );
  });

  it("cross-validates deterministically, every row scored out of fold", () => {
    const a = crossValidate(set, { folds: 5, seed: 3 });
    expect(a).toEqual(crossValidate(set, { folds: 5, seed: 3 }));
    expect(a.folds).toHaveLength(5);
    expect(a.outOfFold.every((p) => p > 0 && p < 1)).toBe(true);
    expect(a.auc).toBeGreaterThan(0.75);
    expect(a.calibration).toHaveLength(10);
    expect(a.roc[0]).toMatchObject({ fpr: 0, tpr: 0 });
    expect(() => crossValidate({ ...set, rows: set.rows.slice(0, 3) }, { folds: 5 })).toThrow(/at least 5/);
  });

  it("reads values for people: a change column as the percent change, numbers with separators", () => {
    const changeSet: TrainingSet = {
      ...set,
      columns: [
        {
          key: "usage.events_trend",
          label: "Events, change",
          kind: "numeric",
          source: "usage",
          display: "change",
        },
        { key: "subscription.mrr", label: "MRR", kind: "numeric", source: "subscription" },
      ],
      rows: set.rows.map((r, i) => ({
        ...r,
        values: [r.positive ? -1 + (i % 5) / 10 : (i % 7) / 10, 12_000 + i],
      })),
    };
    const m = trainChurnModel(changeSet);
    const one = {
      ...changeSet,
      rows: [{ ...(changeSet.rows[0] as TrainingSet["rows"][0]), values: [Math.log(0.5), 12_345.5] }],
    };
    const [p] = predict(m, one, { top: 10 });
    expect(p?.drivers.find((d) => d.column === "usage.events_trend")?.label).toBe("Events, change = −50%");
    expect(p?.drivers.find((d) => d.column === "subscription.mrr")?.label).toBe("MRR = 12,345.5");
  });
});
