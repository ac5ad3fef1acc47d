import { DAY_MS } from "../../common/dates.ts";

/** A UTC timestamp on the date `offset` days from `today`, at hour:minute. */
export const atOffset = (today: string, offset: number, hour = 9, minute = 0): Date =>
  new Date(Date.parse(`${today}T00:00:00Z`) + offset * DAY_MS + (hour * 60 + minute) * 60_000);

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
