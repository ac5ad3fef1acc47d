import type { FastifyInstance } from "fastify";
import { inboundMailConfigOf } from "../common/mail-config.ts";
import { annotateLock, connect, type Database, migrate, refreshPlannerStats } from "../db/index.ts";
import { systemDb } from "../db/system.ts";
import type { DemoLoadTracker } from "../domain/demo/index.ts";
import { createDispatcher } from "../domain/events/index.ts";
import { installMissingDefaultModels } from "../domain/health/index.ts";
import { backfillRevenueMovements } from "../domain/revenue/index.ts";
import { refreshAllAccountRevenue } from "../domain/subscriptions/index.ts";
import { ensureUsagePartitions, flushRollups, rollUp, scheduleRollUp } from "../domain/usage/index.ts";
import { domainConsumers } from "../domain/workflows/index.ts";
import { type JobRunner, jobDefinitions, startJobRunner } from "../jobs/index.ts";
import { type AdminCommandRunner, startAdminChannel } from "./admin-channel.ts";
import { buildApp } from "./app.ts";
import { type Config, databaseOptions } from "./config.ts";
import { type InboundSmtp, startInboundSmtp } from "./inbound-smtp.ts";

export type RunningServer = {
  app: FastifyInstance;
  database: Database;
  /** The in-process job runner; null with STEWARD_WORKER=false (separate workers do the work). */
  jobs: JobRunner | null;
  /** The inbound SMTP listener for email capture; null unless STEWARD_INBOUND_SMTP_PORT is set. */
  inbound: InboundSmtp | null;
  url: string;
  stop(): Promise<void>;
};

export type StartOptions = {
  /** Runs between migration and listening (the CLI decides there whether to load the demo). */
  prepare?: (database: Database) => Promise<void>;
  /** The demo load the CLI runs in the background once the server listens, for the setup status. */
  demoLoad?: DemoLoadTracker;
  handleSignals?: boolean;
  /** Where the built web app lives; defaults to dist/web in the repository. */
  webDir?: string;
  /** CLI commands run through the local admin channel while this server holds the embedded database. */
  adminCommands?: AdminCommandRunner;
};

/**
 * Opens and migrates the database, starts the job runner (unless STEWARD_WORKER=false), then
 * serves. SIGTERM/SIGINT stop it gracefully: in-flight requests and running jobs finish, then the
 * database is closed cleanly. With `adminCommands`, CLI commands reach the embedded database
 * through the local admin channel while this server holds it (see admin-channel.ts).
 */
export async function startServer(config: Config, options: StartOptions = {}): Promise<RunningServer> {
  const { prepare, demoLoad, handleSignals = true, adminCommands } = options;
  const database = await connect(databaseOptions(config));
  let app: FastifyInstance | null = null;
  let jobs: JobRunner | null = null;
  let inbound: InboundSmtp | null = null;
  try {
    await migrate(database);
    if (prepare) await prepare(database);
    await refreshPlannerStats(database);
    // Start-up maintenance spans workspaces: the system path.
    const system = systemDb(database.db);
    // An account's MRR and next renewal depend on today's date, not only on writes; the
    // `revenue.refresh` job repeats this on its schedule.
    await refreshAllAccountRevenue(system);
    // Workspaces from before MRR movements were kept get theirs once.
    await backfillRevenueMovements(system);
    // Workspaces made before health models existed get the default ones.
    await installMissingDefaultModels(system);
    // Events of this month must find their partition from the first request; the
    // `usage.partitions` job keeps creating them ahead.
    await ensureUsagePartitions(system);
    app = await buildApp({
      database,
      config,
      pollEvents: true,
      ...(demoLoad ? { demoLoad } : {}),
      ...(options.webDir ? { webDir: options.webDir } : {}),
    });
    const log = app.log;
    rollUp.onError = (err) =>
      log.warn({ err }, "usage roll-up failed; the next write or the usage.rollups job retries");
    if (config.STEWARD_WORKER) jobs = await startJobRunner(database, jobDefinitions, { log: app.log });
    else if (database.kind === "pglite") {
      // No other process can open the embedded database while this one runs: nothing will run jobs.
      app.log.warn("STEWARD_WORKER=false on the embedded database: background jobs will not run");
    }
    await app.listen({ port: config.PORT, host: config.HOST });
    const capture = inboundMailConfigOf(config);
    if (capture) {
      const log = app.log;
      // Captures wait for their events' consumers as requests do; delivery spans workspaces.
      const dispatcher = createDispatcher(systemDb(database.db), domainConsumers, {
        onError: (err, consumer) => log.error({ err, consumer }, "an event consumer failed"),
      });
      inbound = await startInboundSmtp({
        db: database.db,
        dispatcher,
        config: capture,
        host: config.HOST,
        log,
      });
    }
    // Events a stopped process stored but did not add to the rollups yet.
    scheduleRollUp(database.db);
  } catch (e) {
    await inbound?.close();
    await jobs?.stop();
    await app?.close();
    await database.close();
    throw e;
  }
  const address = app.server.address();
  const port = typeof address === "object" && address ? address.port : config.PORT;
  if (database.kind === "pglite") annotateLock(config.STEWARD_DATA_DIR, port);
  const admin =
    database.kind === "pglite" && adminCommands
      ? await startAdminChannel(config.STEWARD_DATA_DIR, (s) => adminCommands(s, database, config), app.log)
      : null;
  let stopping: Promise<void> | null = null;
  const running: RunningServer = {
    app,
    database,
    jobs,
    inbound,
    url: `http://localhost:${port}`,
    stop: () => {
      stopping ??= (async () => {
        // All drain at once; the database closes only after the last request and job.
        const drained = await Promise.allSettled([
          running.app.close(),
          jobs?.stop(),
          admin?.close(),
          inbound?.close(),
        ]);
        // The queue is durable, so this only saves the next start a moment; a failure can wait.
        await flushRollups(database.db).catch(rollUp.onError);
        await database.close();
        for (const d of drained) if (d.status === "rejected") throw d.reason;
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
