import { createTableRelationsHelpers, extractTablesRelationalConfig, sql } from "drizzle-orm";
import { NodePgSession, NodePgTransaction } from "drizzle-orm/node-postgres";
import { PgDialect } from "drizzle-orm/pg-core";
import pg from "pg";
import type { Db } from "./connect.ts";
import * as schema from "./schema/index.ts";

/** The role requests, ingestion and per-workspace jobs run as: no superuser, no BYPASSRLS (migration 0013). */
export const APP_ROLE = "steward_app";

/**
 * Runs fn in one transaction as `steward_app` with the workspace set, so row-level security lets
 * it see and write only that workspace's rows, whatever its queries forget. Both settings are
 * local to the transaction: a pooled connection goes back clean. Nested use (a `withTx` inside)
 * becomes a savepoint of this transaction.
 */
export function inWorkspace<T>(db: Db, workspaceId: string, fn: (tx: Db) => Promise<T>): Promise<T> {
  const client: unknown = (db as { $client?: unknown }).$client;
  if (client instanceof pg.Pool) return onPool(client, workspaceId, fn);
  return db.transaction(async (tx) => {
    await tx.execute(
      sql`select set_config('role', ${APP_ROLE}, true), set_config('steward.workspace_id', ${workspaceId}, true)`,
    );
    return fn(tx as unknown as Db);
  });
}

// What drizzle builds once per handle (connect.ts): the SQL dialect and the relational view of
// the schema, shared by the transactions below.
const dialect = new PgDialect();
const tables = extractTablesRelationalConfig(schema, createTableRelationsHelpers);
const relational = { fullSchema: schema, schema: tables.tables, tableNamesMap: tables.tableNamesMap };

/**
 * On PostgreSQL every statement is a round trip, and a short read (one account) is a single
 * statement: drizzle's own transaction would add three (begin, the settings, commit). Here the
 * transaction opens and takes its role and workspace in one round trip — a simple-protocol query
 * of two statements, so the workspace id goes in as an escaped literal — and drizzle's
 * transaction object runs on that connection as usual (its nested transactions are savepoints).
 */
async function onPool<T>(pool: pg.Pool, workspaceId: string, fn: (tx: Db) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  // A connection whose begin, commit or rollback failed may be left anywhere: closed, not reused.
  let broken: Error | undefined;
  const control = (text: string) =>
    client.query(text).catch((e: Error) => {
      broken = e;
      throw e;
    });
  try {
    await control(
      `begin; select set_config('role', '${APP_ROLE}', true), ` +
        `set_config('steward.workspace_id', ${client.escapeLiteral(workspaceId)}, true)`,
    );
    const session = new NodePgSession(client, dialect, relational, {});
    const tx = new NodePgTransaction(dialect, session, relational);
    let result: T;
    try {
      result = await fn(tx as unknown as Db);
    } catch (e) {
      await control("rollback").catch(() => {});
      throw e;
    }
    await control("commit");
    return result;
  } finally {
    client.release(broken);
  }
}
