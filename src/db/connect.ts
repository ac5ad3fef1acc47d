import fs from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { sql } from "drizzle-orm";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import { migrate as migratePg } from "drizzle-orm/node-postgres/migrator";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import pg from "pg";
import { AppError } from "../common/errors.ts";
import { acquireDataDirLock } from "./data-dir-lock.ts";
import { packageRoot } from "./package-root.ts";
import * as schema from "./schema/index.ts";

export type Schema = typeof schema;
/** The one database handle type: PGlite and node-postgres both give a PgDatabase. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

/**
 * How the job runner (pg-boss) reaches the same database: the embedded client itself (one
 * process, so no second connection exists), or PostgreSQL's URL for a pool of its own.
 */
export type JobsConnection = { kind: "pglite"; client: PGlite } | { kind: "postgres"; url: string };

export type Database = {
  db: Db;
  kind: "pglite" | "postgres";
  /** Where the embedded database lives, or the redacted URL of PostgreSQL. */
  location: string;
  jobsConnection: JobsConnection;
  ping(): Promise<void>;
  close(): Promise<void>;
};

export type ConnectOptions =
  | { kind: "postgres"; url: string; poolSize?: number }
  | {
      kind: "pglite";
      dataDir?: string;
      lock?: boolean;
      /** A dump of a data directory to start from (tests: a database migrated once per run). */
      loadDataDir?: Blob;
    };

const migrationsFolder = () => path.join(packageRoot(), "src/db/migrations");

export const redactUrl = (url: string): string => url.replace(/\/\/([^:@/]+):[^@/]*@/, "//$1:***@");

/** Opens the configured database; the embedded one is locked to this process while open. */
export async function connect(options: ConnectOptions): Promise<Database> {
  if (options.kind === "postgres") {
    const pool = new pg.Pool({ connectionString: options.url, max: options.poolSize ?? 10 });
    // An idle client that loses its server must not crash the process; the next query reports it.
    pool.on("error", () => {});
    const db = drizzlePg({ client: pool, schema }) as unknown as Db;
    return {
      db,
      kind: "postgres",
      location: redactUrl(options.url),
      jobsConnection: { kind: "postgres", url: options.url },
      ping: async () => {
        await db.execute(sql`select 1`);
      },
      close: () => pool.end(),
    };
  }
  const release = options.dataDir && options.lock !== false ? acquireDataDirLock(options.dataDir) : () => {};
  try {
    const pgDir = options.dataDir ? path.join(options.dataDir, "pgdata") : undefined;
    if (pgDir) fs.mkdirSync(pgDir, { recursive: true });
    const { loadDataDir } = options;
    const client = takingTurns(await PGlite.create({ dataDir: pgDir, loadDataDir }));
    const db = drizzlePglite({ client, schema }) as unknown as Db;
    return {
      db,
      kind: "pglite",
      location: options.dataDir ?? "memory",
      jobsConnection: { kind: "pglite", client },
      ping: async () => {
        await db.execute(sql`select 1`);
      },
      close: async () => {
        await client.close();
        release();
      },
    };
  } catch (e) {
    release();
    throw e instanceof AppError
      ? e
      : new AppError("DATABASE_UNAVAILABLE", `Cannot open the embedded database: ${e}`);
  }
}

/** One PostgreSQL connection held open, for what lives as long as a session (advisory locks). */
export type Session = {
  db: Db;
  /** Resolves when the connection is lost (the server went away, the network broke); never rejects. */
  lost: Promise<Error>;
  close(): Promise<void>;
};

/**
 * A connection of its own, outside any pool: a session-level advisory lock lives exactly as long
 * as it, so a lock held here is released by PostgreSQL itself when this process dies.
 */
export async function connectSession(url: string, applicationName: string): Promise<Session> {
  const client = new pg.Client({ connectionString: url, application_name: applicationName });
  let closing = false;
  const lost = new Promise<Error>((resolve) => {
    client.on("error", resolve);
    client.on("end", () => {
      if (!closing) resolve(new Error("the connection ended"));
    });
  });
  await client.connect();
  return {
    db: drizzlePg({ client, schema }) as unknown as Db,
    lost,
    close: async () => {
      closing = true;
      await client.end().catch(() => {});
    },
  };
}

/** Applies the committed SQL migrations; safe to run on every start. */
export async function migrate(database: Database): Promise<void> {
  const { jobsConnection } = database;
  if (jobsConnection.kind === "postgres") {
    // Servers and workers starting together would each apply the same migration (and all but one
    // fail): one at a time, under a lock that ends with this connection.
    const session = await connectSession(jobsConnection.url, "steward-migrate");
    try {
      await session.db.execute(sql`select pg_advisory_lock(hashtextextended('steward.migrate', 0))`);
      await migratePg(session.db as never, { migrationsFolder: migrationsFolder() });
    } finally {
      await session.close();
    }
  } else {
    await migratePglite(database.db as never, { migrationsFolder: migrationsFolder() });
  }
}

/**
 * PGlite runs no autovacuum, so its planner statistics stay those of empty tables unless someone
 * analyzes: refreshed at every start (cheap: ANALYZE samples) so plans follow the data.
 */
export async function refreshPlannerStats(database: Database): Promise<void> {
  if (database.kind === "pglite") await database.db.execute(sql`analyze`);
}

/**
 * Runs independent reads at once when `db` is a pool, each on a connection of its own, and one
 * after another otherwise: a transaction's one connection takes one statement at a time (pg 9
 * refuses more), and the embedded database runs one statement at a time anyway.
 */
export async function readAll<T extends unknown[]>(
  db: Db,
  ...reads: { [K in keyof T]: () => Promise<T[K]> }
): Promise<T> {
  if ((db as { $client?: unknown }).$client instanceof pg.Pool) {
    return (await Promise.all(reads.map((read) => read()))) as T;
  }
  const out: unknown[] = [];
  for (const read of reads) out.push(await read());
  return out as T;
}

/** Runs fn in one transaction; an error rolls everything back. */
export function withTx<T>(db: Db, fn: (tx: Db) => Promise<T>): Promise<T> {
  return db.transaction((tx) => fn(tx as unknown as Db));
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * PGlite runs each statement synchronously on the event loop's thread, and a chain of statements
 * (a demo load, a score history) resolves promise after promise without ever returning to it:
 * requests, timers and static files waited for the whole chain. Each statement now first lets the
 * event loop turn, so other work gets its turn between statements, also inside a transaction.
 */
function takingTurns(client: PGlite): PGlite {
  statementsTakeTurns(client);
  const { transaction } = client;
  client.transaction = <T>(callback: Parameters<typeof transaction<T>>[0]) =>
    transaction.call<PGlite, [typeof callback], Promise<T>>(client, (tx) => {
      statementsTakeTurns(tx);
      return callback(tx);
    });
  return client;
}

function statementsTakeTurns(target: Pick<PGlite, "query" | "exec">) {
  const { query, exec } = target;
  target.query = (async (...args: Parameters<typeof query>) => {
    await nextTurn();
    return query.apply(target, args);
  }) as typeof query;
  target.exec = async (...args) => {
    await nextTurn();
    return exec.apply(target, args);
  };
}
