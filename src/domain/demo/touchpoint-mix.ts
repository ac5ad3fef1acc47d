import type { Weights } from "./experience-mix.ts";

/**
 * How the demo's touchpoints are rated: our employees' quality (most 3–5) and the customer's
 * experience, calm and in the troubled months before a churn or contraction, and who reviews whom.
 */

export const QUALITY: Record<"calm" | "trouble", Weights<number>> = {
  calm: [
    [5, 30],
    [4, 42],
    [3, 20],
    [2, 6],
    [1, 2],
  ],
  trouble: [
    [5, 14],
    [4, 36],
    [3, 32],
    [2, 13],
    [1, 5],
  ],
};
export const EXPERIENCE: Record<"calm" | "trouble", Weights<number>> = {
  calm: [
    [5, 40],
    [4, 38],
    [3, 14],
    [2, 5],
    [1, 3],
  ],
  trouble: [
    [5, 10],
    [4, 24],
    [3, 30],
    [2, 22],
    [1, 14],
  ],
};

/** Who reviews whose touchpoints: a manager or leader of the function, or the chief customer officer. */
export const RATER: Record<string, string> = {
  "jordan.ellis": "sofia.marino",
  "sofia.marino": "robert.hayes",
  "dana.whitfield": "grace.liu",
  "marcus.okafor": "grace.liu",
  "priya.raman": "marcus.okafor",
  "tomas.herrera": "marcus.okafor",
  "hannah.becker": "marcus.okafor",
  "grace.liu": "robert.hayes",
  "kwame.asante": "grace.liu",
  "elena.petrova": "grace.liu",
  "olivia.brooks": "robert.hayes",
  "ravi.menon": "robert.hayes",
  "lena.vogel": "robert.hayes",
};
