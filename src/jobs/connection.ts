import type { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import type PgBoss from "pg-boss";
import type { JobsConnection } from "../db/index.ts";

/** pg-boss's database adapter, plus what a graceful stop needs: wait for its statements, close. */
export type JobsDb = PgBoss.Db & {
  /** Resolves once no statement pg-boss sent is still running (it does not await its own completions). */
  settled(): Promise<void>;
  idle(): boolean;
  close(): Promise<void>;
};

type Rows = { rows: unknown[] };

/** Counts every statement in flight, so stopping can wait for pg-boss's unawaited writes. */
function tracked(
  run: (text: string, values?: unknown[]) => Promise<Rows>,
  close: () => Promise<void>,
): JobsDb {
  const inFlight = new Set<Promise<Rows>>();
  return {
    executeSql(text: string, values?: unknown[]) {
      const p = run(text, values);
      inFlight.add(p);
      const forget = () => inFlight.delete(p);
      p.then(forget, forget);
      return p;
    },
    async settled() {
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
    },
    idle: () => inFlight.size === 0,
    close,
  };
}

/**
 * On PGlite pg-boss shares the server's one client. Statements with values run through `query`
 * (one statement, extended protocol). Without values pg-boss may send several statements in one
 * string, `BEGIN; SET LOCAL …; SELECT pg_advisory_xact_lock(…); …; COMMIT;` for its migrations
 * and maintenance, which only `exec` (simple protocol) runs. They go inside `transaction()`:
 * if one statement fails, the single connection would otherwise stay in an aborted transaction
 * and every later query of the app would fail; `transaction()` rolls back under its own lock
 * before anyone else runs. (The nested BEGIN/COMMIT only draw warnings.) Both calls wait on the
 * same lock as the app's transactions, so pg-boss never interleaves with one.
 */
function pgliteJobsDb(client: PGlite): JobsDb {
  return tracked(
    async (text, values) => {
      if (values && values.length > 0) {
        const result = await client.query(text, values);
        return { rows: result.rows };
      }
      const results = await client.transaction((tx) => tx.exec(text));
      return { rows: results.at(-1)?.rows ?? [] };
    },
    async () => {}, // the client belongs to the Database, closed by its owner
  );
}

/** Maximum connections the job runner keeps to PostgreSQL, besides the app's pool. */
export const JOBS_POOL_SIZE = 4;

/** On PostgreSQL pg-boss gets a pool of its own, so job polling never waits behind API requests. */
function postgresJobsDb(url: string, onError: (e: Error) => void): JobsDb {
  const pool = new pg.Pool({ connectionString: url, max: JOBS_POOL_SIZE, application_name: "steward-jobs" });
  // An idle connection the server drops must not crash the process; the next statement reports it.
  pool.on("error", onError);
  return tracked(
    (text, values) => pool.query(text, values),
    () => pool.end(),
  );
}

export const openJobsDb = (connection: JobsConnection, onError: (e: Error) => void): JobsDb =>
  connection.kind === "pglite" ? pgliteJobsDb(connection.client) : postgresJobsDb(connection.url, onError);
