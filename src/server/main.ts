import type { FastifyInstance } from "fastify";
import { annotateLock, connect, type Database, migrate, refreshPlannerStats } from "../db/index.ts";
import { refreshAllAccountRevenue } from "../domain/subscriptions/index.ts";
import { buildApp } from "./app.ts";
import { type Config, databaseOptions } from "./config.ts";

/** Until the job runner exists, the server itself refreshes date-dependent revenue this often. */
const REVENUE_REFRESH_MS = 3 * 3_600_000;

export type RunningServer = { app: FastifyInstance; database: Database; url: string; stop(): Promise<void> };

/**
 * Opens and migrates the database, then serves. `prepare` runs between migration and listening
 * (the CLI loads demo data there). SIGTERM/SIGINT stop it gracefully: in-flight requests finish,
 * then the database is closed cleanly.
 */
export async function startServer(
  config: Config,
  prepare?: (database: Database) => Promise<void>,
  handleSignals = true,
): Promise<RunningServer> {
  const database = await connect(databaseOptions(config));
  let app: FastifyInstance | null = null;
  try {
    await migrate(database);
    if (prepare) await prepare(database);
    await refreshPlannerStats(database);
    // An account's MRR and next renewal depend on today's date, not only on writes.
    await refreshAllAccountRevenue(database.db);
    app = await buildApp({ database, config });
    await app.listen({ port: config.PORT, host: config.HOST });
  } catch (e) {
    await app?.close();
    await database.close();
    throw e;
  }
  const address = app.server.address();
  const port = typeof address === "object" && address ? address.port : config.PORT;
  if (database.kind === "pglite") annotateLock(config.STEWARD_DATA_DIR, port);
  const revenueTimer = setInterval(() => {
    refreshAllAccountRevenue(database.db).catch((e) => app?.log.error({ err: e }, "revenue refresh failed"));
  }, REVENUE_REFRESH_MS);
  revenueTimer.unref();
  let stopping: Promise<void> | null = null;
  const running: RunningServer = {
    app,
    database,
    url: `http://localhost:${port}`,
    stop: () => {
      stopping ??= (async () => {
        clearInterval(revenueTimer);
        await running.app.close();
        await database.close();
      })();
      return stopping;
    },
  };
  if (handleSignals) {
    for (const signal of ["SIGTERM", "SIGINT"] as const) {
      process.once(signal, () => {
        app?.log.info({ signal }, "shutting down");
        running.stop().then(
          () => process.exit(0),
          (e) => {
            console.error(e);
            process.exit(1);
          },
        );
      });
    }
  }
  return running;
}
