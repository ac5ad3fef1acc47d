import type { Column, RawValue } from "./training-set.rules.ts";

/**
 * Raw column values → numeric feature vectors, learned from the training rows only and stored in
 * the model, so an account is encoded the same way when it is scored later:
 * - numeric: standardized (log1p first when non-negative and heavily skewed, e.g. usage counts);
 *   a missing value becomes the mean (0) plus a "missing" indicator;
 * - boolean: 1 for true, 0 for false; missing → 0 plus an indicator;
 * - categorical: one-hot of the most frequent levels, an "other" level for the rest, and a
 *   "missing" level. Every level gets a column (no reference level): the L2 penalty keeps the fit
 *   well posed, and each level's coefficient then reads directly as its push up or down.
 */

export type NumericEncoding = {
  key: string;
  label: string;
  kind: "numeric";
  transform: "none" | "log1p";
  /** Carried from the column: how people read a value. */
  display?: "change";
  mean: number;
  sd: number;
  missing: boolean;
};
export type BooleanEncoding = { key: string; label: string; kind: "boolean"; missing: boolean };
export type CategoricalEncoding = {
  key: string;
  label: string;
  kind: "categorical";
  levels: string[];
  other: boolean;
  missing: boolean;
};
export type ColumnEncoding = NumericEncoding | BooleanEncoding | CategoricalEncoding;

/** One model input: `name` is stable (`account_field.contract=Month-to-month`), `label` is for people. */
export type Feature = { name: string; label: string; column: string };

export type EncodingOptions = {
  /** Most levels one categorical column keeps. */
  maxLevels?: number;
  /** A level needs this many accounts… */
  minLevelCount?: number;
  /** …and this share of them, to get its own column. */
  minLevelShare?: number;
};

const SKEWED = 2;

const isMissing = (v: RawValue): boolean => v === null || (typeof v === "number" && !Number.isFinite(v));

function fitNumeric(column: Column, values: RawValue[]): NumericEncoding | null {
  const xs = values.filter((v): v is number => typeof v === "number" && Number.isFinite(v));
  const missing = xs.length < values.length;
  if (xs.length === 0) return null;
  const mean0 = xs.reduce((s, x) => s + x, 0) / xs.length;
  const sd0 = Math.sqrt(xs.reduce((s, x) => s + (x - mean0) ** 2, 0) / xs.length);
  const skew = sd0 > 0 ? xs.reduce((s, x) => s + ((x - mean0) / sd0) ** 3, 0) / xs.length : 0;
  const transform = Math.min(...xs) >= 0 && skew > SKEWED ? "log1p" : "none";
  const ts = transform === "log1p" ? xs.map(Math.log1p) : xs;
  const mean = ts.reduce((s, x) => s + x, 0) / ts.length;
  const sd = Math.sqrt(ts.reduce((s, x) => s + (x - mean) ** 2, 0) / ts.length);
  // Averaging thousands of equal values leaves rounding noise, not spread.
  const constant = sd <= 1e-9 * Math.max(1, Math.abs(mean));
  if (constant && !missing) return null;
  return {
    key: column.key,
    label: column.label,
    kind: "numeric",
    transform,
    ...(column.display ? { display: column.display } : {}),
    mean,
    sd: constant ? 1 : sd,
    missing,
  };
}

function fitBoolean(column: Column, values: RawValue[]): BooleanEncoding | null {
  const trues = values.filter((v) => v === true).length;
  const falses = values.filter((v) => v === false).length;
  const missing = trues + falses < values.length;
  if (trues + falses === 0 || ((trues === 0 || falses === 0) && !missing)) return null;
  return { key: column.key, label: column.label, kind: "boolean", missing };
}

function fitCategorical(
  column: Column,
  values: RawValue[],
  options: EncodingOptions,
): CategoricalEncoding | null {
  const { maxLevels = 20, minLevelCount = 10, minLevelShare = 0.01 } = options;
  const counts = new Map<string, number>();
  let missing = false;
  for (const v of values) {
    if (isMissing(v)) missing = true;
    else counts.set(String(v), (counts.get(String(v)) ?? 0) + 1);
  }
  const floor = Math.max(minLevelCount, minLevelShare * values.length);
  const levels = [...counts]
    .filter(([, n]) => n >= floor)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, maxLevels)
    .map(([level]) => level);
  const other = levels.length < counts.size;
  // A column needs at least two distinct encoded states to say anything.
  if (levels.length + (other ? 1 : 0) + (missing ? 1 : 0) < 2 || levels.length === 0) return null;
  return { key: column.key, label: column.label, kind: "categorical", levels, other, missing };
}

/** Learns each column's encoding from training values (`values[j]` is column j over the rows); uninformative columns are dropped. */
export function fitEncoding(
  columns: Column[],
  values: RawValue[][],
  options: EncodingOptions = {},
): ColumnEncoding[] {
  const out: ColumnEncoding[] = [];
  columns.forEach((column, j) => {
    const vs = values[j] ?? [];
    const e =
      column.kind === "numeric"
        ? fitNumeric(column, vs)
        : column.kind === "boolean"
          ? fitBoolean(column, vs)
          : fitCategorical(column, vs, options);
    if (e) out.push(e);
  });
  return out;
}

/** The features an encoding produces, in vector order. */
export function featuresOf(encodings: ColumnEncoding[]): Feature[] {
  const out: Feature[] = [];
  for (const e of encodings) {
    const f = (suffix: string, label: string) =>
      out.push({ name: `${e.key}${suffix}`, label, column: e.key });
    if (e.kind === "numeric") f("", e.label);
    else if (e.kind === "boolean") f("", `${e.label} = yes`);
    else {
      for (const level of e.levels) f(`=${level}`, `${e.label} = ${level}`);
      if (e.other) f("=(other)", `${e.label} = other`);
    }
    if (e.missing) f(":missing", `${e.label} is missing`);
  }
  return out;
}

/** Writes one column's features for a value into `out` from `at`; returns the next position. */
function encodeColumn(e: ColumnEncoding, v: RawValue, out: Float64Array, at: number): number {
  let i = at;
  const absent = isMissing(v);
  if (e.kind === "numeric") {
    const x = typeof v === "number" ? v : Number(v);
    const ok = !absent && Number.isFinite(x);
    out[i++] = ok ? ((e.transform === "log1p" ? Math.log1p(Math.max(x, 0)) : x) - e.mean) / e.sd : 0;
    if (e.missing) out[i++] = ok ? 0 : 1;
    return i;
  }
  if (e.kind === "boolean") {
    out[i++] = v === true ? 1 : 0;
    if (e.missing) out[i++] = v === true || v === false ? 0 : 1;
    return i;
  }
  const s = absent ? null : String(v);
  const hit = s === null ? -1 : e.levels.indexOf(s);
  for (let k = 0; k < e.levels.length; k++) out[i++] = k === hit ? 1 : 0;
  if (e.other) out[i++] = s !== null && hit < 0 ? 1 : 0;
  if (e.missing) out[i++] = s === null ? 1 : 0;
  return i;
}

/**
 * A row's feature vector; `valueAt(key)` gives the raw value of a column (undefined when the set
 * has no such column any more: treated as missing). Also returns which slice belongs to which
 * column, for per-column explanations.
 */
export function encodeRow(
  encodings: ColumnEncoding[],
  width: number,
  valueAt: (key: string) => RawValue | undefined,
): { x: Float64Array; spans: [number, number][] } {
  const x = new Float64Array(width);
  const spans: [number, number][] = [];
  let at = 0;
  for (const e of encodings) {
    const next = encodeColumn(e, valueAt(e.key) ?? null, x, at);
    spans.push([at, next]);
    at = next;
  }
  return { x, spans };
}
