/**
 * Segment timestamp rules (documented in docs/API.md, "Usage ingestion"):
 * - ISO 8601 text with or without milliseconds or seconds; without a zone it is UTC.
 * - Text whose date or time parts lack their leading zero (Segment's own docs show
 *   `2015-2-02T00:30:08.276Z`) is read with the zeros added, when every part is in range.
 * - Numbers (or digit strings) are Unix epoch time: below 100,000,000,000 in seconds (that is
 *   until the year 5138), otherwise in milliseconds.
 * - Anything else, or a time outside the years 1970–9999, is not a time: the event keeps the
 *   time it was received and says so in `context._steward`.
 */

// year-month-day, then optionally hour:minute[:second[.fraction]], then optionally a zone.
const LOOSE_ISO =
  /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{1,2})(?::(\d{1,2})(?:[.,](\d{1,9}))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;
const EPOCH_SECONDS_BELOW = 100_000_000_000;
const MIN_MS = Date.UTC(1970, 0, 1);
const MAX_MS = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

const pad = (s: string | undefined, width: number) => (s ?? "0").padStart(width, "0");

function fromEpoch(n: number): Date | null {
  if (!Number.isFinite(n)) return null;
  const ms = Math.abs(n) < EPOCH_SECONDS_BELOW ? n * 1000 : n;
  return inRange(Math.round(ms));
}

function inRange(ms: number): Date | null {
  return Number.isFinite(ms) && ms >= MIN_MS && ms <= MAX_MS ? new Date(ms) : null;
}

function fromText(text: string): Date | null {
  const m = LOOSE_ISO.exec(text.trim());
  if (!m) return null;
  const [, y, mo, d, h, mi, s, frac, zone] = m;
  const month = Number(mo);
  const day = Number(d);
  if (month < 1 || month > 12 || day < 1 || day > 31) return null;
  if (Number(h ?? 0) > 23 || Number(mi ?? 0) > 59 || Number(s ?? 0) > 59) return null;
  const ms = (frac ?? "").padEnd(3, "0").slice(0, 3);
  let offset = "Z";
  if (zone && zone.toUpperCase() !== "Z") {
    const digits = zone.slice(1).replace(":", "");
    offset = `${zone[0]}${digits.slice(0, 2)}:${pad(digits.slice(2), 2)}`;
  }
  const canonical = `${y}-${pad(mo, 2)}-${pad(d, 2)}T${pad(h, 2)}:${pad(mi, 2)}:${pad(s, 2)}.${ms}${offset}`;
  const parsed = Date.parse(canonical);
  if (Number.isNaN(parsed)) return null;
  // Date.parse rolls 2015-02-31 over to March; a day the month does not have is not a date.
  if (offset === "Z" && new Date(parsed).getUTCDate() !== day) return null;
  return inRange(parsed);
}

/** A Segment time value as a Date, or null when it is missing or cannot be read as a time. */
export function parseSegmentTime(value: unknown): Date | null {
  if (value instanceof Date) return inRange(value.getTime());
  if (typeof value === "number") return fromEpoch(value);
  if (typeof value !== "string" || value.trim() === "") return null;
  const t = value.trim();
  if (/^-?\d+(\.\d+)?$/.test(t)) return fromEpoch(Number(t));
  return fromText(t);
}

export type EventTime = {
  ts: Date;
  /** How the time was decided, kept on the event when it is not the plain case. */
  rule: "corrected" | "given" | "received" | "invalid_timestamp";
};

/**
 * The event's time: `receivedAt − (sentAt − timestamp)` when both are readable (corrects the
 * device clock), the timestamp as given without `sentAt`, `receivedAt` when there is none; an
 * unreadable timestamp also falls back to `receivedAt`.
 */
export function eventTime(timestamp: unknown, sentAt: unknown, receivedAt: Date): EventTime {
  const missing = timestamp === undefined || timestamp === null || timestamp === "";
  if (missing) return { ts: receivedAt, rule: "received" };
  const original = parseSegmentTime(timestamp);
  if (!original) return { ts: receivedAt, rule: "invalid_timestamp" };
  const sent = parseSegmentTime(sentAt);
  if (!sent) return { ts: original, rule: "given" };
  const corrected = inRange(receivedAt.getTime() - (sent.getTime() - original.getTime()));
  return corrected ? { ts: corrected, rule: "corrected" } : { ts: receivedAt, rule: "invalid_timestamp" };
}
