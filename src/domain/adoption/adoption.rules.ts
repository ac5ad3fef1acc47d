import { addDays, daysBetween, isIsoDay } from "../../common/dates.ts";
import { AppError } from "../../common/errors.ts";
import type { EngagedAccount, FeatureAdoption, Trend, UsagePeriod } from "../../contract/usage.ts";

export const PERIOD_DAYS: Record<UsagePeriod, number> = { "7d": 7, "30d": 30, "90d": 90 };
/** Settings a workspace without a `usage_settings` row has. */
export const DEFAULT_SETTINGS = { quietDays: 14, keyPlayerQuietDays: 21 } as const;
export const TOP_FEATURES = 10;
export const ENGAGED_ACCOUNTS = 10;

/** Refuses a `today` that is not a real YYYY-MM-DD date: it ends up in SQL as a date. */
export function checkDay(day: string): string {
  if (!isIsoDay(day)) {
    throw new AppError("VALIDATION_FAILED", `"${day}" is not a date as YYYY-MM-DD`);
  }
  return day;
}

export type PeriodRange = {
  from: string;
  to: string;
  previousFrom: string;
  previousTo: string;
  /** First day of the 7- and 30-day windows ending `to` (weekly and monthly active users). */
  wauFrom: string;
  mauFrom: string;
  /** The earliest day any figure reads: the previous period's start or the 30-day window's. */
  scanFrom: string;
};

/** The period of P days ending today, the P days before it, and the WAU/MAU windows. */
export function periodRange(period: UsagePeriod, today: string): PeriodRange {
  const days = PERIOD_DAYS[period];
  const from = addDays(today, -(days - 1));
  const previousFrom = addDays(from, -days);
  return {
    from,
    to: today,
    previousFrom,
    previousTo: addDays(from, -1),
    wauFrom: addDays(today, -6),
    mauFrom: addDays(today, -29),
    scanFrom: addDays(today, -Math.max(2 * days - 1, 29)),
  };
}

/** `null` when the divisor is zero or unknown. */
export const ratio = (numerator: number | null, divisor: number | null): number | null =>
  numerator === null || divisor === null || divisor === 0 ? null : numerator / divisor;

export const trend = (current: number | null, previous: number | null): Trend => ({
  current,
  previous,
  change: current === null ? null : ((r) => (r === null ? null : r - 1))(ratio(current, previous)),
});

export type DayPoint = { day: string; activeUsers: number; events: number };

/** One point per day from `from` to `to`, days without data at zero. */
export function fillSeries(
  from: string,
  to: string,
  users: { day: string; n: number }[],
  events: { day: string; n: number }[],
): DayPoint[] {
  const u = new Map(users.map((r) => [r.day, r.n]));
  const e = new Map(events.map((r) => [r.day, r.n]));
  const points: DayPoint[] = [];
  for (let day = from; day <= to; day = addDays(day, 1)) {
    points.push({ day, activeUsers: u.get(day) ?? 0, events: e.get(day) ?? 0 });
  }
  return points;
}

export type EventTotals = { event: string; current: number; previous: number };
export type FeatureDef = { event: string; name: string; key: boolean };

/** Key features used (events > 0) in each period ÷ key features defined. */
export function breadth(totals: EventTotals[], defs: FeatureDef[]) {
  const keys = new Set(defs.filter((d) => d.key).map((d) => d.event));
  const used = totals.filter((t) => keys.has(t.event) && t.current > 0).length;
  const usedBefore = totals.filter((t) => keys.has(t.event) && t.previous > 0).length;
  return {
    used,
    defined: keys.size,
    ratio: ratio(used, keys.size),
    previousRatio: ratio(usedBefore, keys.size),
  };
}

/** Key-feature uses (all uses when no feature is key) per active user, against the previous period. */
export function depth(
  totals: EventTotals[],
  defs: FeatureDef[],
  users: { current: number; previous: number },
): Trend {
  const keys = new Set(defs.filter((d) => d.key).map((d) => d.event));
  const counted = keys.size ? totals.filter((t) => keys.has(t.event)) : totals;
  const sum = (pick: (t: EventTotals) => number) => counted.reduce((s, t) => s + pick(t), 0);
  return trend(
    ratio(
      sum((t) => t.current),
      users.current,
    ),
    ratio(
      sum((t) => t.previous),
      users.previous,
    ),
  );
}

/** The most used events of the period, by uses then name, with their names and key flags. */
export function topEvents(totals: EventTotals[], defs: FeatureDef[], limit = TOP_FEATURES) {
  const byEvent = new Map(defs.map((d) => [d.event, d]));
  return totals
    .filter((t) => t.current > 0)
    .sort((a, b) => b.current - a.current || (a.event < b.event ? -1 : a.event > b.event ? 1 : 0))
    .slice(0, limit)
    .map((t) => ({
      event: t.event,
      name: byEvent.get(t.event)?.name ?? t.event,
      key: byEvent.get(t.event)?.key ?? false,
      events: t.current,
    }));
}

export type QuietInput = {
  lifecycleStage: string;
  lastActiveOn: string | null;
  /** UTC date the account was created. */
  createdOn: string;
  /** Whether the workspace has any usage data at all. */
  workspaceHasUsage: boolean;
};

/**
 * Quiet: no activity for `quietDays` or more; or never active, in a workspace that sends usage,
 * and created at least `quietDays` ago. Churned accounts are never quiet.
 */
export function isAccountQuiet(a: QuietInput, today: string, quietDays: number): boolean {
  if (a.lifecycleStage === "churned") return false;
  if (a.lastActiveOn !== null) return daysBetween(a.lastActiveOn, today) >= quietDays;
  return a.workspaceHasUsage && daysBetween(a.createdOn, today) >= quietDays;
}

/**
 * A key player is quiet `days` after their last activity. One who never used the product is not:
 * there is no silence to notice; nor is anyone at a churned account.
 */
export const isKeyPlayerQuiet = (
  lastActiveOn: string | null,
  today: string,
  days: number,
  accountStage: string,
): boolean => accountStage !== "churned" && lastActiveOn !== null && daysBetween(lastActiveOn, today) >= days;

export type AccountActivity = Omit<EngagedAccount, "utilization"> & { mau: number };

const byName = (a: { name: string; accountId: string }, b: { name: string; accountId: string }) =>
  a.name.localeCompare(b.name) || (a.accountId < b.accountId ? -1 : 1);

/**
 * Most engaged: most distinct active users, then most uses; least engaged the reverse (accounts
 * without any activity first). Ties go by name so the lists are stable.
 */
export function rankEngagement(
  rows: AccountActivity[],
  limit = ENGAGED_ACCOUNTS,
): { mostEngaged: EngagedAccount[]; leastEngaged: EngagedAccount[] } {
  const toEngaged = ({ mau, ...r }: AccountActivity): EngagedAccount => ({
    ...r,
    utilization: ratio(mau, r.seats),
  });
  const most = [...rows].sort((a, b) => b.activeUsers - a.activeUsers || b.events - a.events || byName(a, b));
  const least = [...rows].sort(
    (a, b) => a.activeUsers - b.activeUsers || a.events - b.events || byName(a, b),
  );
  return {
    mostEngaged: most.slice(0, limit).map(toEngaged),
    leastEngaged: least.slice(0, limit).map(toEngaged),
  };
}

export type FeatureStats = {
  event: string;
  accounts: number;
  users: number;
  events: number;
  previousEvents: number;
  lastUsedOn: string | null;
};

/** Adoption of every event seen in either period or defined, most used first. */
export function featureAdoption(
  stats: FeatureStats[],
  defs: FeatureDef[],
  activeAccounts: number,
): FeatureAdoption[] {
  const byEvent = new Map(stats.map((s) => [s.event, s]));
  for (const d of defs) {
    if (!byEvent.has(d.event)) {
      byEvent.set(d.event, {
        event: d.event,
        accounts: 0,
        users: 0,
        events: 0,
        previousEvents: 0,
        lastUsedOn: null,
      });
    }
  }
  const names = new Map(defs.map((d) => [d.event, d]));
  return [...byEvent.values()]
    .map((s) => ({
      ...s,
      name: names.get(s.event)?.name ?? s.event,
      key: names.get(s.event)?.key ?? false,
      accountShare: ratio(s.accounts, activeAccounts),
    }))
    .sort(
      (a, b) =>
        b.events - a.events ||
        b.previousEvents - a.previousEvents ||
        (a.event < b.event ? -1 : a.event > b.event ? 1 : 0),
    );
}
