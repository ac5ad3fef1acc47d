const moneyFormats = new Map<string, Intl.NumberFormat>();

/** Integer minor units to a currency string, e.g. 1234500 USD → "$12,345". */
export const formatMoney = (minor: number | null | undefined, currency = "USD", exact = false): string => {
  if (minor === null || minor === undefined) return "—";
  const key = `${currency}:${exact}`;
  let f = moneyFormats.get(key);
  if (!f) {
    try {
      f = new Intl.NumberFormat(undefined, {
        style: "currency",
        currency,
        maximumFractionDigits: exact ? undefined : 0,
        minimumFractionDigits: exact ? undefined : 0,
      });
    } catch {
      f = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 });
    }
    moneyFormats.set(key, f);
  }
  const digits = f.resolvedOptions().maximumFractionDigits ?? 2;
  const scale = fractionDigits(currency);
  const value = minor / 10 ** scale;
  return f.format(exact || digits > 0 ? value : Math.round(value));
};

const fractionDigits = (currency: string): number => {
  try {
    return (
      new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ??
      2
    );
  } catch {
    return 2;
  }
};

/** Major units typed by a person (e.g. "1234.5") to integer minor units. */
export const toMinor = (major: number, currency = "USD"): number =>
  Math.round(major * 10 ** fractionDigits(currency));
export const toMajor = (minor: number, currency = "USD"): number => minor / 10 ** fractionDigits(currency);

const dateFormat = new Intl.DateTimeFormat(undefined, {
  year: "numeric",
  month: "short",
  day: "numeric",
  timeZone: "UTC",
});
const dateTimeFormat = new Intl.DateTimeFormat(undefined, {
  year: "numeric",
  month: "short",
  day: "numeric",
  hour: "2-digit",
  minute: "2-digit",
});

/** A `YYYY-MM-DD` date for people, e.g. "Mar 4, 2026". */
export const formatDate = (d: string | null | undefined): string => {
  if (!d) return "—";
  const t = Date.parse(d.length === 10 ? `${d}T00:00:00Z` : d);
  return Number.isNaN(t) ? d : dateFormat.format(t);
};

export const formatDateTime = (ts: string | null | undefined): string => {
  if (!ts) return "—";
  const t = Date.parse(ts);
  return Number.isNaN(t) ? ts : dateTimeFormat.format(t);
};

const rtf = new Intl.RelativeTimeFormat(undefined, { numeric: "auto" });
const DAY_MS = 86_400_000;

/** Midnight UTC of the calendar day a `YYYY-MM-DD` date or a timestamp falls on (in UTC). */
const utcDayStart = (t: number): number => Math.floor(t / DAY_MS) * DAY_MS;
const parseDay = (d: string): number => Date.parse(d.length === 10 ? `${d}T00:00:00Z` : d);

/**
 * Calendar days from today to `d`, both taken as UTC days (the server's renewal and health rules
 * count the same way): today → 0, tomorrow → 1, yesterday → −1, whatever the time of day. Counting
 * elapsed milliseconds instead made a renewal 17 days away read "in 16 days" from 00:01 on, and
 * one due today read "yesterday".
 */
export const calendarDaysFrom = (d: string, now = Date.now()): number | null => {
  const t = parseDay(d);
  return Number.isNaN(t) ? null : Math.round((utcDayStart(t) - utcDayStart(now)) / DAY_MS);
};

/** "today", "tomorrow", "in 12 days", "3 months ago" — for renewal dates and activity. */
export const relativeDays = (d: string | null | undefined, now = Date.now()): string => {
  if (!d) return "";
  const days = calendarDaysFrom(d, now);
  if (days === null) return "";
  if (Math.abs(days) < 45) return rtf.format(days, "day");
  if (Math.abs(days) < 365 * 2) return rtf.format(Math.round(days / 30), "month");
  return rtf.format(Math.round(days / 365), "year");
};

/** Calendar days until a `YYYY-MM-DD` date (0 = today, negative = past), or null without one. */
export const daysUntil = (d: string | null | undefined, now = Date.now()): number | null =>
  d ? calendarDaysFrom(d, now) : null;

export const formatNumber = (n: number | null | undefined): string =>
  n === null || n === undefined ? "—" : new Intl.NumberFormat().format(n);

const percentFormat = new Intl.NumberFormat(undefined, { style: "percent", maximumFractionDigits: 0 });

/** A ratio as a percentage, e.g. 0.425 → "43%". */
export const formatPercent = (ratio: number | null | undefined): string =>
  ratio === null || ratio === undefined || !Number.isFinite(ratio) ? "—" : percentFormat.format(ratio);

/** A fraction as a percentage with one decimal, 1.0123 → "101.2%"; a dash when unknown. */
export const formatRate = (ratio: number | null | undefined): string =>
  ratio === null || ratio === undefined || !Number.isFinite(ratio) ? "—" : `${(ratio * 100).toFixed(1)}%`;

/** A change against the previous period, signed: 0.12 → "+12%", −0.05 → "−5%"; empty when unknown. */
export const formatChange = (change: number | null | undefined): string => {
  if (change === null || change === undefined || !Number.isFinite(change)) return "";
  const pct = Math.round(change * 100);
  if (pct === 0) return "±0%";
  return `${pct > 0 ? "+" : "−"}${new Intl.NumberFormat().format(Math.abs(pct))}%`;
};

/** A figure with at most one decimal, e.g. 3.456 → "3.5". */
export const formatDecimal = (n: number | null | undefined, digits = 1): string =>
  n === null || n === undefined || !Number.isFinite(n)
    ? "—"
    : new Intl.NumberFormat(undefined, { maximumFractionDigits: digits }).format(n);

/** Large figures shortened for chart axes, e.g. 12500 → "12.5K". */
export const formatCompact = (n: number): string =>
  new Intl.NumberFormat(undefined, { notation: "compact", maximumFractionDigits: 1 }).format(n);

/** "today", "yesterday", "12 days ago" from a count of days. */
export const daysAgo = (days: number | null | undefined): string => {
  if (days === null || days === undefined) return "never";
  if (days <= 0) return "today";
  if (days === 1) return "yesterday";
  return `${new Intl.NumberFormat().format(days)} days ago`;
};

const timeFormat = new Intl.DateTimeFormat(undefined, {
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
});

/** A timestamp's time of day with seconds, e.g. "14:03:27", for the live event tail. */
export const formatTime = (ts: string | null | undefined): string => {
  if (!ts) return "—";
  const t = Date.parse(ts);
  return Number.isNaN(t) ? ts : timeFormat.format(t);
};

/** "Mar 1 – Mar 30, 2026" for an inclusive range of `YYYY-MM-DD` days. */
export const formatDayRange = (from: string, to: string): string => `${formatDate(from)} – ${formatDate(to)}`;
