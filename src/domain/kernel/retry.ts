import { isRetryable } from "./db-errors.ts";

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
