import { daysBetween } from "../../../common/dates.ts";
import {
  type Calibration,
  FORECAST_CALLS,
  type ForecastCall,
  type ForecastTotals,
  RENEWAL_OUTCOMES,
  RENEWAL_STAGES,
  type Renewal,
  type RenewalOutcome,
  type RenewalPipeline,
  type RenewalStage,
  ZId,
} from "../../../contract/index.ts";
import type { CsvCell } from "../../lib/csv.ts";
import { toMajor } from "../../lib/format.ts";
import { humanize } from "../../lib/labels.ts";
import type { CalibrationBin } from "../../ui/CalibrationChart.tsx";
import { PERIOD_LABELS, PERIOD_PRESETS } from "../revenue/revenueView.ts";

/**
 * What the Renewals page shows, worked out without React: the view kept in the URL, the order of
 * the pipeline's rows, the notice-date flag and the pipeline's CSV. The figures are the server's.
 */

/** The windows offered, in days from today; 90 is the API's default and stays out of the URL. */
export const WINDOWS = [30, 60, 90, 180, 365] as const;
export type RenewalWindow = (typeof WINDOWS)[number];
export const DEFAULT_WINDOW: RenewalWindow = 90;

export const RENEWAL_TABS = ["pipeline", "outcomes", "backtest", "expansion"] as const;
export type RenewalTab = (typeof RENEWAL_TABS)[number];

/** The Outcomes tab's periods: the revenue page's presets, and the year ahead for outcomes recorded early. */
export const OUTCOME_PRESETS = [
  ...PERIOD_PRESETS.filter((p) => p !== "custom"),
  "next-12m",
  "custom",
] as const;
export type OutcomePreset = (typeof OUTCOME_PRESETS)[number];
export const OUTCOME_PRESET_LABELS: Record<OutcomePreset, string> = {
  ...PERIOD_LABELS,
  "next-12m": "Next 12 months",
};

export const BACKTEST_QUARTERS = [4, 8, 12, 16] as const;
export const DEFAULT_QUARTERS = 8;

export const RENEWAL_SORTS = [
  "account",
  "product",
  "due",
  "notice",
  "arr",
  "health",
  "churn",
  "success",
  "owner",
  "stage",
  "probability",
  "call",
  "outcome",
] as const;
export type RenewalSort = (typeof RENEWAL_SORTS)[number];
export const DEFAULT_SORT: RenewalSort = "due";

/** The Renewals page's view in the URL; defaults are left out, so a plain /renewals is the usual view. */
export type RenewalsSearch = {
  tab?: Exclude<RenewalTab, "pipeline">;
  days?: RenewalWindow;
  segment?: string;
  /** A member's id, or `none` for accounts without an owner. */
  owner?: string;
  stage?: RenewalStage;
  forecast?: ForecastCall;
  /** A sort key, `-key` for descending. */
  sort?: string;
  period?: Exclude<OutcomePreset, "12m">;
  /** The Outcomes tab's table narrowed to one outcome. */
  outcome?: RenewalOutcome;
  /** The Outcomes tab's custom months, `YYYY-MM`. */
  from?: string;
  to?: string;
  quarters?: number;
};

const oneOf = <T extends string | number>(v: unknown, allowed: readonly T[]): T | undefined => {
  const x = typeof v === "string" && typeof allowed[0] === "number" ? Number(v) : v;
  return (allowed as readonly unknown[]).includes(x) ? (x as T) : undefined;
};
const id = (v: unknown): string | undefined => (ZId.safeParse(v).success ? (v as string) : undefined);
const month = (v: unknown): string | undefined =>
  typeof v === "string" && /^\d{4}-(0[1-9]|1[0-2])$/.test(v) ? v : undefined;

/**
 * Reads the view from the URL's search, keeping only what the page and the API know, so a
 * hand-edited or stale link shows the nearest sensible view instead of an error.
 */
export function parseRenewalsSearch(s: Record<string, unknown>): RenewalsSearch {
  const days = oneOf(s.days, WINDOWS);
  const quarters = oneOf(s.quarters, BACKTEST_QUARTERS);
  const sort = typeof s.sort === "string" ? s.sort : undefined;
  const sortKey = oneOf(sort?.replace(/^-/, ""), RENEWAL_SORTS);
  return {
    tab: oneOf(s.tab, ["outcomes", "backtest", "expansion"] as const),
    days: days === DEFAULT_WINDOW ? undefined : days,
    segment: id(s.segment),
    owner: s.owner === "none" ? "none" : id(s.owner),
    stage: oneOf(s.stage, RENEWAL_STAGES),
    forecast: oneOf(s.forecast, FORECAST_CALLS),
    sort: sortKey && sort !== DEFAULT_SORT ? sort : undefined,
    period: oneOf(
      s.period,
      OUTCOME_PRESETS.filter((p) => p !== "12m"),
    ),
    outcome: oneOf(s.outcome, RENEWAL_OUTCOMES),
    from: month(s.from),
    to: month(s.to),
    quarters: quarters === DEFAULT_QUARTERS ? undefined : quarters,
  };
}

export const STAGE_LABELS: Record<RenewalStage, string> = {
  not_started: "Not started",
  outreach: "Outreach",
  negotiating: "Negotiating",
  verbal_commit: "Verbal commit",
  closed: "Closed",
};
export const CALL_LABELS: Record<ForecastCall, string> = {
  commit: "Commit",
  likely: "Likely",
  at_risk: "At risk",
};
export const CALL_COLORS: Record<ForecastCall, string> = { commit: "teal", likely: "blue", at_risk: "red" };
export const OUTCOME_LABELS: Record<RenewalOutcome, string> = {
  renewed: "Renewed",
  expanded: "Expanded",
  downgraded: "Downgraded",
  churned: "Churned",
};
export const OUTCOME_COLORS: Record<RenewalOutcome, string> = {
  renewed: "teal",
  expanded: "green",
  downgraded: "orange",
  churned: "red",
};

/** The outcomes as a select's or a filter's choices. */
export const OUTCOME_OPTIONS = (Object.keys(OUTCOME_LABELS) as RenewalOutcome[]).map((o) => ({
  value: o,
  label: OUTCOME_LABELS[o],
}));

/** "champion_left" → "Champion left"; no code → a dash. */
export const reasonLabel = (code: string | null | undefined): string => humanize(code);

type SortValue = string | number | null;
const rank = <T>(list: readonly T[], v: T | null): number | null => (v === null ? null : list.indexOf(v));

const SORT_VALUE: Record<RenewalSort, (r: Renewal) => SortValue> = {
  account: (r) => r.accountName.toLowerCase(),
  product: (r) => `${r.product} ${r.plan ?? ""}`.toLowerCase(),
  due: (r) => r.dueDate,
  notice: (r) => r.noticeDate,
  arr: (r) => r.arrMinor,
  health: (r) => r.healthScore,
  churn: (r) => r.churnProbability,
  success: (r) => r.successIndex,
  owner: (r) => r.owner?.name.toLowerCase() ?? null,
  stage: (r) => rank(RENEWAL_STAGES, r.stage),
  probability: (r) => r.renewalProbability,
  call: (r) => rank(FORECAST_CALLS, r.csmCall),
  outcome: (r) => rank(RENEWAL_OUTCOMES, r.outcome),
};

/**
 * The pipeline in the order asked for (`key` or `-key`), in the browser: the server answers the
 * whole window at once. Rows without a value go last either way; ties keep the server's order
 * (soonest renewal first). ARR is compared as written, whatever its currency.
 */
export function sortRenewals(rows: Renewal[], sort: string | undefined): Renewal[] {
  const desc = sort?.startsWith("-") ?? false;
  const key = (sort?.replace(/^-/, "") ?? DEFAULT_SORT) as RenewalSort;
  const value = SORT_VALUE[key] ?? SORT_VALUE[DEFAULT_SORT];
  return rows
    .map((r, i) => ({ r, i, v: value(r) }))
    .sort((a, b) => {
      if (a.v === null || b.v === null) return a.v === b.v ? a.i - b.i : a.v === null ? 1 : -1;
      const c = a.v < b.v ? -1 : a.v > b.v ? 1 : 0;
      return (desc ? -c : c) || a.i - b.i;
    })
    .map((x) => x.r);
}

/** How close an open renewal's notice date is: gone, within two weeks, or not yet a worry. */
export type NoticeState = { state: "passed" | "soon"; days: number } | null;
export const NOTICE_SOON_DAYS = 14;

export function noticeState(r: Pick<Renewal, "noticeDate" | "outcome">, today: string): NoticeState {
  if (r.outcome) return null;
  const days = daysBetween(today, r.noticeDate);
  if (days < 0) return { state: "passed", days };
  return days <= NOTICE_SOON_DAYS ? { state: "soon", days } : null;
}

/** The forecast's totals to show: the one in the headline currency, else one per currency. */
export const forecastTotals = (forecast: RenewalPipeline["forecast"]): ForecastTotals[] =>
  forecast.headline ? [forecast.headline] : forecast.byCurrency;

/**
 * The reliability table as the calibration chart's buckets: per tenth of churn probability, the
 * renewal probability the fit gives and the share of past renewals that renewed.
 */
export const reliabilityBins = (bins: Calibration["bins"]): CalibrationBin[] =>
  bins.map((b) => {
    const label = `${Math.round(b.from * 100)}–${Math.round(b.to * 100)}%`;
    return {
      label,
      heading: `Churn probability ${label}: ${b.renewals} past renewal${b.renewals === 1 ? "" : "s"}`,
      predicted: b.predicted,
      observed: b.actual,
    };
  });

/** The next longer window, to suggest when the one shown is empty; none after the longest. */
export const longerWindow = (days: number): RenewalWindow | null => WINDOWS.find((w) => w > days) ?? null;

const pct = (v: number | null) => (v === null ? null : Math.round(v * 1000) / 10);

/**
 * The pipeline as CSV rows, in the order shown: amounts in major units beside their currency
 * (rows may be in several), probabilities as percentages with one decimal, codes as written.
 */
export function pipelineCsvRows(rows: Renewal[]): CsvCell[][] {
  const header = [
    "Account",
    "Product",
    "Plan",
    "Renewal date",
    "Notice date",
    "Currency",
    "ARR",
    "Health score",
    "Health band",
    "Churn probability (%)",
    "Success index",
    "Owner",
    "Stage",
    "Forecast",
    "Renewal probability (%)",
    "CSM call",
    "Call differs",
    "Outcome",
    "Reason",
    "ARR after",
    "Note",
  ];
  return [
    header,
    ...rows.map((r) => [
      r.accountName,
      r.product,
      r.plan,
      r.dueDate,
      r.noticeDate,
      r.currency,
      toMajor(r.arrMinor, r.currency),
      r.healthScore,
      r.healthBand,
      pct(r.churnProbability),
      r.successIndex,
      r.owner?.name ?? null,
      r.stage,
      r.forecast,
      pct(r.renewalProbability),
      r.csmCall,
      r.callDiffers ? "yes" : "no",
      r.outcome,
      r.reasonCode,
      r.arrAfterMinor === null ? null : toMajor(r.arrAfterMinor, r.currency),
      r.note,
    ]),
  ];
}
