import { isCurrencyCode } from "../../common/currency.ts";

/** Cell coercion: every function takes a trimmed, non-empty cell and answers a value or a problem. */
export type Coerced<T> = { ok: true; value: T } | { ok: false; code: string; message: string };

const ok = <T>(value: T): Coerced<T> => ({ ok: true, value });
const fail = (code: string, message: string): Coerced<never> => ({ ok: false, code, message });

const TRUE = new Set(["true", "yes", "y", "1", "t"]);
const FALSE = new Set(["false", "no", "n", "0", "f"]);

export const parseBoolean = (s: string): Coerced<boolean> => {
  const v = s.toLowerCase();
  if (TRUE.has(v)) return ok(true);
  if (FALSE.has(v)) return ok(false);
  return fail("invalid_boolean", "must be true or false (also yes/no, y/n, 1/0)");
};

export const isBoolean = (s: string): boolean => TRUE.has(s.toLowerCase()) || FALSE.has(s.toLowerCase());

// Plain decimals, optionally with comma thousands separators ("1,234.5"); no exponents.
const DECIMAL = /^[-+]?(\d+|\d{1,3}(,\d{3})+)(\.\d+)?$/;

export const isNumeric = (s: string): boolean => DECIMAL.test(s);

export const parseNumber = (s: string): Coerced<number> => {
  if (!DECIMAL.test(s)) return fail("invalid_number", "must be a number such as 12 or 12.5");
  const n = Number(s.replaceAll(",", ""));
  return Number.isFinite(n) ? ok(n) : fail("invalid_number", "must be a number such as 12 or 12.5");
};

/** Whole numbers; `4.0` is accepted (spreadsheets and pandas write integers that way), `4.5` is not. */
export const parseInteger = (s: string): Coerced<number> => {
  const m = /^([-+]?(?:\d+|\d{1,3}(?:,\d{3})+))(?:\.(\d+))?$/.exec(s);
  if (!m?.[1]) return fail("invalid_integer", "must be a whole number");
  if (m[2] && !/^0+$/.test(m[2])) return fail("invalid_integer", "must be a whole number");
  const n = Number(m[1].replaceAll(",", ""));
  return Number.isSafeInteger(n) ? ok(n) : fail("invalid_integer", "is too large");
};

/**
 * Money in major units (`29.85`, `$1,234.50`, `1234.5 USD`) to integer minor units, by string
 * arithmetic so no float rounding creeps in. At most two decimals unless the rest are zeros.
 */
export const parseMoneyMinor = (s: string): Coerced<number> => {
  const bare = s.replace(/^[A-Za-z]{3}\s*|\s*[A-Za-z]{3}$/g, "").replace(/[$€£¥\s]/g, "");
  const m = /^(\d+|\d{1,3}(?:,\d{3})+)(?:\.(\d*))?$/.exec(bare);
  if (!m?.[1]) {
    if (/^-/.test(bare)) return fail("invalid_money", "must not be negative");
    return fail("invalid_money", "must be an amount such as 29.85");
  }
  const frac = m[2] ?? "";
  if (frac.length > 2 && !/^0+$/.test(frac.slice(2))) {
    return fail("invalid_money", "must have at most 2 decimals");
  }
  const minor = Number(m[1].replaceAll(",", "")) * 100 + Number(frac.slice(0, 2).padEnd(2, "0"));
  return Number.isSafeInteger(minor) ? ok(minor) : fail("invalid_money", "is too large");
};

const DATE_PART =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?)?$/;

/** ISO `YYYY-MM-DD`; a full ISO timestamp gives its date part as written. */
export const parseDate = (s: string): Coerced<string> => {
  const m = DATE_PART.exec(s);
  if (!m) return fail("invalid_date", "must be a date as YYYY-MM-DD");
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const dt = new Date(Date.UTC(y, mo - 1, d));
  if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== mo - 1 || dt.getUTCDate() !== d) {
    return fail("invalid_date", "is not a real calendar date");
  }
  return ok(`${m[1]}-${m[2]}-${m[3]}`);
};

export const isIsoDate = (s: string): boolean => parseDate(s).ok;

const TIMESTAMP =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?)?$/i;

/**
 * A date (`YYYY-MM-DD`, read as 00:00 UTC) or an ISO 8601 timestamp, without a zone read as UTC,
 * to the instant as ISO text (`2024-01-30T00:00:00.000Z`).
 */
export const parseTimestamp = (s: string): Coerced<string> => {
  const m = TIMESTAMP.exec(s);
  const bad = fail("invalid_timestamp", "must be a date (YYYY-MM-DD) or a timestamp (YYYY-MM-DDTHH:MM:SSZ)");
  if (!m) return bad;
  const [, y, mo, d, h = "00", mi = "00", sec = "00", frac = "", zone = "Z"] = m;
  if (!parseDate(`${y}-${mo}-${d}`).ok) return fail("invalid_timestamp", "is not a real calendar date");
  if (Number(h) > 23 || Number(mi) > 59 || Number(sec) > 59) return bad;
  let offset = "Z";
  if (zone.toUpperCase() !== "Z") {
    const digits = zone.slice(1).replace(":", "");
    offset = `${zone[0]}${digits.slice(0, 2)}:${digits.slice(2).padStart(2, "0")}`;
  }
  const ms = Date.parse(`${y}-${mo}-${d}T${h}:${mi}:${sec}.${frac.padEnd(3, "0").slice(0, 3)}${offset}`);
  return Number.isNaN(ms) ? bad : ok(new Date(ms).toISOString());
};

/** `Decision Maker` → `decision_maker`: case-insensitive, spaces and hyphens become `_`. */
export const enumKey = (s: string): string =>
  s
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, "_");

export const parseEnum = (
  s: string,
  options: readonly string[],
  aliases: Record<string, string> = {},
): Coerced<string> => {
  const k = enumKey(s);
  if (options.includes(k)) return ok(k);
  const alias = aliases[k];
  if (alias) return ok(alias);
  return fail("invalid_enum", `must be one of: ${options.join(", ")}`);
};

// The same shape zod's email check accepts, kept loose: the contract schema has the last word.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
export const parseEmail = (s: string): Coerced<string> =>
  EMAIL.test(s) ? ok(s) : fail("invalid_email", "must be an email address");

/**
 * An ISO 4217 code the runtime knows. A lower-case code (`usd`, as Stripe exports write it) is the
 * same code, so it is read as USD; anything else (`XYZ1`, `US$`) is refused, never cut to fit.
 */
export const parseCurrency = (s: string): Coerced<string> => {
  const v = s.toUpperCase();
  return isCurrencyCode(v)
    ? ok(v)
    : fail("invalid_currency", "must be a three-letter ISO currency code such as USD or EUR");
};

/** Minor units to a major-unit string with two decimals: 2985 → "29.85". */
export const formatMinor = (minor: number): string => {
  const sign = minor < 0 ? "-" : "";
  const abs = Math.abs(minor);
  return `${sign}${Math.trunc(abs / 100)}.${String(abs % 100).padStart(2, "0")}`;
};

/** `MonthlyCharges` → `monthly_charges`, `customerID` → `customer_id`, `Account ID` → `account_id`. */
export const snakeCase = (header: string): string => {
  const s = header
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1_$2")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "");
  const key = /^[a-z]/.test(s) ? s : `f_${s}`;
  return key.slice(0, 63).replace(/_+$/, "") || "field";
};

/** Header comparison key: lower case, letters and digits only. */
export const headerKey = (header: string): string => header.toLowerCase().replace(/[^a-z0-9]/g, "");

export { escapeFormula, isEscapedCell, unescapeFormula } from "../../common/csv-formulas.ts";
