import { hostname } from "node:os";
import { setTimeout as sleep } from "node:timers/promises";
import { connectSession, type Db, type JobsConnection, type Session } from "../db/index.ts";
import {
  currentRuns,
  type JobRun,
  lockQueueSetup,
  reclaimAbandonedJobs,
  releaseJobLeases,
  tryLeaseJobs,
  unlockQueueSetup,
} from "../domain/jobs/index.ts";
import { grouped } from "./grouped.ts";
import type { JobLog } from "./runner.ts";

/** A job started this long ago whose lease nobody holds is taken back: the window between pg-boss handing a job out and its worker taking the lease. */
export const RECLAIM_GRACE_SECONDS = 15;
/** How often each runner looks for jobs whose worker died. */
export const SWEEP_EVERY_SECONDS = 5;
const RETRY_LEASE_MS = 250;
const RECONNECT_MS = 1000;

/**
 * Who runs which job, so that no job runs twice at once and a dead worker's job runs again soon:
 * a run takes the job's lease before its handler starts and lets go after its outcome is written
 * (see `domain/jobs/job-lease.queries.ts`). Within the process a run waits for another run of the
 * same job (pg-boss hands a job out again when a run outlives `expireInSeconds`, though the first
 * handler is still going); on PostgreSQL the lease is also an advisory lock on a connection of
 * this process's own, which other processes see and PostgreSQL drops when the process dies.
 */
export type Leases = {
  /** Waits for the job's lease; false when the run stopped being the job's current one meanwhile. */
  acquire(id: string, retryCount: number): Promise<boolean>;
  release(id: string): Promise<void>;
  /** Runs `setup` while no other process runs its own (creating queues at once deadlocks). */
  oneAtATime<T>(setup: () => Promise<T>): Promise<T>;
  /** Stops sweeping and lets every lease go (PostgreSQL: closes the connection). */
  close(): Promise<void>;
};

/**
 * `db` is the system path (pg-boss's tables span workspaces); `jobsConnection` says which database
 * it is; `onReclaimed` hears which queues a sweep put jobs back in, to wake their workers.
 */
export async function openLeases(
  db: Db,
  jobsConnection: JobsConnection,
  names: readonly string[],
  log: JobLog,
  onReclaimed: (names: ReadonlySet<string>) => void = () => {},
): Promise<Leases> {
  const local = new Map<string, Promise<void>>();
  const letGo = new Map<string, () => void>();
  let closed = false;
  const check = grouped((runs: JobRun[]) => currentRuns(db, runs));
  const isCurrent = async (run: JobRun) => (await check(run)).has(run.id);

  const reclaim = async (checkLeases: boolean, graceSeconds: number) => {
    const jobs = await reclaimAbandonedJobs(db, names, graceSeconds, checkLeases);
    for (const job of jobs) {
      log.warn(
        { job: job.name, jobId: job.id, state: job.state },
        job.state === "retry"
          ? "a job's worker stopped mid-run; it runs again now"
          : "a job's worker stopped mid-run and it has no retry left; it failed",
      );
    }
    if (jobs.some((j) => j.state === "retry")) onReclaimed(new Set(jobs.map((j) => j.name)));
  };

  // The embedded database is this process's alone: whatever is active was a dead process's.
  if (jobsConnection.kind === "pglite") {
    await reclaim(false, 0);
    return {
      async acquire(id, retryCount) {
        await takeLocally(local, letGo, id);
        let current = false;
        try {
          current = !closed && (await isCurrent({ id, retryCount }));
        } finally {
          if (!current) letGo.get(id)?.();
        }
        return current;
      },
      async release(id) {
        letGo.get(id)?.();
      },
      oneAtATime: (setup) => setup(),
      async close() {
        closed = true;
      },
    };
  }

  const name = `steward-lease ${hostname()}:${process.pid}`;
  let session: Session = await connectSession(jobsConnection.url, name);
  const held = new Set<string>();
  let ready: Promise<void> = Promise.resolve();
  // Jobs of a batch start and end together: their leases go in one statement, not one each.
  const take = grouped(async (ids: string[]) => {
    await ready;
    return tryLeaseJobs(session.db, ids);
  });
  const letGoOf = grouped(async (ids: string[]) => {
    await ready;
    await releaseJobLeases(session.db, ids);
  });

  /** A lost connection lost its locks too: connect again and take back the leases of running jobs. */
  const watch = (current: Session) => {
    void current.lost.then(async (err) => {
      if (closed) return;
      log.error({ err }, "the job lease connection was lost; reconnecting");
      ready = (async () => {
        for (;;) {
          try {
            session = await connectSession(jobsConnection.url, name);
            break;
          } catch (e) {
            if (closed) return;
            log.error({ err: e }, "cannot reconnect the job lease connection yet");
            await sleep(RECONNECT_MS);
          }
        }
        watch(session);
        try {
          const ids = [...held];
          const taken = ids.length > 0 ? await tryLeaseJobs(session.db, ids) : new Set<string>();
          for (const id of ids.filter((i) => !taken.has(i))) {
            log.error({ jobId: id }, "another worker took over a job while this one's lease was lost");
          }
        } catch (e) {
          // Lost again: the new connection's watch starts over.
          log.error({ err: e }, "could not take the job leases back yet");
        }
      })();
    });
  };
  watch(session);

  let sweeping: Promise<void> | null = null;
  const sweep = () => {
    sweeping ??= reclaim(true, RECLAIM_GRACE_SECONDS)
      .catch((err) => log.error({ err }, "looking for jobs of dead workers failed"))
      .finally(() => {
        sweeping = null;
      });
    return sweeping;
  };
  await sweep();
  const timer = setInterval(sweep, SWEEP_EVERY_SECONDS * 1000);
  timer.unref();

  return {
    async acquire(id, retryCount) {
      await takeLocally(local, letGo, id);
      try {
        for (let attempt = 0; !closed; attempt++) {
          if ((await take(id)).has(id)) {
            held.add(id);
            if (await isCurrent({ id, retryCount })) return true;
            held.delete(id);
            await letGoOf(id);
            break;
          }
          // Another process runs the job: wait for it, unless this run was given up meanwhile.
          if (attempt % 20 === 19 && !(await isCurrent({ id, retryCount }))) break;
          await sleep(RETRY_LEASE_MS);
        }
      } catch (err) {
        held.delete(id);
        letGo.get(id)?.();
        throw err;
      }
      letGo.get(id)?.();
      return false;
    },
    async release(id) {
      try {
        if (held.delete(id)) await letGoOf(id);
      } catch (err) {
        // Its connection is gone, and the lock with it.
        log.warn({ err, jobId: id }, "could not let a job's lease go");
      } finally {
        letGo.get(id)?.();
      }
    },
    async oneAtATime(setup) {
      await lockQueueSetup(session.db);
      try {
        return await setup();
      } finally {
        await unlockQueueSetup(session.db);
      }
    },
    async close() {
      closed = true;
      clearInterval(timer);
      await sweeping;
      await session.close();
    },
  };
}

/** Waits until no other run of this job in this process holds it, then holds it. */
async function takeLocally(
  local: Map<string, Promise<void>>,
  letGo: Map<string, () => void>,
  id: string,
): Promise<void> {
  for (let other = local.get(id); other; other = local.get(id)) await other;
  let done = () => {};
  local.set(
    id,
    new Promise<void>((resolve) => {
      done = resolve;
    }),
  );
  letGo.set(id, () => {
    local.delete(id);
    letGo.delete(id);
    done();
  });
}
