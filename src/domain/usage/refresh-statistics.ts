import type { Db } from "../../db/transaction.ts";
import { analyzeLookupTables } from "./ingest.queries.ts";

/**
 * Refreshes planner statistics of the tables ingestion looks up on every request. The embedded
 * database has no autovacuum: a server that started with few product users would otherwise go on
 * planning the user → account lookup as if the table were empty (20× slower once it is not).
 * ANALYZE samples, so this stays cheap however large the tables grow.
 */
export async function refreshUsageStatistics(db: Db): Promise<void> {
  await analyzeLookupTables(db);
}
