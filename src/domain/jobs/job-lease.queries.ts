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

/**
 * Takes on `session` the lease of each job no other session holds; answers the ids it took. One
 * statement for however many jobs a runner starts at once: the lease connection is one, and a
 * round trip per job would make it the runner's bottleneck.
 */
export async function tryLeaseJobs(session: Db, ids: readonly string[]): Promise<Set<string>> {
  const rows = await queryRows<{ id: string; leased: boolean }>(
    session,
    sql`select u.id::text as id, pg_try_advisory_lock(${keyOf(sql`u.id`)}) as leased
        from unnest(${sql.param(ids)}::uuid[]) as u(id)`,
  );
  return new Set(rows.filter((r) => r.leased).map((r) => r.id));
}

export async function releaseJobLeases(session: Db, ids: readonly string[]): Promise<void> {
  await session.execute(
    sql`select pg_advisory_unlock(${keyOf(sql`u.id`)}) from unnest(${sql.param(ids)}::uuid[]) as u(id)`,
  );
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

/** A run of a job: pg-boss adds one to `retry_count` each time it hands a job out, so the count names the run. */
export type JobRun = { id: string; retryCount: number };

/** The runs as rows (id, retry_count, then `more` columns of arrays as long). */
const runsTable = (runs: readonly JobRun[], more = sql``) =>
  sql`unnest(${sql.param(runs.map((r) => r.id))}::uuid[], ${sql.param(runs.map((r) => r.retryCount))}::int[]${more})`;

/** Which of these runs are still their job's current one: active, and not handed out again since. */
export async function currentRuns(db: Db, runs: readonly JobRun[]): Promise<Set<string>> {
  const rows = await queryRows<{ id: string }>(
    db,
    sql`select j.id::text as id from ${jobTable} j join ${runsTable(runs)} as r(id, retry_count)
          on j.id = r.id and j.retry_count = r.retry_count
        where j.state = 'active'`,
  );
  return new Set(rows.map((r) => r.id));
}

export async function runIsCurrent(db: Db, id: string, retryCount: number): Promise<boolean> {
  return (await currentRuns(db, [{ id, retryCount }])).has(id);
}

export type CompletedRun = JobRun & { output: unknown };

const outputJson = (output: unknown): string | null =>
  output === undefined || output === null
    ? null
    : JSON.stringify(typeof output === "object" && !Array.isArray(output) ? output : { value: output });

/**
 * Marks these runs completed, as pg-boss's own completion does, but only those still current:
 * written before their leases are let go, so no sweep finds a job active and unleased in between.
 * (pg-boss's completion that follows then finds nothing active and changes nothing.) One
 * statement, one commit, for a batch's runs that end together.
 */
export async function completeRuns(db: Db, runs: readonly CompletedRun[]): Promise<void> {
  const outputs = sql.param(runs.map((r) => outputJson(r.output)));
  await db.execute(
    sql`update ${jobTable} j set state = 'completed', completed_on = now(), output = r.output
        from ${runsTable(runs, sql`, ${outputs}::jsonb[]`)} as r(id, retry_count, output)
        where j.id = r.id and j.state = 'active' and j.retry_count = r.retry_count`,
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
