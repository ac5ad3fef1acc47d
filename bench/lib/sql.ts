import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import type { BenchDb } from "./server-process.ts";

/**
 * A plain SQL connection from the benchmark process to a benchmark database: a pg client, or the
 * embedded database opened in this process (its server must be stopped: one process at a time).
 */
export type Sql = {
  kind: "pglite" | "postgres";
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  /** The underlying client, for what only one driver has (COPY). */
  pg: pg.Client | null;
  pglite: PGlite | null;
  close(): Promise<void>;
};

export async function openSql(db: BenchDb): Promise<Sql> {
  if (db.kind === "postgres") {
    const client = new pg.Client({ connectionString: db.env.DATABASE_URL });
    await client.connect();
    return {
      kind: "postgres",
      query: async <T>(text: string, params?: unknown[]) => (await client.query(text, params)).rows as T[],
      pg: client,
      pglite: null,
      close: once(() => client.end()),
    };
  }
  const dir = db.env.STEWARD_DATA_DIR;
  if (!dir) throw new Error("no STEWARD_DATA_DIR");
  // The same folder the server opens (see src/db/connect.ts).
  const client = await PGlite.create(path.join(dir, "pgdata"));
  return {
    kind: "pglite",
    query: async <T>(text: string, params?: unknown[]) => (await client.query<T>(text, params)).rows,
    pg: null,
    pglite: client,
    close: once(() => client.close()),
  };
}

function once(fn: () => Promise<void>): () => Promise<void> {
  let done: Promise<void> | null = null;
  return () => {
    done ??= fn();
    return done;
  };
}

/** More connections to the same PostgreSQL database, for statements sent in parallel. */
export async function openPgClients(db: BenchDb, n: number): Promise<pg.Client[]> {
  return Promise.all(
    Array.from({ length: n }, async () => {
      const c = new pg.Client({ connectionString: db.env.DATABASE_URL });
      await c.connect();
      return c;
    }),
  );
}

/** Monthly partitions as the usage partition job names them, for the months `from`..`to`. */
export async function ensureMonthPartitions(sql: Sql, from: Date, to: Date): Promise<void> {
  const m = new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth(), 1));
  while (m <= to) {
    const next = new Date(Date.UTC(m.getUTCFullYear(), m.getUTCMonth() + 1, 1));
    const name = `usage_events_p${m.getUTCFullYear()}${String(m.getUTCMonth() + 1).padStart(2, "0")}`;
    await sql.query(
      `create table if not exists ${name} partition of usage_events
       for values from ('${m.toISOString()}') to ('${next.toISOString()}')`,
    );
    m.setTime(next.getTime());
  }
}
