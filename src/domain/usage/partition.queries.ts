import { sql } from "drizzle-orm";
import type { Db } from "../../db/index.ts";
import { queryRows, withTx } from "../../db/index.ts";
import { type Month, monthBounds, partitionName } from "./partition.rules.ts";

// One lock for all partition changes, so two processes never create or drop the same one at once.
const PARTITION_LOCK = 7_261_001;

// Installation-wide on purpose: partitions, retention, old message ids and problems span every
// workspace (maintenance jobs, not a workspace's requests).
export async function existingPartitions(db: Db): Promise<string[]> {
  const rows = await queryRows<{ name: string }>(
    db,
    sql`select c.relname as name from pg_inherits i
        join pg_class c on c.oid = i.inhrelid
        join pg_class p on p.oid = i.inhparent
        where p.relname = 'usage_events'`,
  );
  return rows.map((r) => r.name);
}

/** Months that events in the default partition belong to (events that arrived before their month's partition). */
export async function monthsInDefault(db: Db): Promise<Month[]> {
  const rows = await queryRows<{ y: number; m: number }>(
    db,
    sql`select distinct extract(year from ts at time zone 'UTC')::int as y, extract(month from ts at time zone 'UTC')::int as m
        from usage_events_default`,
  );
  return rows.map((r) => ({ year: r.y, month: r.m }));
}

/**
 * Creates the month's partition, moving into it any of its events that waited in the default
 * partition (PostgreSQL refuses a new partition while the default holds rows that belong to it).
 */
export async function createPartition(db: Db, m: Month): Promise<boolean> {
  const name = partitionName(m);
  const [from, to] = monthBounds(m);
  return withTx(db, async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${PARTITION_LOCK})`);
    if ((await existingPartitions(tx)).includes(name)) return false;
    await tx.execute(sql`create temp table usage_events_moving (like usage_events) on commit drop`);
    await tx.execute(sql`
      with moved as (
        delete from usage_events_default where ts >= ${from}::timestamptz and ts < ${to}::timestamptz returning *)
      insert into usage_events_moving select * from moved`);
    await tx.execute(
      sql.raw(`create table ${name} partition of usage_events for values from ('${from}') to ('${to}')`),
    );
    // A partition does not inherit its parent's row-level security, and it can be read directly.
    await tx.execute(sql`select steward_workspace_rls(${name}::regclass)`);
    await tx.execute(sql`insert into usage_events select * from usage_events_moving`);
    await tx.execute(sql`drop table usage_events_moving`);
    return true;
  });
}

export async function dropPartition(db: Db, name: string): Promise<void> {
  await withTx(db, async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${PARTITION_LOCK})`);
    if (!(await existingPartitions(tx)).includes(name)) return;
    await tx.execute(sql.raw(`drop table ${name}`));
  });
}

/** Deletes raw rows older than the cutoff that the default partition holds, and old message ids and problems. */
export async function deleteOldRows(db: Db, cutoff: Date, messageIdsBefore: Date) {
  const c = cutoff.toISOString();
  const m = messageIdsBefore.toISOString();
  await db.execute(sql`delete from usage_events_default where ts < ${c}::timestamptz`);
  await db.execute(sql`delete from usage_message_ids where received_at < ${m}::timestamptz`);
  await db.execute(sql`delete from usage_rejections where received_at < ${m}::timestamptz`);
}
