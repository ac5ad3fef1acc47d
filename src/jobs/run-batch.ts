import type PgBoss from "pg-boss";
import { z } from "zod";
import { AppError } from "../common/errors.ts";
import type { Db } from "../db/index.ts";
import { type CompletedRun, completeRuns, runIsCurrent, spendNoMoreRetries } from "../domain/jobs/index.ts";
import type { JobDefinition } from "./define.ts";
import { grouped } from "./grouped.ts";
import type { Leases } from "./leases.ts";
import type { JobLog } from "./runner.ts";

export const invalidPayload = (name: string, error: z.ZodError) =>
  new AppError("VALIDATION_FAILED", `Invalid payload for job ${name}: ${z.prettifyError(error)}`, {
    issues: error.issues.map((i) => ({ path: i.path.map(String).join("."), message: i.message })),
  });

/** A scheduled job that runs this long is logged at info level (it holds the embedded database meanwhile). */
const SLOW_JOB_MS = 5000;

const asError = (err: unknown) => (err instanceof Error ? err : new Error(String(err)));

type Job = PgBoss.JobWithMetadata<unknown>;
export type RunBatch = (definition: JobDefinition, jobs: Job[]) => Promise<void>;

/** A run that failed: `leased` when it holds the job's lease, let go once the failure is written. */
type Failed = { definition: JobDefinition; job: Job; err: unknown; leased: boolean };

/**
 * What a runner's workers do with the jobs pg-boss hands them: every job of a batch at once, each
 * under its own lease and with its own outcome. `db` is the system path (every job spans
 * workspaces, each query filtered by its own); `running` holds the ids of runs not yet written,
 * for a stop to wait on. Answers nothing to pg-boss and never throws to it: pg-boss would fail the
 * whole batch at once, neighbours that completed or are still running included.
 */
export function batchRunner(o: {
  boss: PgBoss;
  db: Db;
  leases: Leases;
  log: JobLog;
  running: Set<string>;
}): RunBatch {
  const { boss, db, leases, log, running } = o;
  const completeTogether = grouped((runs: CompletedRun[]) => completeRuns(db, runs));
  /**
   * The runs that end together are written in one statement; should the database refuse it (one
   * run's output it cannot store), each run writes its own, so that one's failure is its alone.
   */
  const complete = async (run: CompletedRun) => {
    try {
      await completeTogether(run);
    } catch {
      await completeRuns(db, [run]);
    }
  };

  /**
   * Runs the handler under the job's lease and writes a completion itself before letting the lease
   * go (pg-boss's own completion, which follows, then finds the job no longer active). A failure is
   * answered, lease still held, to be written once the batch is done.
   */
  const run = async (definition: JobDefinition, job: Job): Promise<Failed | null> => {
    const about = { job: definition.name, jobId: job.id, retryCount: job.retryCount };
    if (!(await leases.acquire(job.id, job.retryCount))) {
      log.warn(about, "job was taken back from this worker before it started; not run here");
      return null;
    }
    running.add(job.id);
    const started = Date.now();
    let final = job.retryCount >= job.retryLimit;
    try {
      const payload = definition.payload.safeParse(job.data);
      if (!payload.success) {
        // It will not parse on a retry either: fail for good, without running the handler.
        await spendNoMoreRetries(db, job.id);
        final = true;
        throw invalidPayload(definition.name, payload.error);
      }
      const context = { db, jobId: job.id, name: definition.name, retryCount: job.retryCount };
      const output = await definition.handler(context, payload.data);
      await complete({ id: job.id, retryCount: job.retryCount, output });
      // Scheduled maintenance completes every minute or hour: worth a line only at debug level,
      // unless it took long enough to slow what ran beside it.
      const ms = Date.now() - started;
      const level = definition.schedule && ms < SLOW_JOB_MS ? "debug" : "info";
      log[level]({ ...about, ms }, "job completed");
    } catch (err) {
      log.warn(
        { ...about, err },
        final ? "job failed and will not be retried" : "job failed; it will be retried",
      );
      return { definition, job, err, leased: true };
    }
    await leases.release(job.id);
    running.delete(job.id);
    return null;
  };

  /** Whatever else goes wrong with one job (taking its lease, the database away) is its failure alone. */
  const runAlone = async (definition: JobDefinition, job: Job): Promise<Failed | null> => {
    try {
      return await run(definition, job);
    } catch (err) {
      log.error({ job: definition.name, jobId: job.id, err }, "job run broke off before it started");
      return { definition, job, err, leased: false };
    }
  };

  const writeFailure = async (f: Failed) => {
    try {
      // A run pg-boss already gave up on (past expireInSeconds) must not fail the run after it.
      if (await runIsCurrent(db, f.job.id, f.job.retryCount)) {
        await boss.fail(f.definition.name, f.job.id, asError(f.err));
      }
    } catch (err) {
      // Still active: once its lease is gone, a sweep puts it back in line.
      log.error({ jobId: f.job.id, err }, "could not write a job's failure");
    } finally {
      if (f.leased) {
        await leases.release(f.job.id);
        running.delete(f.job.id);
      }
    }
  };

  /**
   * The failures are written when the whole batch is done: pg-boss then marks every job of the
   * batch that is active as completed, and a failed job written back earlier could be running
   * again by then (its retry, in another worker), a run that would wrongly end "completed".
   */
  return async (definition, jobs) => {
    const failed = await Promise.all(jobs.map((job) => runAlone(definition, job)));
    await Promise.all(failed.map((f) => (f ? writeFailure(f) : undefined)));
  };
}
