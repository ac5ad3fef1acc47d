import { needsFollowUp, type SurveyKind, type SurveyPreview } from "../../../contract/index.ts";
import { formatDate, formatDecimal, formatPercent } from "../../lib/format.ts";

export const KIND_LABELS: Record<SurveyKind, string> = {
  nps: "NPS",
  csat: "CSAT",
  ces: "CES",
  dimension: "Experience dimensions",
};

/** What each kind asks, for the kind picker. */
export const KIND_HINTS: Record<SurveyKind, string> = {
  nps: "How likely to recommend us, 0–10",
  csat: "How satisfied, 1–5",
  ces: "How easy it was, 1–7",
  dimension: "The workspace's experience dimensions, 1–5 each",
};

/**
 * A survey's or a period's score with its unit: NPS in points (rounded), CSAT as a percentage,
 * CES out of 7 and a dimension mean out of 5; a dash without answers.
 */
export const formatScore = (kind: SurveyKind, score: number | null, scale?: number): string => {
  if (score === null) return "—";
  if (kind === "nps") {
    const points = Math.round(score);
    return `${points > 0 ? "+" : ""}${points}`;
  }
  if (kind === "csat") return formatPercent(score);
  return `${formatDecimal(score)} / ${scale ?? (kind === "ces" ? 7 : 5)}`;
};

/** What the score means, next to it. */
export const SCORE_HINTS: Record<SurveyKind, string> = {
  nps: "NPS: % promoters (9–10) minus % detractors (0–6), in points",
  csat: "CSAT: share of answers of 4 or 5",
  ces: "CES: mean effort score, 7 is easiest",
  dimension: "Mean rating across the dimensions, 1–5",
};

type Skipped = SurveyPreview["skipped"][number];

/** Why the preview leaves someone out, in words. */
export const skipReason = (s: Skipped, recontactDays: number): string => {
  switch (s.reason) {
    case "no_email":
      return "No email address";
    case "left_company":
      return "Left the company";
    case "inactive":
      return "Inactive contact";
    case "recently_surveyed":
      return `Asked on ${formatDate(s.lastSurveyedAt)} — within ${recontactDays} days`;
  }
};

/** The closed loop's rule, the server's own (a detractor, a CSAT of 1–2 or a CES of 2 or less). */
export const needsCallBack = needsFollowUp;
