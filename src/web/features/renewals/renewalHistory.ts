import { addDays } from "../../../common/dates.ts";
import {
  FORECAST_CALLS,
  type ForecastBacktest,
  type ForecastCall,
  RENEWAL_OUTCOMES,
  type RenewalOutcome,
  type RenewalOutcomes,
} from "../../../contract/index.ts";
import type { CsvCell } from "../../lib/csv.ts";
import { toMajor } from "../../lib/format.ts";
import { addMonths, type RevenuePeriod, revenuePeriod } from "../revenue/revenueView.ts";
import type { OutcomePreset } from "./renewalsView.ts";

/**
 * The Outcomes and Backtest tabs worked out without React: the days a period stands for, the
 * reasons chart's series, the outcomes' CSV, and how each forecast category did over the quarters.
 */

/** The last day of a `YYYY-MM` month. */
const lastDay = (month: string): string => addDays(`${addMonths(month, 1)}-01`, -1);

/**
 * The days of a period of whole months for the outcomes query: the revenue page's presets (the
 * last 12 months by default, up to the end of this month), or the next 12 months — renewals due
 * ahead whose outcome is already known (a customer who gave notice).
 */
export function outcomesPeriod(
  preset: OutcomePreset,
  custom: { from?: string; to?: string },
  today: string,
): RevenuePeriod {
  const month = today.slice(0, 7);
  const months =
    preset === "next-12m"
      ? { first: month, last: addMonths(month, 11) }
      : revenuePeriod(preset, custom, today);
  return { first: months.first, last: months.last, from: `${months.first}-01`, to: lastDay(months.last) };
}

/** Counts by reason for the chart: a bar per reason (most used first), stacked by outcome. */
export type ReasonSeries = {
  reasons: (string | null)[];
  series: { outcome: RenewalOutcome; data: number[] }[];
};

export function reasonSeries(byReason: RenewalOutcomes["byReason"]): ReasonSeries {
  const totals = new Map<string | null, number>();
  for (const r of byReason) totals.set(r.reasonCode, (totals.get(r.reasonCode) ?? 0) + r.count);
  const reasons = [...totals.entries()]
    .sort((a, b) => b[1] - a[1] || String(a[0] ?? "~").localeCompare(String(b[0] ?? "~")))
    .map(([code]) => code);
  const series = RENEWAL_OUTCOMES.filter((o) => byReason.some((r) => r.outcome === o)).map((outcome) => ({
    outcome,
    data: reasons.map(
      (code) => byReason.find((r) => r.outcome === outcome && r.reasonCode === code)?.count ?? 0,
    ),
  }));
  return { reasons, series };
}

/** How many of the period's renewals ended each way, every outcome named (0 when none). */
export const outcomeCounts = (byOutcome: RenewalOutcomes["byOutcome"]): Record<RenewalOutcome, number> =>
  Object.fromEntries(
    RENEWAL_OUTCOMES.map((o) => [o, byOutcome.find((b) => b.outcome === o)?.count ?? 0]),
  ) as Record<RenewalOutcome, number>;

/** The outcomes table as CSV rows: amounts in major units beside their currency, codes as written. */
export function outcomesCsvRows(rows: RenewalOutcomes["data"]): CsvCell[][] {
  const major = (minor: number | null, currency: string | null) =>
    minor === null ? null : toMajor(minor, currency ?? "USD");
  return [
    [
      "Account",
      "Product",
      "Renewal date",
      "Outcome",
      "Reason",
      "Currency",
      "ARR",
      "ARR after",
      "Source",
      "Note",
    ],
    ...rows.map((o) => [
      o.accountName,
      o.product,
      o.dueDate,
      o.outcome,
      o.reasonCode,
      o.currency,
      major(o.arrMinor, o.currency),
      major(o.arrAfterMinor, o.currency),
      o.source,
      o.note,
    ]),
  ];
}

/** One forecast category over every quarter of the backtest: how many it held and how many renewed. */
export type CallRecord = {
  call: ForecastCall;
  renewals: number;
  renewed: number;
  /** renewed ÷ renewals; null when the category held none. */
  rate: number | null;
  expectedArrMinor: number;
  renewedArrMinor: number;
};

/**
 * How the model's commits, likelies and at-risks actually did, summed over the quarters: a good
 * forecast renews nearly all its commits and few of its at-risks.
 */
export function callRecords(quarters: ForecastBacktest["quarters"]): CallRecord[] {
  return FORECAST_CALLS.map((call) => {
    const of = quarters.flatMap((q) => q.byCall.filter((c) => c.call === call));
    const sum = (f: (c: (typeof of)[number]) => number) => of.reduce((s, c) => s + f(c), 0);
    const renewals = sum((c) => c.renewals);
    const renewed = sum((c) => c.renewed);
    return {
      call,
      renewals,
      renewed,
      rate: renewals > 0 ? renewed / renewals : null,
      expectedArrMinor: sum((c) => c.expectedArrMinor),
      renewedArrMinor: sum((c) => c.renewedArrMinor),
    };
  });
}
