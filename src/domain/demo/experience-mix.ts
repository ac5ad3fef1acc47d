import type { TICKET_PRIORITIES } from "../../contract/experience.ts";
import type { Tier } from "./catalog.ts";

/**
 * How often things happen in the demo's support and survey history, calm and in trouble (the
 * months before a churn or contraction): tuned so the book's ticket CSAT lands near 0.8 and its
 * NPS between +20 and +30, with troubled accounts clearly below.
 */

export type Priority = (typeof TICKET_PRIORITIES)[number];

export type Weights<T> = readonly (readonly [T, number])[];

/** Tickets per 30 days by tier, before the account's story changes it. */
export const TICKETS_PER_MONTH: Record<Tier, number> = { SMB: 0.5, "Mid-Market": 1.3, Enterprise: 2.8 };
/** The months before a churn or contraction, and a few weeks after, are the troubled ones. */
export const TROUBLE_BEFORE = 150;
export const TROUBLE_AFTER = 45;
export const SATISFACTION_ANSWERED = 0.58;

export const PRIORITY: Record<"calm" | "trouble", Weights<Priority>> = {
  calm: [
    ["low", 30],
    ["medium", 46],
    ["high", 19],
    ["urgent", 5],
  ],
  trouble: [
    ["low", 14],
    ["medium", 40],
    ["high", 32],
    ["urgent", 14],
  ],
};
/** Minutes to first response and hours to resolution by priority: [min, max]. */
export const RESPONSE: Record<Priority, [number, number, number, number]> = {
  urgent: [5, 45, 2, 30],
  high: [20, 180, 4, 72],
  medium: [45, 480, 8, 120],
  low: [90, 1440, 12, 200],
};
export const ESCALATION: Record<Priority, number> = {
  urgent: 0.3,
  high: 0.1,
  medium: 0.025,
  low: 0.005,
};
export const SATISFACTION: Record<"calm" | "trouble", Weights<number>> = {
  calm: [
    [5, 60],
    [4, 27],
    [3, 7],
    [2, 3],
    [1, 3],
  ],
  trouble: [
    [5, 24],
    [4, 28],
    [3, 20],
    [2, 15],
    [1, 13],
  ],
};

/** NPS answers before an account's last one: warm at expanding accounts, cold when in trouble. */
export const NPS: Record<"trouble" | "fond" | "wary" | "usual", Weights<number>> = {
  trouble: [
    [0, 4],
    [1, 4],
    [2, 7],
    [3, 10],
    [4, 12],
    [5, 14],
    [6, 16],
    [7, 15],
    [8, 10],
    [9, 5],
    [10, 3],
  ],
  fond: [
    [10, 30],
    [9, 32],
    [8, 18],
    [7, 9],
    [6, 5],
    [5, 3],
    [4, 2],
    [3, 1],
  ],
  wary: [
    [10, 8],
    [9, 14],
    [8, 22],
    [7, 20],
    [6, 14],
    [5, 10],
    [4, 6],
    [3, 4],
    [2, 2],
  ],
  usual: [
    [10, 24],
    [9, 27],
    [8, 20],
    [7, 12],
    [6, 7],
    [5, 4],
    [4, 3],
    [3, 2],
    [2, 1],
  ],
};
export const CSAT: Record<"calm" | "trouble", Weights<number>> = {
  calm: [
    [5, 45],
    [4, 36],
    [3, 11],
    [2, 5],
    [1, 3],
  ],
  trouble: [
    [5, 18],
    [4, 30],
    [3, 25],
    [2, 16],
    [1, 11],
  ],
};
export const CES: Record<"calm" | "trouble", Weights<number>> = {
  calm: [
    [7, 22],
    [6, 34],
    [5, 20],
    [4, 10],
    [3, 6],
    [2, 5],
    [1, 3],
  ],
  trouble: [
    [7, 6],
    [6, 14],
    [5, 18],
    [4, 20],
    [3, 18],
    [2, 14],
    [1, 10],
  ],
};
