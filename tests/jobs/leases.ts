import { sql } from "drizzle-orm";
import { type Db, queryRows } from "../../src/db/index.ts";

/**
 * Who holds a job's lease right now, as PostgreSQL shows it: the lease connections (named
 * `steward-lease <host>:<pid>`) holding the job's advisory lock, with their process ids and
 * backends.
 */
export async function leaseHolders(db: Db, jobId: string): Promise<{ pid: number; backend: number }[]> {
  const rows = await queryRows<{ name: string; backend: number }>(
    db,
    sql`with k as (select hashtextextended('steward.job:' || ${jobId}, 0) as key)
        select a.application_name as name, a.pid as backend
        from pg_locks l join pg_stat_activity a on a.pid = l.pid, k
        where l.locktype = 'advisory' and l.granted and l.objsubid = 1
          -- a sweep holds the lock for a moment too, while it checks the job; it runs nothing
          and a.application_name like 'steward-lease %'
          and l.database = (select oid from pg_database where datname = current_database())
          and l.classid::text::bigint = (k.key >> 32) & 4294967295
          and l.objid::text::bigint = k.key & 4294967295`,
  );
  return rows.map((r) => ({ pid: Number(r.name.split(":").at(-1)), backend: r.backend }));
}
