/**
 * Calendar days as `YYYY-MM-DD` strings in UTC: the one place Steward does day arithmetic, so
 * that "in 17 days" means the same thing in the database, the domain and every transport.
 */

export const DAY_MS = 86_400_000;

const dayMs = (day: string): number => Date.parse(`${day}T00:00:00Z`);

/** The UTC calendar day of an instant (a Date or an ISO timestamp). */
export const utcDay = (at: Date | string): string =>
  (typeof at === "string" ? new Date(at) : at).toISOString().slice(0, 10);

/** Today's UTC date. */
export const utcToday = (now: Date = new Date()): string => utcDay(now);

/** The day `n` days after (before, when negative) `day`. */
export const addDays = (day: string, n: number): string => utcDay(new Date(dayMs(day) + n * DAY_MS));

/** Whole calendar days from `from` to `to` (positive when `to` is later). */
export const daysBetween = (from: string, to: string): number =>
  Math.round((dayMs(to) - dayMs(from)) / DAY_MS);

/** True for a real calendar day written as YYYY-MM-DD (not 2026-02-30). */
export const isIsoDay = (value: string): boolean =>
  /^\d{4}-\d{2}-\d{2}$/.test(value) &&
  !Number.isNaN(dayMs(value)) &&
  utcDay(new Date(dayMs(value))) === value;
