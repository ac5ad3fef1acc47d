import type { Outcome } from "../../../contract/index.ts";

export const KIND_LABELS: Record<Outcome["kind"], string> = {
  business_outcome: "Business outcome",
  personal_win: "Personal win",
};

export const STATUS_LABELS: Record<Outcome["status"], string> = {
  planned: "Planned",
  in_progress: "In progress",
  achieved: "Achieved",
  at_risk: "At risk",
  missed: "Missed",
};

export const STATUS_COLORS: Record<Outcome["status"], string> = {
  planned: "gray",
  in_progress: "blue",
  achieved: "green",
  at_risk: "orange",
  missed: "red",
};

/** A 0–100 index in the colours of health bands. */
export const indexColor = (index: number | null): string =>
  index === null ? "gray" : index >= 70 ? "green" : index >= 40 ? "yellow" : "red";

/** What the success index is, in a sentence (the whole definition is docs/success-index.md). */
export const INDEX_DEFINITION =
  "0–100 from the key players' outcomes and personal wins (70%): achieved counts fully, missed not at all, at risk a quarter, and open ones by their progress against the time elapsed (no measure yet: half); and their experience ratings of the last year (30%): touchpoint ratings and survey answers, the recent ones weighing more. The account's index weights key players by influence and seniority; those who left are not counted.";
