import { type SQL, sql } from "drizzle-orm";
import { type Db, queryRows } from "../../db/index.ts";
import { inList, JOBS_SCHEMA } from "./job.queries.ts";

/*
 * Leases: which worker runs a job, as PostgreSQL itself knows it. A worker holds a session-level
 * advisory lock on each job it runs, on a connection of its own, for as long as the handler runs.
 * PostgreSQL releases the lock the moment that connection ends, so a job that is `active` while
 * nobody holds its lock belongs to a worker that died (killed, crashed, cut off), with no heartbeat
 * to miss and no timeout to tune to the longest job. pg-boss 10 alone would leave such a job
 * `active` until its expiry (15 minutes by default, an hour for the longest jobs), then wait its
 * retry delay on top.
 */

const jobTable = sql.raw(`${JOBS_SCHEMA}.job`);
/** The lock's key: a 64-bit hash of the job id, in a namespace of its own. */
const keyOf = (id: SQL) => sql`hashtextextended('steward.job:' || (${id})::text, 0)`;
const leaseKey = (id: string) => keyOf(sql`${id}::uuid`);

/** Takes the job's lease on `session` unless another session holds it; answers whether it did. */
export async function tryLeaseJob(session: Db, id: string): Promise<boolean> {
  const [row] = await queryRows<{ leased: boolean }>(
    session,
    sql`select pg_try_advisory_lock(${leaseKey(id)}) as leased`,
  );
  return row?.leased === true;
}

export async function releaseJobLease(session: Db, id: string): Promise<void> {
  await session.execute(sql`select pg_advisory_unlock(${leaseKey(id)})`);
}

/**
 * Held on a session while a runner creates and updates its queues: pg-boss 10's `create_queue`
 * deadlocks when two processes create the same queue at once (each inserts the queue's row, then
 * waits for the other's to attach its partition), so workers starting together take turns.
 */
export async function lockQueueSetup(session: Db): Promise<void> {
  await session.execute(sql`select pg_advisory_lock(hashtextextended('steward.job-queue-setup', 0))`);
}

export async function unlockQueueSetup(session: Db): Promise<void> {
  await session.execute(sql`select pg_advisory_unlock(hashtextextended('steward.job-queue-setup', 0))`);
}

/**
 * Whether this run is still the job's current one: active, and not fetched again since (pg-boss
 * adds one to `retry_count` each time it hands a job out again, so the count names the run).
 */
export async function runIsCurrent(db: Db, id: string, retryCount: number): Promise<boolean> {
  const rows = await queryRows<{ id: string }>(
    db,
    sql`select id from ${jobTable} where id = ${id}::uuid and state = 'active' and retry_count = ${retryCount}`,
  );
  return rows.length > 0;
}

/**
 * Marks this run completed, as pg-boss's own completion does, but only while it is still the
 * current run: written before the lease is let go, so no sweep finds the job active and unleased
 * in between. (pg-boss's completion that follows then finds nothing active and changes nothing.)
 */
export async function completeRun(db: Db, id: string, retryCount: number, output: unknown): Promise<void> {
  const value =
    output === undefined || output === null
      ? null
      : JSON.stringify(typeof output === "object" && !Array.isArray(output) ? output : { value: output });
  await db.execute(
    sql`update ${jobTable} set state = 'completed', completed_on = now(), output = ${value}::jsonb
        where id = ${id}::uuid and state = 'active' and retry_count = ${retryCount}`,
  );
}

export type ReclaimedJob = { id: string; name: string; state: "retry" | "failed" };

/** Why a reclaimed job's last run ended, as its error. */
export const ABANDONED_MESSAGE =
  "The worker running this job stopped before it finished (killed, crashed or cut off from the database)";

/**
 * Puts back in line, to run again at once, the active jobs of `names` that started more than
 * `graceSeconds` ago and whose lease nobody holds; a job with no retry left fails instead. With
 * `checkLeases` false every such job is taken back: only for the embedded database at start, when
 * no other process can be running anything.
 *
 * The lock is tried last, and only on candidates; taking it (until this statement commits) is
 * also what keeps a worker from taking the lease of a job being reclaimed.
 */
export async function reclaimAbandonedJobs(
  db: Db,
  names: readonly string[],
  graceSeconds: number,
  checkLeases: boolean,
): Promise<ReclaimedJob[]> {
  if (names.length === 0) return [];
  const free = checkLeases ? sql`pg_try_advisory_xact_lock(${keyOf(sql`id`)})` : sql`true`;
  return queryRows<ReclaimedJob>(
    db,
    sql`with abandoned as (
          select id from ${jobTable}
          where case when state = 'active' and name in (${inList(names)})
                       and started_on < now() - make_interval(secs => ${graceSeconds})
                  then ${free} else false end
          for update skip locked
        )
        update ${jobTable} j set
          state = case when j.retry_count < j.retry_limit then 'retry' else 'failed' end::${sql.raw(JOBS_SCHEMA)}.job_state,
          start_after = now(),
          completed_on = case when j.retry_count < j.retry_limit then null else now() end,
          output = jsonb_build_object('message', ${ABANDONED_MESSAGE}::text)
        from abandoned a
        where j.id = a.id
        returning j.id, j.name, j.state::text as state`,
  );
}
