import { type SQL, sql } from "drizzle-orm";
import type { Job, JobListQuery } from "../../contract/index.ts";
import { type Db, queryRows } from "../../db/index.ts";
import { afterCursor, orderBy, type SortKey, sortKeyColumn, toPage } from "../kernel/pagination.queries.ts";

/**
 * The schema pg-boss keeps its tables in (the runner starts pg-boss with it). These queries read
 * pg-boss 10's `job` and `archive` tables directly: the API and the CLI must list and retry jobs
 * in a process that runs no pg-boss instance (STEWARD_WORKER=false, `steward jobs`).
 */
export const JOBS_SCHEMA = "pgboss";

const jobTable = sql.raw(`${JOBS_SCHEMA}.job`);
const archiveTable = sql.raw(`${JOBS_SCHEMA}.archive`);
/** Failed jobs stay retryable this long, then move to the archive (the runner's setting). */
export const FAILED_JOBS_KEPT_DAYS = 14;

type JobRow = {
  id: string;
  name: string;
  state: Job["state"];
  data: unknown;
  retry_count: number;
  retry_limit: number;
  created_on: Date;
  started_on: Date | null;
  completed_on: Date | null;
  error: string | null;
  archived: boolean;
  sortKey: string;
};

/** A database no job runner has opened yet has no pg-boss tables: nothing to list. */
export async function jobTablesExist(db: Db): Promise<boolean> {
  const [row] = await queryRows<{ present: boolean }>(
    db,
    sql`select to_regclass(${`${JOBS_SCHEMA}.archive`}) is not null as present`,
  );
  return row?.present === true;
}

/** A job belongs to the workspace its payload names; installation-wide jobs name none. */
const ofWorkspace = (workspaceId: string | null, data: SQL = sql`j.data`): SQL =>
  workspaceId === null ? sql`true` : sql`${data}->>'workspaceId' = ${workspaceId}`;

const live = (columns: SQL) => sql`select ${columns}, false as archived from ${jobTable}`;
const archived = (columns: SQL) => sql`select ${columns}, true as archived from ${archiveTable}`;
const COLUMNS = sql.raw(
  "id, name, state, data, retry_count, retry_limit, created_on, started_on, completed_on, output",
);

/**
 * Why the last run failed, also kept for a discarded (cancelled) job: the message pg-boss stored,
 * which sits under `value` when pg-boss itself failed the run (a timeout).
 */
const ERROR = sql`case when j.state in ('failed', 'retry', 'cancelled')
  then coalesce(j.output->>'message', j.output->'value'->>'message') end`;

/** Jobs are listed newest first. */
export const jobSortKey: SortKey = { expr: sql`j.created_on`, type: "timestamptz", desc: true };

/** Jobs newest first, of one workspace (`data.workspaceId`) or of the whole installation (null). */
export async function selectJobs(db: Db, workspaceId: string | null, query: JobListQuery) {
  const key = jobSortKey;
  const conditions = [
    // pg-boss's own queue that turns cron schedules into jobs is plumbing, not a job of ours.
    sql`not starts_with(j.name, '__pgboss__')`,
    ofWorkspace(workspaceId),
    query.state === "all" ? undefined : sql`j.state = ${query.state}`,
    afterCursor(key, sql`j.id`, query.cursor),
  ].filter((c): c is SQL => c !== undefined);
  const rows = await queryRows<JobRow>(
    db,
    sql`select j.id, j.name, j.state::text as state, j.data, j.retry_count, j.retry_limit,
          j.created_on, j.started_on, j.completed_on, j.archived,
          ${ERROR} as error, ${sortKeyColumn(key)} as "sortKey"
        from (${live(COLUMNS)} union all ${archived(COLUMNS)}) j
        where ${sql.join(conditions, sql` and `)}
        order by ${sql.join(orderBy(key, sql`j.id`), sql`, `)}
        limit ${query.limit + 1}`,
  );
  const page = toPage(rows, query.limit);
  return { ...page, data: page.data.map(toJob) };
}

/** One job by id, in the workspace given (null: anywhere in the installation). */
export async function selectJob(db: Db, workspaceId: string | null, id: string): Promise<Job | null> {
  const rows = await queryRows<Omit<JobRow, "sortKey">>(
    db,
    sql`select j.id, j.name, j.state::text as state, j.data, j.retry_count, j.retry_limit,
          j.created_on, j.started_on, j.completed_on, j.archived, ${ERROR} as error
        from (${live(COLUMNS)} union all ${archived(COLUMNS)}) j
        where j.id = ${id}::uuid and ${ofWorkspace(workspaceId)}`,
  );
  return rows[0] ? toJob(rows[0]) : null;
}

/**
 * Puts a failed job back in line for one more run, as pg-boss's own `retry()` does, and also
 * clears its end time and extends its retention: otherwise maintenance would archive a job that
 * failed long ago (by `completed_on`) before any worker picked it up again.
 */
export async function requeueFailedJob(db: Db, workspaceId: string | null, id: string): Promise<boolean> {
  const rows = await queryRows<{ id: string }>(
    db,
    sql`update ${jobTable}
        set state = 'retry', retry_limit = retry_count + 1, completed_on = null, start_after = now(),
          keep_until = greatest(keep_until, now() + make_interval(days => ${FAILED_JOBS_KEPT_DAYS}))
        where id = ${id}::uuid and state = 'failed' and ${ofWorkspace(workspaceId, sql`data`)}
        returning id`,
  );
  return rows.length > 0;
}

/** Drops a failed job for good: cancelled, it is never fetched or retried, and maintenance archives it. */
export async function cancelFailedJob(db: Db, workspaceId: string | null, id: string): Promise<boolean> {
  const rows = await queryRows<{ id: string }>(
    db,
    sql`update ${jobTable} set state = 'cancelled'
        where id = ${id}::uuid and state = 'failed' and ${ofWorkspace(workspaceId, sql`data`)}
        returning id`,
  );
  return rows.length > 0;
}

export type QueueCounts = {
  name: string;
  waiting: number;
  active: number;
  failed: number;
  completed: number;
};

/**
 * The workspace's jobs of each kind by state: waiting, running and failed ones in the live table,
 * completed ones of the last 24 hours in either (completed jobs are archived after 12 hours).
 */
export async function countJobsByQueue(
  db: Db,
  workspaceId: string,
  names: readonly string[],
): Promise<QueueCounts[]> {
  if (names.length === 0) return [];
  const COUNTED = sql.raw("name, state, data, completed_on");
  return queryRows<QueueCounts>(
    db,
    sql`select j.name,
          count(*) filter (where j.state in ('created', 'retry'))::int as waiting,
          count(*) filter (where j.state = 'active')::int as active,
          count(*) filter (where j.state = 'failed' and not j.archived)::int as failed,
          count(*) filter (where j.state = 'completed' and j.completed_on > now() - interval '24 hours')::int
            as completed
        from (${live(COUNTED)} union all ${archived(COUNTED)}
              where state = 'completed' and completed_on > now() - interval '24 hours') j
        where j.name in (${inList(names)}) and ${ofWorkspace(workspaceId)}
        group by j.name`,
  );
}

export type ScheduledRunRow = {
  name: string;
  state: Job["state"];
  started_on: Date;
  completed_on: Date | null;
};

/**
 * The latest run that started of each scheduled job: the installation-wide ones (no workspace in
 * their payload), which is what a schedule sends.
 */
export async function latestScheduledRuns(db: Db, names: readonly string[]): Promise<ScheduledRunRow[]> {
  if (names.length === 0) return [];
  const RUN = sql.raw("name, state, data, started_on, completed_on");
  return queryRows<ScheduledRunRow>(
    db,
    sql`select distinct on (j.name) j.name, j.state::text as state, j.started_on, j.completed_on
        from (${live(RUN)} union all ${archived(RUN)}) j
        where j.name in (${inList(names)}) and j.started_on is not null
          and j.data->>'workspaceId' is null
        order by j.name, j.started_on desc`,
  );
}

/** A list of job names for `in (…)`. */
export const inList = (names: readonly string[]): SQL =>
  sql.join(
    names.map((n) => sql`${n}`),
    sql`, `,
  );

/** Makes a running job's next failure its last: pg-boss retries only while retry_count < retry_limit. */
export async function spendNoMoreRetries(db: Db, id: string): Promise<void> {
  await db.execute(
    sql`update ${jobTable} set retry_limit = retry_count where id = ${id}::uuid and state = 'active'`,
  );
}

const iso = (d: Date | string | null): string | null => (d === null ? null : new Date(d).toISOString());

function toJob(r: Omit<JobRow, "sortKey">): Job {
  const payload =
    typeof r.data === "object" && r.data !== null && !Array.isArray(r.data)
      ? (r.data as Record<string, unknown>)
      : { value: r.data };
  return {
    id: r.id,
    name: r.name,
    state: r.state,
    payload,
    retryCount: Number(r.retry_count),
    retryLimit: Number(r.retry_limit),
    createdAt: new Date(r.created_on).toISOString(),
    startedAt: iso(r.started_on),
    finishedAt: iso(r.completed_on),
    error: r.error,
    archived: r.archived === true,
  };
}
