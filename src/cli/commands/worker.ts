import type { Command } from "commander";
import { pino } from "pino";
import { connect, migrate } from "../../db/index.ts";
import { systemDb } from "../../db/system.ts";
import { createDispatcher, type Dispatcher } from "../../domain/events/index.ts";
import { domainConsumers } from "../../domain/workflows/index.ts";
import { type JobRunner, jobDefinitions, startJobRunner } from "../../jobs/index.ts";
import { databaseOptions, loadConfig } from "../../server/config.ts";
import type { CliIo } from "../io.ts";
import { notThroughServer, runCommand } from "../run.ts";

/** Resolves with the first SIGTERM or SIGINT; listening from the start, so none is missed while starting. */
const nextStopSignal = () =>
  new Promise<NodeJS.Signals>((resolve) => {
    for (const signal of ["SIGTERM", "SIGINT"] as const) process.once(signal, () => resolve(signal));
  });

export function registerWorker(program: Command, io: CliIo): void {
  program
    .command("worker")
    .description(
      "Run background jobs (schedules, retries) without the HTTP server, until SIGTERM or SIGINT; " +
        "beside servers started with STEWARD_WORKER=false on PostgreSQL",
    )
    .action(() =>
      runCommand(io, async () => {
        if (io.throughServer) throw notThroughServer("worker");
        const config = loadConfig();
        const log = pino({ level: config.LOG_LEVEL });
        const stopSignal = nextStopSignal();
        // On the embedded database this refuses (exit 5) while a server holds the data directory.
        const database = await connect(databaseOptions(config));
        let runner: JobRunner | null = null;
        let dispatcher: Dispatcher | null = null;
        try {
          await migrate(database);
          runner = await startJobRunner(database, jobDefinitions, { log });
          // Events written by servers (and retries of failed deliveries) reach their consumers here too.
          dispatcher = createDispatcher(systemDb(database.db), domainConsumers, {
            onError: (err, consumer) => log.error({ err, consumer }, "an event consumer failed"),
          });
          dispatcher.start();
          const where =
            database.kind === "pglite" ? `embedded database in ${config.STEWARD_DATA_DIR}` : "PostgreSQL";
          io.stdout.write(`Steward worker is running (${where}); stop it with SIGTERM or Ctrl-C\n`);
          const signal = await stopSignal;
          log.info({ signal }, "shutting down: waiting for running jobs");
        } finally {
          await dispatcher?.stop();
          await runner?.stop();
          await database.close();
        }
        return undefined;
      }),
    );
}
