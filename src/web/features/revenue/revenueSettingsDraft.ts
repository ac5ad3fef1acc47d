import type { FormErrors } from "@mantine/form";
import type { RevenueSettings, RevenueSettingsUpdate } from "../../../contract/index.ts";
import type { FieldLabels } from "../../lib/issues.ts";

/**
 * Settings → Revenue as the form holds it: fractions as percentages (78 for a 0.78 gross margin),
 * no base currency as "", and each rate with a key of its own so rows keep their inputs when one
 * above is removed. The form's paths are the body's (`rates.2.rate`), so the server's issues land
 * on the field they name.
 */
export type RateRow = { key: string; currency: string; validFrom: string; rate: number | string };
export type RevenueValues = {
  reactivation: RevenueSettings["reactivation"];
  joinAndLeave: RevenueSettings["joinAndLeave"];
  baseCurrency: string;
  grossMargin: number | string;
  forecast: { commitAtLeast: number | string; likelyAtLeast: number | string };
  noticeDays: number | string;
  doNotAskDays: number | string;
  rates: RateRow[];
};

let rowKeys = 0;
const nextKey = () => {
  rowKeys += 1;
  return `rate-${rowKeys}`;
};

// Six decimals of a fraction are four of a percentage: enough, without 0.1 + 0.2 noise.
const toPercent = (fraction: number) => Number((fraction * 100).toFixed(4));
const toFraction = (percent: number) => Number((percent / 100).toFixed(6));

export const valuesOf = (s: RevenueSettings): RevenueValues => ({
  reactivation: s.reactivation,
  joinAndLeave: s.joinAndLeave,
  baseCurrency: s.baseCurrency ?? "",
  grossMargin: s.grossMargin === null ? "" : toPercent(s.grossMargin),
  forecast: {
    commitAtLeast: toPercent(s.forecast.commitAtLeast),
    likelyAtLeast: toPercent(s.forecast.likelyAtLeast),
  },
  noticeDays: s.noticeDays,
  doNotAskDays: s.doNotAskDays,
  rates: s.rates.map((r) => ({ key: nextKey(), currency: r.currency, validFrom: r.validFrom, rate: r.rate })),
});

/** A new rate row: the base currency's first other currency is unknown, so it starts empty, from today. */
export const blankRate = (today: string): RateRow => ({
  key: nextKey(),
  currency: "",
  validFrom: today,
  rate: "",
});

const blank = (v: number | string) => typeof v === "string" && v.trim() === "";

/** The request body: every setting (the rates replace the list), fractions again. */
export const bodyOf = (v: RevenueValues): RevenueSettingsUpdate => ({
  reactivation: v.reactivation,
  joinAndLeave: v.joinAndLeave,
  baseCurrency: v.baseCurrency.trim() === "" ? null : v.baseCurrency.trim(),
  grossMargin: blank(v.grossMargin) ? null : toFraction(Number(v.grossMargin)),
  forecast: {
    commitAtLeast: toFraction(Number(v.forecast.commitAtLeast)),
    likelyAtLeast: toFraction(Number(v.forecast.likelyAtLeast)),
  },
  // An empty box never gets this far (percentErrors names it), so never turns into a silent 0.
  noticeDays: blank(v.noticeDays) ? Number.NaN : Number(v.noticeDays),
  doNotAskDays: blank(v.doNotAskDays) ? Number.NaN : Number(v.doNotAskDays),
  rates: v.rates.map((r) => ({
    currency: r.currency.trim(),
    validFrom: r.validFrom,
    rate: blank(r.rate) ? 0 : Number(r.rate),
  })),
});

/** Each field's name as the form shows it, for the issues' sentences ("Rate must be more than 0"). */
export const revenueLabels = (rates: number): FieldLabels => {
  const labels: FieldLabels = {
    reactivation: "Returning customers",
    joinAndLeave: "Customers who join and leave within a period",
    baseCurrency: "Base currency",
    grossMargin: "Gross margin",
    "forecast.commitAtLeast": "Commit threshold",
    "forecast.likelyAtLeast": "Likely threshold",
    noticeDays: "Notice period",
    doNotAskDays: "Do-not-ask window",
    rates: "Rates",
  };
  for (let i = 0; i < rates; i++) {
    labels[`rates.${i}.currency`] = "Currency";
    labels[`rates.${i}.validFrom`] = "Valid from";
    labels[`rates.${i}.rate`] = "Rate";
  }
  return labels;
};

const PERCENT_FIELDS = [
  ["grossMargin", "Gross margin"],
  ["forecast.commitAtLeast", "Commit threshold"],
  ["forecast.likelyAtLeast", "Likely threshold"],
] as const;

/**
 * The percentages' own range, said in percent: the contract checks fractions ("between 0 and 1"),
 * which would read oddly under a field where 78 means 78%. Everything else is the contract's check.
 */
export function percentErrors(v: RevenueValues): FormErrors {
  const out: FormErrors = {};
  const values: Record<(typeof PERCENT_FIELDS)[number][0], number | string> = {
    grossMargin: v.grossMargin,
    "forecast.commitAtLeast": v.forecast.commitAtLeast,
    "forecast.likelyAtLeast": v.forecast.likelyAtLeast,
  };
  for (const [path, label] of PERCENT_FIELDS) {
    const value = values[path];
    if (path === "grossMargin" && blank(value)) continue;
    const n = Number(value);
    if (blank(value) || !Number.isFinite(n)) out[path] = `${label} is required`;
    else if (n < 0 || n > 100) out[path] = `${label} must be between 0% and 100%`;
  }
  // The day counts' range is the contract's; only an empty box is said here (the contract would see no number).
  if (blank(v.noticeDays)) out.noticeDays = "Notice period is required";
  if (blank(v.doNotAskDays)) out.doNotAskDays = "Do-not-ask window is required";
  return out;
}

export const REACTIVATION_TEXT: Record<RevenueSettings["reactivation"], string> = {
  reactivation: "Count as reactivation",
  new: "Count as new",
};

export const JOIN_AND_LEAVE_TEXT: Record<RevenueSettings["joinAndLeave"], string> = {
  count: "Count them",
  exclude: "Leave them out",
};
