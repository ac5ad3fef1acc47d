import type { AccountRevenue } from "../../../contract/index.ts";
import { addMonths } from "./revenueView.ts";

type MrrMovementKind = AccountRevenue["months"][number]["kind"];

/** One month-end of an account's MRR, for its chart. */
export type MrrPoint = { month: string; mrrMinor: number };

/**
 * The account's month-end MRR in one currency, every month from its first movement to `thisMonth`:
 * the server lists only months with a movement, and between them the MRR stays what the last one
 * left. Empty when the account never paid in that currency.
 */
export function accountMrrPoints(
  months: AccountRevenue["months"],
  currency: string,
  thisMonth: string,
): MrrPoint[] {
  const moves = months.filter((m) => m.currency === currency).sort((a, b) => a.month.localeCompare(b.month));
  const first = moves[0];
  if (!first) return [];
  const lastMove = moves[moves.length - 1]?.month ?? first.month;
  const last = lastMove > thisMonth ? lastMove : thisMonth;
  const after = new Map(moves.map((m) => [m.month, m.mrrMinor]));
  const out: MrrPoint[] = [];
  let mrr = 0;
  // A 20-year cap keeps a stray far-future date from building thousands of points.
  for (let month = first.month; month <= last && out.length < 240; month = addMonths(month, 1)) {
    mrr = after.get(month) ?? mrr;
    out.push({ month, mrrMinor: mrr });
  }
  return out;
}

export const MOVEMENT_LABELS: Record<MrrMovementKind, string> = {
  new: "New",
  expansion: "Expansion",
  reactivation: "Reactivation",
  contraction: "Contraction",
  churn: "Churn",
};

export const MOVEMENT_COLORS: Record<MrrMovementKind, string> = {
  new: "green",
  expansion: "teal",
  reactivation: "blue",
  contraction: "orange",
  churn: "red",
};

/** The movements newest first, as the history card lists them. */
export const newestFirst = (months: AccountRevenue["months"]) =>
  [...months].sort((a, b) => b.month.localeCompare(a.month) || a.currency.localeCompare(b.currency));
