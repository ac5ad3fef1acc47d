import { sql } from "drizzle-orm";
import type { Db } from "../../db/index.ts";
import { queryRows, withTx } from "../../db/index.ts";

/**
 * The roller: adds queued events (usage_rollup_queue, appended by ingestion in the statement that
 * stores the events) to the three rollups. Ingestion asks for a run after each write; the run waits
 * a moment so that it sums many requests' rows in one statement, then drains the queue. Every run
 * takes rows out and adds them in one transaction, so a crash loses nothing and counts nothing
 * twice; the `usage.rollups` job drains whatever a stopped process left behind.
 */

/** Serializes rollers across processes, and rollers with rebuilds (rollup.queries.ts). */
export const ROLLUP_LOCK = sql`pg_advisory_xact_lock(7411, 1)`;

/**
 * `delayMs`: how long a requested run waits for more rows; `batch`: rows per statement;
 * `onError`: told when a scheduled run fails (the next write or the job tries again).
 */
export const rollUp = {
  delayMs: 250,
  batch: 20_000,
  onError: (_error: unknown) => {},
};
/** A vacuum of the queue at most this often: PGlite has no autovacuum, and the table churns. */
const VACUUM_EVERY_MS = 30_000;

type State = { timer?: NodeJS.Timeout; running?: Promise<void>; again: boolean; vacuumedAt: number };
const states = new WeakMap<Db, State>();

const stateOf = (db: Db): State => {
  const known = states.get(db);
  if (known) return known;
  const fresh: State = { again: false, vacuumedAt: Date.now() };
  states.set(db, fresh);
  return fresh;
};

/** Takes up to `limit` queued rows and adds them to the rollups; answers how many it took. */
export async function rollUpQueued(db: Db, limit = rollUp.batch): Promise<number> {
  return withTx(db, async (tx) => {
    await tx.execute(sql`select ${ROLLUP_LOCK}`);
    // Rollup rows are written in key order so that a rebuild or another process locks them in the
    // same order. New (user, event, day) rows tell the account rollup how many users are new.
    const [row] = await queryRows<{ taken: number }>(
      tx,
      sql`
      with taken as (
        delete from usage_rollup_queue
        where ctid = any(array(select ctid from usage_rollup_queue limit ${limit}))
        returning workspace_id, account_id, day, event, user_key, contact_id, events
      ),
      ued as (
        insert into usage_user_event_days as t (workspace_id, account_id, day, event, user_key, events)
        select workspace_id, account_id, day, event, user_key, sum(events) from taken
        where user_key is not null
        group by 1, 2, 3, 4, 5
        order by 1, 2, 3, 4, 5
        on conflict (workspace_id, account_id, day, event, user_key) do update set events = t.events + excluded.events
        returning workspace_id, account_id, day, event, (xmax = 0) as inserted
      ),
      ud as (
        insert into usage_user_days as t (workspace_id, account_id, day, user_key, contact_id, events)
        select workspace_id, account_id, day, user_key,
          (array_agg(contact_id) filter (where contact_id is not null))[1], sum(events)
        from taken where user_key is not null
        group by 1, 2, 3, 4
        order by 1, 2, 3, 4
        on conflict (workspace_id, account_id, day, user_key) do update
          set events = t.events + excluded.events, contact_id = coalesce(excluded.contact_id, t.contact_id)
      ),
      aed as (
        insert into usage_account_event_days as t (workspace_id, account_id, day, event, events, users)
        select a.workspace_id, a.account_id, a.day, a.event, a.events, coalesce(n.new_users, 0)
        from (select workspace_id, account_id, day, event, sum(events)::int as events from taken group by 1, 2, 3, 4) a
        left join (select workspace_id, account_id, day, event, count(*) filter (where inserted)::int as new_users
                   from ued group by 1, 2, 3, 4) n using (workspace_id, account_id, day, event)
        order by 1, 2, 3, 4
        on conflict (workspace_id, account_id, day, event) do update
          set events = t.events + excluded.events, users = t.users + excluded.users
      )
      -- ud and aed run to completion whether or not this reads them (PostgreSQL's rule for WITH).
      select count(*)::int as taken from taken`,
    );
    return row?.taken ?? 0;
  });
}

/** Asks for a run soon; requests made while one is due or running are served by it or the next. */
export function scheduleRollUp(db: Db): void {
  const state = stateOf(db);
  if (state.running) {
    state.again = true;
    return;
  }
  if (state.timer) return;
  state.timer = setTimeout(() => {
    state.timer = undefined;
    drain(db, state).catch(rollUp.onError);
  }, rollUp.delayMs);
  state.timer.unref();
}

/**
 * Adds everything queued so far to the rollups, now: after a bulk import, at shutdown, in the job,
 * and in tests that read rollups right after ingesting.
 */
export async function flushRollups(db: Db): Promise<void> {
  const state = stateOf(db);
  if (state.timer) clearTimeout(state.timer);
  state.timer = undefined;
  await state.running?.catch(() => {});
  await drain(db, state);
}

function drain(db: Db, state: State): Promise<void> {
  const run = (async () => {
    while ((await rollUpQueued(db)) === rollUp.batch) {
      // A full batch: more may be waiting.
    }
    if (Date.now() - state.vacuumedAt > VACUUM_EVERY_MS) {
      state.vacuumedAt = Date.now();
      await db.execute(sql`vacuum usage_rollup_queue`);
    }
  })();
  state.running = run;
  return run.finally(() => {
    if (state.running === run) state.running = undefined;
    if (state.again) {
      state.again = false;
      scheduleRollUp(db);
    }
  });
}
