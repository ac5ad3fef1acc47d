import { setTimeout as sleep } from "node:timers/promises";
import PgBoss from "pg-boss";
import type { BaseLogger } from "pino";
import { z } from "zod";
import { AppError } from "../common/errors.ts";
import type { Database } from "../db/index.ts";
import { systemDb } from "../db/system.ts";
import {
  completeRun,
  FAILED_JOBS_KEPT_DAYS,
  JOBS_SCHEMA,
  runIsCurrent,
  spendNoMoreRetries,
} from "../domain/jobs/index.ts";
import { openJobsDb } from "./connection.ts";
import { type JobDefinition, SCHEDULE_TIMEZONE } from "./define.ts";
import { type Leases, openLeases } from "./leases.ts";

export type JobLog = Pick<BaseLogger, "debug" | "info" | "warn" | "error">;

export type RunnerOptions = {
  log?: JobLog;
  /** How often an idle worker looks for work (pg-boss's minimum is 0.5 s). */
  pollingIntervalSeconds?: number;
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

/** Archived jobs (completed after 12 h, failed after 14 days) are listed this much longer, then deleted. */
const ARCHIVE_KEPT_DAYS = 7;
const DAY_SECONDS = 86_400;

const silent: JobLog = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };

const invalidPayload = (name: string, error: z.ZodError) =>
  new AppError("VALIDATION_FAILED", `Invalid payload for job ${name}: ${z.prettifyError(error)}`, {
    issues: error.issues.map((i) => ({ path: i.path.map(String).join("."), message: i.message })),
  });

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
  /**
   * Runs the handler under the job's lease and writes the outcome itself before letting the lease
   * go (pg-boss's own completion, which follows, then finds the job no longer active). Answers
   * nothing to pg-boss, so a failure is written once, by `boss.fail` here.
   */
  const run = async (definition: JobDefinition, job: PgBoss.JobWithMetadata<unknown>, held: Leases) => {
    const about = { job: definition.name, jobId: job.id, retryCount: job.retryCount };
    if (!(await held.acquire(job.id, job.retryCount))) {
      log.warn(about, "job was taken back from this worker before it started; not run here");
      return;
    }
    running.add(job.id);
    const started = Date.now();
    let final = job.retryCount >= job.retryLimit;
    try {
      const payload = definition.payload.safeParse(job.data);
      if (!payload.success) {
        // It will not parse on a retry either: fail for good, without running the handler.
        await spendNoMoreRetries(database.db, job.id);
        final = true;
        throw invalidPayload(definition.name, payload.error);
      }
      // Every job spans workspaces (each query filtered by its own): the system path.
      const context = { db, jobId: job.id, name: definition.name, retryCount: job.retryCount };
      const output = await definition.handler(context, payload.data);
      await completeRun(db, job.id, job.retryCount, output);
      // Scheduled maintenance completes every minute or hour: worth a line only at debug level.
      const level = definition.schedule ? "debug" : "info";
      log[level]({ ...about, ms: Date.now() - started }, "job completed");
    } catch (err) {
      log.warn(
        { ...about, err },
        final ? "job failed and will not be retried" : "job failed; it will be retried",
      );
      // A run pg-boss already gave up on (past expireInSeconds) must not fail the run after it.
      if (await runIsCurrent(db, job.id, job.retryCount)) {
        await boss.fail(definition.name, job.id, err instanceof Error ? err : new Error(String(err)));
      }
    } finally {
      await held.release(job.id);
      running.delete(job.id);
    }
  };

  try {
    await boss.start();
    // Before any worker starts: on the embedded database this takes back a dead process's jobs.
    const held = await openLeases(
      db,
      database.jobsConnection,
      definitions.map((d) => d.name),
      log,
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
    for (const definition of definitions) {
      await boss.work<unknown>(
        definition.name,
        { includeMetadata: true, batchSize: 1, pollingIntervalSeconds: options.pollingIntervalSeconds ?? 2 },
        async ([job]) => (job ? run(definition, job, held) : undefined),
      );
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
      return boss.send(definition.name, parsed.data as object, {
        ...(sendOptions.singletonKey ? { singletonKey: sendOptions.singletonKey } : {}),
        ...(sendOptions.startAfterSeconds ? { startAfter: sendOptions.startAfterSeconds } : {}),
      });
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
