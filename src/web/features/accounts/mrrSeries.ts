import type { Subscription } from "../../../contract/index.ts";

export type MrrPoint = { month: string; mrrMinor: number };

const monthKey = (d: Date) => `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, "0")}`;

/**
 * Monthly MRR of an account rebuilt from its subscriptions, as it stood at the end of each month
 * (today for the current month), so a subscription replaced mid-month is not counted twice.
 * Only subscriptions in the account's currency are summed; trials are not revenue yet.
 */
export const mrrSeries = (subs: Subscription[], currency: string, today = new Date()): MrrPoint[] => {
  const paid = subs.filter((s) => s.currency === currency && s.status !== "trial");
  if (paid.length === 0) return [];
  const first = paid.map((s) => s.startDate).sort()[0] as string;
  const cursor = new Date(`${first.slice(0, 7)}-01T00:00:00Z`);
  const last = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), 1));
  const out: MrrPoint[] = [];
  while (cursor <= last && out.length < 240) {
    const monthEnd = new Date(Date.UTC(cursor.getUTCFullYear(), cursor.getUTCMonth() + 1, 0));
    const asOf = (monthEnd < today ? monthEnd : today).toISOString().slice(0, 10);
    const mrr = paid
      .filter((s) => s.startDate <= asOf && (s.endDate === null || s.endDate >= asOf))
      .reduce((sum, s) => sum + s.mrrMinor, 0);
    out.push({ month: monthKey(cursor), mrrMinor: mrr });
    cursor.setUTCMonth(cursor.getUTCMonth() + 1);
  }
  return out;
};
