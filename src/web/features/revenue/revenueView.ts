import type { RevenueMetrics } from "../../../contract/index.ts";
import { toMajor } from "../../lib/format.ts";

/**
 * What the Revenue page shows, worked out from the server's answer without React: the period a
 * preset stands for, the series of the movements chart, the shade of a cohort cell and the rows of
 * the movements table (on screen and in its CSV). The figures themselves are the server's.
 */

export const PERIOD_PRESETS = ["12m", "ytd", "last-year", "custom"] as const;
export type PeriodPreset = (typeof PERIOD_PRESETS)[number];

export const PERIOD_LABELS: Record<PeriodPreset, string> = {
  "12m": "Last 12 months",
  ytd: "This year",
  "last-year": "Last year",
  custom: "Custom",
};

/** A period of whole months: the query's days, and its first and last months as `YYYY-MM`. */
export type RevenuePeriod = { from: string; to: string; first: string; last: string };

/** `YYYY-MM` plus `n` months (negative to go back). */
export const addMonths = (month: string, n: number): string => {
  const index = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1 + n;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, "0")}`;
};

const span = (first: string, last: string): RevenuePeriod => ({
  from: `${first}-01`,
  // The server reads whole months: any day of the last month ends the period with that month.
  to: `${last}-01`,
  first,
  last,
});

/**
 * The months a preset covers, up to and including the current month (its MRR at the month's end
 * counts what is already known to end before then). A custom period missing either end falls back
 * to the last 12 months, so a half-typed URL still shows figures.
 */
export function revenuePeriod(
  preset: PeriodPreset,
  custom: { from?: string; to?: string },
  today: string,
): RevenuePeriod {
  const month = today.slice(0, 7);
  const year = month.slice(0, 4);
  if (preset === "ytd") return span(`${year}-01`, month);
  if (preset === "last-year") return span(`${Number(year) - 1}-01`, `${Number(year) - 1}-12`);
  if (preset === "custom" && custom.from && custom.to) return span(custom.from, custom.to);
  return span(addMonths(month, -11), month);
}

const monthFormat = new Intl.DateTimeFormat("en-US", { month: "short", year: "numeric", timeZone: "UTC" });

/** "2026-11" → "Nov 2026". */
export const monthLabel = (month: string): string => monthFormat.format(new Date(`${month}-01T00:00:00Z`));

type Month = RevenueMetrics["byMonth"][number];

/**
 * The movements chart's series in major units: gains stack above zero, losses below (negative),
 * and the month-end MRR as a line, so each month's bars explain the line's step.
 */
export type MovementSeries = {
  months: string[];
  gains: { key: "newMinor" | "expansionMinor" | "reactivationMinor"; name: string; data: number[] }[];
  losses: { key: "contractionMinor" | "churnMinor"; name: string; data: number[] }[];
  end: number[];
};

export function movementSeries(byMonth: Month[], currency: string): MovementSeries {
  const major = (minor: number) => toMajor(minor, currency);
  return {
    months: byMonth.map((m) => m.month),
    gains: [
      { key: "newMinor", name: "New", data: byMonth.map((m) => major(m.newMinor)) },
      { key: "expansionMinor", name: "Expansion", data: byMonth.map((m) => major(m.expansionMinor)) },
      {
        key: "reactivationMinor",
        name: "Reactivation",
        data: byMonth.map((m) => major(m.reactivationMinor)),
      },
    ],
    losses: [
      {
        key: "contractionMinor",
        name: "Contraction",
        data: byMonth.map((m) => -major(m.contractionMinor)),
      },
      { key: "churnMinor", name: "Churn", data: byMonth.map((m) => -major(m.churnMinor)) },
    ],
    end: byMonth.map((m) => major(m.endMrrMinor)),
  };
}

/** A month's net change of MRR: what the bars add up to. */
export const netMovementMinor = (m: Month): number =>
  m.newMinor + m.expansionMinor + m.reactivationMinor - m.contractionMinor - m.churnMinor;

/**
 * The heat-map shade of a cohort cell: the more of month 0 is kept, the stronger the colour.
 * Revenue can grow past 100%; those cells take the strongest shade. Text turns white where the
 * background gets dark enough to need it. No rate (nothing to compare with), no shade.
 */
export function retentionShade(rate: number | null): { background: string; color: string } | null {
  if (rate === null || !Number.isFinite(rate)) return null;
  const kept = Math.min(Math.max(rate, 0), 1);
  const alpha = Math.round((0.06 + 0.74 * kept) * 100) / 100;
  return {
    background: `rgba(19, 143, 120, ${alpha})`,
    color: alpha >= 0.5 ? "#ffffff" : "inherit",
  };
}

/** The columns of the cohort triangle: month offsets 0 … the oldest cohort's last. */
export const cohortOffsets = (cohorts: { retention: { offset: number }[] }[]): number[] => {
  const last = Math.max(-1, ...cohorts.flatMap((c) => c.retention.map((r) => r.offset)));
  return Array.from({ length: last + 1 }, (_, i) => i);
};

/** One column of the movements table, as shown and as exported. */
export type MovementColumn = {
  key: keyof Month | "net";
  header: string;
  kind: "month" | "money" | "count" | "rate";
};

export const MOVEMENT_COLUMNS: MovementColumn[] = [
  { key: "month", header: "Month", kind: "month" },
  { key: "startMrrMinor", header: "Start MRR", kind: "money" },
  { key: "newMinor", header: "New", kind: "money" },
  { key: "expansionMinor", header: "Expansion", kind: "money" },
  { key: "reactivationMinor", header: "Reactivation", kind: "money" },
  { key: "contractionMinor", header: "Contraction", kind: "money" },
  { key: "churnMinor", header: "Churn", kind: "money" },
  { key: "net", header: "Net change", kind: "money" },
  { key: "endMrrMinor", header: "End MRR", kind: "money" },
  { key: "logos", header: "Customers", kind: "count" },
  { key: "nrr", header: "NRR", kind: "rate" },
  { key: "grr", header: "GRR", kind: "rate" },
  { key: "logoChurn", header: "Logo churn", kind: "rate" },
];

/** A column's raw value for a month: minor units, a count or a fraction. */
export const movementValue = (m: Month, key: MovementColumn["key"]): string | number | null =>
  key === "net" ? netMovementMinor(m) : m[key];

/**
 * The movements table as CSV rows: the same columns as on screen, amounts in major units with the
 * currency in the header, rates as percentages with one decimal, so a spreadsheet reads numbers.
 */
export function movementsCsvRows(byMonth: Month[], currency: string): (string | number | null)[][] {
  const header = MOVEMENT_COLUMNS.map((c) =>
    c.kind === "money" ? `${c.header} (${currency})` : c.kind === "rate" ? `${c.header} (%)` : c.header,
  );
  const rows = byMonth.map((m) =>
    MOVEMENT_COLUMNS.map((c) => {
      const v = movementValue(m, c.key);
      if (typeof v !== "number") return v;
      if (c.kind === "money") return toMajor(v, currency);
      if (c.kind === "rate") return Math.round(v * 1000) / 10;
      return v;
    }),
  );
  return [header, ...rows];
}
