import { sql } from "drizzle-orm";
import type { Db } from "../../db/index.ts";

/**
 * Holds a lock on a key until the transaction ends, so concurrent transactions on the same key run
 * one after the other: two upserts of one external id then update one row instead of both
 * inserting. Call it inside a transaction; a hash collision only costs some extra waiting.
 */
export async function lockKey(db: Db, ...parts: string[]): Promise<void> {
  await db.execute(sql`select pg_advisory_xact_lock(hashtextextended(${parts.join("\u001f")}, 0))`);
}
