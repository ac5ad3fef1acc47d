import { CHANNEL_LABELS } from "../../../contract/index.ts";

export { CHANNEL_LABELS };

export const RATING_OPTIONS = [
  { value: "1", label: "1 — poor" },
  { value: "2", label: "2 — below par" },
  { value: "3", label: "3 — fine" },
  { value: "4", label: "4 — good" },
  { value: "5", label: "5 — excellent" },
];

export const LIST_TITLES = {
  decision: "Customer decision steps",
  development: "Our business-development steps",
  dimension: "Experience dimensions",
} as const;

/** An average rating in words for a table cell: "4.25", or a dash when nothing was rated. */
export const avg = (n: number | null): string => (n === null ? "–" : n.toFixed(n % 1 === 0 ? 0 : 2));
