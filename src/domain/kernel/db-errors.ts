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
