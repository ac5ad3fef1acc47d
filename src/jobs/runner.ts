import { setTimeout as sleep } from "node:timers/promises";
import PgBoss from "pg-boss";
import type { BaseLogger } from "pino";
import type { z } from "zod";
import { AppError } from "../common/errors.ts";
import type { Database } from "../db/index.ts";
import { systemDb } from "../db/system.ts";
import { FAILED_JOBS_KEPT_DAYS, JOBS_SCHEMA } from "../domain/jobs/index.ts";
import { openJobsDb } from "./connection.ts";
import { type JobDefinition, SCHEDULE_TIMEZONE } from "./define.ts";
import { type Leases, openLeases } from "./leases.ts";
import { batchRunner, invalidPayload } from "./run-batch.ts";

export type JobLog = Pick<BaseLogger, "debug" | "info" | "warn" | "error">;

export type RunnerOptions = {
  log?: JobLog;
  /**
   * How often an idle worker looks for work (pg-boss's minimum is 0.5 s). A worker with work
   * fetches again at once, and a `send` through this runner wakes its worker, so this only bounds
   * how soon a job queued elsewhere (a schedule's firing, a retry, another process) starts.
   */
  pollingIntervalSeconds?: number;
  /** How many waiting jobs of one kind a worker takes at once (they run side by side). */
  batchSize?: number;
  /** How often schedules are checked for a due firing (1–45 s; tests shorten it). */
  cronMonitorIntervalSeconds?: number;
  /** How often due firings become jobs (1–45 s; tests shorten it). */
  cronWorkerIntervalSeconds?: number;
  /** How long `stop()` waits for running handlers; a run cut short is retried later. */
  stopTimeoutMs?: number;
};

export type SendOptions = {
  /** Run no sooner than this many seconds from now. */
  startAfterSeconds?: number;
  /** At most one waiting job per key (pg-boss `singletonKey`). */
  singletonKey?: string;
};

export type JobRunner = {
  /** Validates the payload and queues a run; answers the job id (null when a singleton key deduplicated it). */
  send<P extends z.ZodType>(
    definition: JobDefinition<P>,
    payload: z.input<P>,
    options?: SendOptions,
  ): Promise<string | null>;
  /** Stops taking work, waits for running handlers (up to `stopTimeoutMs`), releases the connection. */
  stop(): Promise<void>;
};

/** An idle installation's cost: each runner looks at each queue this often (18 queues: 3.6 statements/s). */
export const POLLING_INTERVAL_SECONDS = 5;
/**
 * Enough to move hundreds of small jobs a second; the scheduled jobs rarely have more than one
 * waiting, so they hardly ever share a batch.
 */
export const BATCH_SIZE = 20;

/** Archived jobs (completed after 12 h, failed after 14 days) are listed this much longer, then deleted. */
const ARCHIVE_KEPT_DAYS = 7;
const DAY_SECONDS = 86_400;

const silent: JobLog = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };

function checkDefinitions(definitions: readonly JobDefinition[]): void {
  const names = new Set<string>();
  for (const d of definitions) {
    if (names.has(d.name)) throw new AppError("INTERNAL", `Two job definitions are named ${d.name}`);
    names.add(d.name);
    if (d.schedule && !d.payload.safeParse({}).success) {
      throw new AppError("INTERNAL", `Job ${d.name} has a schedule, so its payload schema must accept {}`);
    }
  }
}

const queueOptions = (d: JobDefinition): PgBoss.Queue => ({
  name: d.name,
  policy: "standard",
  retryLimit: d.retry.limit,
  retryDelay: d.retry.delaySeconds,
  retryBackoff: d.retry.backoff,
  // pg-boss refuses a key present with an undefined value.
  ...(d.expireInSeconds ? { expireInSeconds: d.expireInSeconds } : {}),
});

/**
 * Starts pg-boss on the database (creating or migrating its schema), then for each definition:
 * its queue with the retry settings, its cron schedule (or none), and a worker. Installation-wide
 * and per-workspace jobs share this; a per-workspace payload carries `workspaceId`.
 */
export async function startJobRunner(
  database: Database,
  definitions: readonly JobDefinition[],
  options: RunnerOptions = {},
): Promise<JobRunner> {
  checkDefinitions(definitions);
  const log = options.log ?? silent;
  const stopTimeoutMs = options.stopTimeoutMs ?? 30_000;
  const jobsDb = openJobsDb(database.jobsConnection, (err) =>
    log.error({ err }, "job database connection lost"),
  );
  const boss = new PgBoss({
    db: jobsDb,
    schema: JOBS_SCHEMA,
    // Dead jobs stay in the live table, listed and retryable, this long; then archived.
    archiveFailedAfterSeconds: FAILED_JOBS_KEPT_DAYS * DAY_SECONDS,
    deleteAfterDays: ARCHIVE_KEPT_DAYS,
    ...(options.cronMonitorIntervalSeconds
      ? { cronMonitorIntervalSeconds: options.cronMonitorIntervalSeconds }
      : {}),
    ...(options.cronWorkerIntervalSeconds
      ? { cronWorkerIntervalSeconds: options.cronWorkerIntervalSeconds }
      : {}),
  });
  boss.on("error", (err) => log.error({ err }, "job runner error"));

  const running = new Set<string>();
  const db = systemDb(database.db);
  let leases: Leases | null = null;

  /** pg-boss's worker of each queue, to wake when there is work rather than at its next poll. */
  const workers = new Map<string, string>();
  const wake = (name: string) => {
    const id = workers.get(name);
    if (id) boss.notifyWorker(id);
  };

  try {
    await boss.start();
    // Before any worker starts: on the embedded database this takes back a dead process's jobs.
    const held = await openLeases(
      db,
      database.jobsConnection,
      definitions.map((d) => d.name),
      log,
      (names) => {
        for (const name of names) wake(name);
      },
    );
    leases = held;
    await held.oneAtATime(async () => {
      for (const definition of definitions) {
        await boss.createQueue(definition.name, queueOptions(definition));
        // A queue created by an earlier release keeps its settings unless updated.
        await boss.updateQueue(definition.name, queueOptions(definition));
        if (definition.schedule)
          await boss.schedule(definition.name, definition.schedule, {}, { tz: SCHEDULE_TIMEZONE });
        else await boss.unschedule(definition.name);
      }
    });
    const runBatch = batchRunner({ boss, db, leases: held, log, running });
    const workOptions = {
      includeMetadata: true,
      batchSize: options.batchSize ?? BATCH_SIZE,
      pollingIntervalSeconds: options.pollingIntervalSeconds ?? POLLING_INTERVAL_SECONDS,
    } as const;
    for (const definition of definitions) {
      const id = await boss.work<unknown>(definition.name, workOptions, async (jobs) => {
        await runBatch(definition, jobs);
        // More may be waiting: look again now, not after the polling interval.
        if (jobs.length > 0) wake(definition.name);
      });
      workers.set(definition.name, id);
    }
  } catch (e) {
    await boss.stop({ graceful: false, close: false }).catch(() => {});
    await leases?.close();
    await jobsDb.settled();
    await jobsDb.close();
    throw e;
  }
  log.info(
    {
      database: database.kind,
      jobs: definitions.map((d) => (d.schedule ? `${d.name} (${d.schedule})` : d.name)),
    },
    "job runner started",
  );

  /** Waits until no handler runs and no pg-boss statement is in flight, or until the deadline. */
  const drain = async (deadline: number) => {
    for (;;) {
      await jobsDb.settled();
      // A fetch that returned during the stop hands its job to a handler a few ticks later.
      await new Promise((resolve) => setImmediate(resolve));
      if (running.size === 0 && jobsDb.idle()) return;
      if (Date.now() >= deadline) {
        log.warn(
          { running: [...running] },
          "job runner stopped with handlers still running; they will run again",
        );
        return;
      }
      await sleep(50);
    }
  };

  let stopping: Promise<void> | null = null;
  const registered = new Set(definitions.map((d) => d.name));
  return {
    async send(definition, payload, sendOptions = {}) {
      if (!registered.has(definition.name)) {
        throw new AppError("INTERNAL", `Job ${definition.name} is not registered with this runner`);
      }
      const parsed = definition.payload.safeParse(payload);
      if (!parsed.success) throw invalidPayload(definition.name, parsed.error);
      const id = await boss.send(definition.name, parsed.data as object, {
        ...(sendOptions.singletonKey ? { singletonKey: sendOptions.singletonKey } : {}),
        ...(sendOptions.startAfterSeconds ? { startAfter: sendOptions.startAfterSeconds } : {}),
      });
      // Another process's workers find it at their next poll.
      if (id && !sendOptions.startAfterSeconds) wake(definition.name);
      return id;
    },
    stop() {
      stopping ??= (async () => {
        const deadline = Date.now() + stopTimeoutMs;
        // pg-boss stops polling and waits for the handlers it knows are running.
        await boss.stop({ graceful: true, close: false, timeout: stopTimeoutMs });
        await drain(deadline);
        await leases?.close();
        await jobsDb.close();
        log.info({}, "job runner stopped");
      })();
      return stopping;
    },
  };
}
