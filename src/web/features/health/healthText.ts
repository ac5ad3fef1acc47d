import {
  HEALTH_SOURCES,
  type HealthBand,
  type HealthSource,
  type SENTIMENT_REASONS,
} from "../../../contract/index.ts";
import { formatDecimal, formatNumber, formatPercent } from "../../lib/format.ts";

/** How the health screens name and colour things; a band's colour always comes with its label. */
export const BAND_LABELS: Record<HealthBand, string> = { poor: "Poor", average: "Average", good: "Good" };
export const BAND_COLORS: Record<HealthBand, string> = { poor: "red", average: "yellow", good: "teal" };
/** Chart fills for band zones (canvas colours, not theme names). */
export const BAND_ZONE_COLORS: Record<HealthBand, string> = {
  poor: "rgba(250, 82, 82, 0.08)",
  average: "rgba(250, 176, 5, 0.08)",
  good: "rgba(18, 184, 134, 0.08)",
};

/** A new customer not scored yet, wherever a band would show. */
export const NOT_ENOUGH_DATA_LABEL = "Not enough data yet";

/** Said of a measure whose own backtest AUC is below 0.5. */
export const INVERTED_TEXT =
  "This measure points the wrong way: accounts it scores well churned more often. Check its rule, or leave it out.";

export const COVERAGE_LABELS: Record<string, string> = {
  one_to_one: "One-to-one",
  one_to_few: "One-to-few",
  one_to_many: "One-to-many",
};

export const REASON_LABELS: Record<(typeof SENTIMENT_REASONS)[number], string> = {
  product_fit: "Product fit",
  product_gaps: "Product gaps",
  adoption: "Adoption",
  support_experience: "Support experience",
  relationship: "Relationship",
  executive_sponsor: "Executive sponsor",
  champion_left: "Champion left",
  budget: "Budget",
  competition: "Competition",
  reorganization: "Reorganization",
  value_realized: "Value realized",
  onboarding: "Onboarding",
};

export const RATING_LABELS: Record<number, string> = {
  1: "1 — at risk",
  2: "2 — concerned",
  3: "3 — neutral",
  4: "4 — positive",
  5: "5 — strong",
};

export const sourceLabel = (source: string): string =>
  HEALTH_SOURCES[source as HealthSource]?.label ?? source;

/** A measure's raw value in its unit: ratio as %, days, users, rating /5, boolean yes/no. */
export const formatMeasureValue = (source: string, value: number | null): string => {
  if (value === null) return "no data";
  const unit = HEALTH_SOURCES[source as HealthSource]?.unit;
  switch (unit) {
    case "ratio":
      return formatPercent(value);
    case "days":
      return `${formatNumber(Math.round(value))} ${Math.round(value) === 1 ? "day" : "days"}`;
    case "users":
      return `${formatNumber(value)} ${value === 1 ? "user" : "users"}`;
    case "rating":
      return `${formatDecimal(value)} / 5`;
    case "boolean":
      return value ? "yes" : "no";
    default:
      return formatDecimal(value, 2);
  }
};

/** A score change with its sign: +4.5, −12, ±0. */
export const formatScoreDelta = (change: number): string => {
  const r = Math.round(change * 10) / 10;
  if (r === 0) return "±0";
  return `${r > 0 ? "+" : "−"}${formatDecimal(Math.abs(r))}`;
};
