import { sql } from "drizzle-orm";
import type { Db } from "../../db/index.ts";
import { queryRows } from "../../db/index.ts";
import type { OutboxPoint } from "./cursor.rules.ts";

export type EventRow = {
  position: number;
  txid: number;
  id: string;
  workspace_id: string;
  account_id: string | null;
  type: string;
  actor: {
    kind: "user" | "apiKey" | "system";
    userId: string | null;
    apiKeyId: string | null;
    ruleId?: string;
  };
  data: Record<string, unknown>;
  occurred_at: Date | string;
};

export type EventInsert = {
  id: string;
  accountId: string | null;
  type: string;
  data: Record<string, unknown>;
};

/**
 * Appends events of one workspace and actor in the caller's transaction; answers the last one's
 * place in the outbox. The workspace and actor travel once, not once per event, and only the last
 * place comes back: a rule's run may write tens of thousands of events in one statement.
 */
export async function insertEvents(
  db: Db,
  workspaceId: string,
  actor: EventRow["actor"],
  events: EventInsert[],
): Promise<OutboxPoint> {
  const rows = await queryRows<{ txid: string; position: string }>(
    db,
    sql`with written as (
          insert into domain_events (id, workspace_id, account_id, type, actor, data)
          select v.id, ${workspaceId}::uuid, v.account_id, v.type, ${JSON.stringify(actor)}::jsonb, v.data::jsonb
            from unnest(${sql.param(events.map((e) => e.id))}::uuid[],
              ${sql.param(events.map((e) => e.accountId))}::uuid[],
              ${sql.param(events.map((e) => e.type))}::text[],
              ${sql.param(events.map((e) => JSON.stringify(e.data)))}::text[]) as v(id, account_id, type, data)
          returning txid, position)
        select txid, position from written order by position desc limit 1`,
  );
  const r = rows[0];
  return r ? { txid: Number(r.txid), position: Number(r.position) } : { txid: 0, position: 0 };
}

/**
 * Events after `after` in reading order, only those no transaction still running can precede: a
 * transaction that has not committed yet may still add an event, and it will sort after
 * everything handed out so far.
 *
 * The horizon counts only this database's transactions (transaction ids are cluster-wide, and a
 * long transaction in another database of the same server must not hold our delivery back).
 * First the ids in progress here and the next id to be assigned are noted; then, in the reading
 * statement's own snapshot, the horizon is the oldest of those still in progress, or that next id.
 * A transaction that got its id in between has an id at least that next id, so it is behind the
 * horizon anyway.
 */
export async function readEvents(
  db: Db,
  after: OutboxPoint,
  limit: number,
  workspaceId?: string,
): Promise<EventRow[]> {
  const [here] = await queryRows<{ next: string; running: string[] | null }>(
    db,
    sql`select (pg_snapshot_xmax(pg_current_snapshot())::text)::bigint as next,
          steward_running_transactions() as running`,
  );
  const next = Number(here?.next ?? 0);
  const running = (here?.running ?? []).map(Number);
  const scope = workspaceId ? sql`and workspace_id = ${workspaceId}` : sql``;
  const rows = await queryRows<EventRow>(
    db,
    sql`with horizon as (
          select least(${next}::bigint, coalesce(min((x::text)::bigint), ${next}::bigint)) as txid
          from pg_snapshot_xip(pg_current_snapshot()) as x
          where (x::text)::bigint % 4294967296 = any(${sql.param(running)}::bigint[]))
        select position, txid, id, workspace_id, account_id, type, actor, data, occurred_at
        from domain_events
        where (txid, position) > (${after.txid}::bigint, ${after.position}::bigint)
          and txid < (select txid from horizon) ${scope}
        order by txid, position limit ${limit}`,
  );
  return rows.map((r) => ({ ...r, position: Number(r.position), txid: Number(r.txid) }));
}

/** A consumer's position; a new consumer starts at the beginning of what is kept. */
export async function consumerPosition(db: Db, name: string): Promise<OutboxPoint> {
  const rows = await queryRows<{ txid: string; position: string }>(
    db,
    sql`select txid, position from event_consumers where name = ${name}`,
  );
  const row = rows[0];
  return row ? { txid: Number(row.txid), position: Number(row.position) } : { txid: 0, position: 0 };
}

export async function saveConsumerPosition(db: Db, name: string, at: OutboxPoint): Promise<void> {
  await db.execute(sql`
    insert into event_consumers (name, txid, position) values (${name}, ${at.txid}, ${at.position})
    on conflict (name) do update set txid = excluded.txid, position = excluded.position, updated_at = now()`);
}

/**
 * Whether any consumer among `names` has an event after its position (a cheap check before a full
 * pass; some may not be deliverable yet).
 */
export async function hasWaitingEvents(db: Db, names: string[]): Promise<boolean> {
  const rows = await queryRows<{ waiting: boolean }>(
    db,
    sql`select exists (
          select 1 from unnest(${sql.param(names)}::text[]) as n(name)
          left join event_consumers c on c.name = n.name
          join lateral (
            select 1 from domain_events e
            where (e.txid, e.position) > (coalesce(c.txid, 0), coalesce(c.position, 0))
            limit 1) e on true) as waiting`,
  );
  return rows[0]?.waiting === true;
}

/** Whether every consumer in `names` has handled the outbox up to `point`. */
export async function consumersPast(db: Db, names: string[], point: OutboxPoint): Promise<boolean> {
  const rows = await queryRows<{ behind: string }>(
    db,
    sql`select count(*) as behind from unnest(${sql.param(names)}::text[]) as n(name)
        left join event_consumers c on c.name = n.name
        where c.name is null or (c.txid, c.position) < (${point.txid}::bigint, ${point.position}::bigint)`,
  );
  return Number(rows[0]?.behind ?? 1) === 0;
}

export async function parkEvent(
  db: Db,
  row: { workspaceId: string; consumer: string; position: number; attempts: number; error: string },
): Promise<void> {
  await db.execute(sql`
    insert into parked_events (workspace_id, consumer, position, attempts, error)
    values (${row.workspaceId}, ${row.consumer}, ${row.position}, ${row.attempts}, ${row.error})
    on conflict do nothing`);
}

export type ParkedRow = { consumer: string; position: number; type: string; error: string; attempts: number };

export async function listParked(db: Db, workspaceId: string): Promise<ParkedRow[]> {
  return queryRows<ParkedRow>(
    db,
    sql`select p.consumer, p.position, e.type, p.error, p.attempts
        from parked_events p left join domain_events e on e.position = p.position
        where p.workspace_id = ${workspaceId} order by p.position`,
  );
}

/**
 * Deletes events that occurred before `before` (all workspaces: retention is installation-wide)
 * and remembers the furthest point deleted, so an older cursor can be told it missed events.
 */
export async function pruneEvents(db: Db, before: Date): Promise<number> {
  const rows = await queryRows<{ deleted: string }>(
    db,
    sql`with gone as (
          delete from domain_events where occurred_at < ${before.toISOString()}::timestamptz
          returning txid, position),
        furthest as (select txid, position from gone order by txid desc, position desc limit 1),
        saved as (
          insert into event_retention (id, txid, position) select 1, txid, position from furthest
          on conflict (id) do update set
            txid = greatest(event_retention.txid, excluded.txid),
            position = case when excluded.txid > event_retention.txid then excluded.position
                            else event_retention.position end,
            pruned_at = now())
        select count(*) as deleted from gone`,
  );
  return Number(rows[0]?.deleted ?? 0);
}

/** The furthest point retention has deleted, or null when nothing was ever deleted. */
export async function prunedThrough(db: Db): Promise<OutboxPoint | null> {
  const rows = await queryRows<{ txid: string; position: string }>(
    db,
    sql`select txid, position from event_retention where id = 1`,
  );
  const row = rows[0];
  return row ? { txid: Number(row.txid), position: Number(row.position) } : null;
}
