import type { ColumnEncoding } from "./encoding.rules.ts";
import { encodeRow } from "./encoding.rules.ts";
import { linearPredictor, sigmoid } from "./logistic.rules.ts";
import { type ChurnModel, rowReader } from "./train-churn-model.ts";
import type { RawValue, TrainingSet } from "./training-set.rules.ts";

/**
 * One column's push on an account's log-odds (of churn, or expansion), measured from the average account: positive
 * raises the risk, negative lowers it. All of an account's drivers sum to its log-odds minus the
 * model's `baseLogOdds`.
 */
export type Driver = {
  /** The column key, e.g. `account_field.contract`. */
  column: string;
  /** The column and this account's value: "Contract = Month-to-month", "Tenure months = 2". */
  label: string;
  value: RawValue;
  contribution: number;
};

export type ChurnPrediction = {
  accountId: string;
  name: string;
  externalId: string | null;
  /** The account's label in the set (a churned account is scored too, e.g. for backtests). */
  positive: boolean;
  probability: number;
  logOdds: number;
  /** The largest pushes either way, by size. */
  drivers: Driver[];
};

export type PredictOptions = {
  /** How many drivers to keep per account (default 5). */
  top?: number;
};

const number = new Intl.NumberFormat("en-US", { maximumFractionDigits: 2 });

/** A log ratio as the change it stands for: 0.405 → "+50%". */
const percentChange = (logRatio: number): string => {
  const pct = Math.round(Math.expm1(logRatio) * 100);
  return pct === 0 ? "±0%" : `${pct > 0 ? "+" : "−"}${number.format(Math.abs(pct))}%`;
};

const formatValue = (e: ColumnEncoding, v: RawValue | undefined): string => {
  if (v === null || v === undefined || (typeof v === "number" && !Number.isFinite(v)))
    return `${e.label} is missing`;
  if (e.kind === "boolean") return `${e.label} = ${v === true ? "yes" : "no"}`;
  if (e.kind === "categorical" && !e.levels.includes(String(v)) && e.other)
    return `${e.label} = ${v} (other)`;
  if (e.kind === "numeric" && e.display === "change" && typeof v === "number")
    return `${e.label} = ${percentChange(v)}`;
  return `${e.label} = ${typeof v === "number" ? number.format(v) : String(v)}`;
};

/** Probabilities of the given rows (all by default), without explanations: for evaluation. */
export function scoreRows(model: ChurnModel, set: TrainingSet, rows?: number[]): Float64Array {
  const read = rowReader(set);
  const which = rows ?? set.rows.map((_, i) => i);
  const out = new Float64Array(which.length);
  which.forEach((i, k) => {
    const { x } = encodeRow(model.columns, model.features.length, read(i));
    out[k] = sigmoid(linearPredictor(model.intercept, model.coefficients, x));
  });
  return out;
}

/**
 * Every row's probability (of the model's outcome) and top drivers. A driver is a whole column (all levels of a
 * categorical column, and its missing indicator, together), so "Contract = Month-to-month" is one
 * driver, not a level plus the absence of two others. Pass the rows to score, e.g. only accounts
 * still customers, by filtering the set first.
 */
export function predict(
  model: ChurnModel,
  set: TrainingSet,
  options: PredictOptions = {},
): ChurnPrediction[] {
  const top = options.top ?? 5;
  const read = rowReader(set);
  return set.rows.map((row, i) => {
    const valueAt = read(i);
    const { x, spans } = encodeRow(model.columns, model.features.length, valueAt);
    const logOdds = linearPredictor(model.intercept, model.coefficients, x);
    const drivers: Driver[] = model.columns.map((e, c) => {
      const [from, to] = spans[c] as [number, number];
      let contribution = 0;
      for (let j = from; j < to; j++)
        contribution +=
          (model.coefficients[j] as number) * ((x[j] as number) - (model.featureMeans[j] as number));
      const value = valueAt(e.key) ?? null;
      return { column: e.key, label: formatValue(e, value), value, contribution };
    });
    drivers.sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution));
    return {
      accountId: row.accountId,
      name: row.name,
      externalId: row.externalId,
      positive: row.positive,
      probability: sigmoid(logOdds),
      logOdds,
      drivers: drivers.slice(0, top),
    };
  });
}
