/**
 * What a database error means, read from its SQLSTATE. Drivers and drizzle wrap errors, so every
 * check looks through `cause`.
 */

/** The PostgreSQL error code (SQLSTATE) behind an error, looking through wrappers such as drizzle's. */
export function sqlState(err: unknown): string | undefined {
  const e = err as { code?: unknown; cause?: unknown } | null;
  if (!e || typeof e !== "object") return undefined;
  if (typeof e.code === "string" && /^[0-9A-Z]{5}$/.test(e.code)) return e.code;
  return e.cause ? sqlState(e.cause) : undefined;
}

/** A unique value taken between our check and our insert, by a concurrent writer. */
export const isUniqueViolation = (err: unknown): boolean => sqlState(err) === "23505";

// Deadlocks and serialization failures are the database asking us to try again.
const RETRYABLE = new Set(["40P01", "40001"]);

export const isRetryable = (err: unknown): boolean => RETRYABLE.has(sqlState(err) ?? "");

// Connection-level failures (refused, reset, server shutting down, too many clients, the database
// missing — DATABASE_URL names none, or it was dropped under a running server —, the embedded
// database closed under a running server): the database is unreachable rather than the request
// wrong, so the answer is "try again".
const DB_DOWN_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "ENOTFOUND",
  "EPIPE",
  "57P01",
  "57P02",
  "57P03",
  "53300",
  "3D000",
]);

export function isDatabaseDown(err: unknown): boolean {
  const e = err as { code?: string; message?: string; cause?: unknown } | null;
  if (!e) return false;
  if (e.code && (DB_DOWN_CODES.has(e.code) || e.code.startsWith("08"))) return true;
  if (
    typeof e.message === "string" &&
    /Connection terminated|connection timeout|Client has encountered a connection error|^PGlite is closed$/i.test(
      e.message,
    )
  ) {
    return true;
  }
  return e.cause ? isDatabaseDown(e.cause) : false;
}

// Text PostgreSQL cannot store: a NUL character in a string (22021) or `\u0000` inside JSON (22P05).
const UNSTORABLE_TEXT_CODES = new Set(["22021", "22P05"]);

export const isUnstorableText = (err: unknown): boolean => UNSTORABLE_TEXT_CODES.has(sqlState(err) ?? "");

/** A date or time the column cannot hold (e.g. year 0). */
export const isDateOutOfRange = (err: unknown): boolean => sqlState(err) === "22008";
