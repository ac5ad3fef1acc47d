import { sql } from "drizzle-orm";
import type { Db } from "./connect.ts";

/** The role requests, ingestion and per-workspace jobs run as: no superuser, no BYPASSRLS (migration 0012). */
export const APP_ROLE = "steward_app";

/**
 * Runs fn in one transaction as `steward_app` with the workspace set, so row-level security lets
 * it see and write only that workspace's rows, whatever its queries forget. Both settings are
 * local to the transaction: a pooled connection goes back clean. Nested use (a `withTx` inside)
 * becomes a savepoint of this transaction.
 */
export function inWorkspace<T>(db: Db, workspaceId: string, fn: (tx: Db) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.execute(
      sql`select set_config('role', ${APP_ROLE}, true), set_config('steward.workspace_id', ${workspaceId}, true)`,
    );
    return fn(tx as unknown as Db);
  });
}
