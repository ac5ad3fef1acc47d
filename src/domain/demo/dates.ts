const DAY_MS = 86_400_000;

/** Today's date in UTC as `YYYY-MM-DD`. */
export const todayUtc = (now: Date = new Date()): string => now.toISOString().slice(0, 10);

/** The date `days` after (or before, when negative) an ISO date. */
export const addDays = (iso: string, days: number): string =>
  new Date(Date.parse(`${iso}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);

/** A UTC timestamp on the date `offset` days from `today`, at hour:minute. */
export const atOffset = (today: string, offset: number, hour = 9, minute = 0): Date =>
  new Date(Date.parse(`${today}T00:00:00Z`) + offset * DAY_MS + (hour * 60 + minute) * 60_000);

/** Whole days from a to b (b − a). */
export const daysBetween = (a: string, b: string): number =>
  Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY_MS);

/** Contracts renew on an annual term; in days so that the demo's offsets never depend on the month. */
export const TERM_DAYS = 365;

/**
 * The first renewal on or after `fromOffset` of a term starting at `startOffset` (offsets are days
 * relative to today): term after term, rolled forward.
 */
export function nextRenewalOffset(startOffset: number, fromOffset = 0): number {
  const terms = Math.max(1, Math.ceil((fromOffset - startOffset) / TERM_DAYS));
  return startOffset + terms * TERM_DAYS;
}
