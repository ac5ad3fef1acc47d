/** The PostgreSQL error code (SQLSTATE) behind an error, looking through wrappers such as drizzle's. */
function sqlState(e: unknown): string | undefined {
  const err = e as { code?: unknown; cause?: unknown } | null;
  if (typeof err?.code === "string") return err.code;
  return err?.cause ? sqlState(err.cause) : undefined;
}

// Deadlocks and serialization failures are the database asking us to try again.
const RETRYABLE = new Set(["40P01", "40001"]);

export const isRetryable = (e: unknown): boolean => RETRYABLE.has(sqlState(e) ?? "");

/** Runs `fn`, again (up to `attempts` times in all) when the database asks for a retry. */
export async function retryOnConflict<T>(fn: () => Promise<T>, attempts = 3): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (e) {
      if (attempt >= attempts || !isRetryable(e)) throw e;
    }
  }
}
