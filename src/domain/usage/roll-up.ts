import { type Db, withTx } from "../../db/transaction.ts";
import { addQueuedToRollups, vacuumRollupQueue } from "./rollup.queries.ts";

/**
 * The roller: adds queued events (usage_rollup_queue, appended by ingestion in the statement that
 * stores the events) to the three rollups. Ingestion asks for a run after each write; the run waits
 * a moment so that it sums many requests' rows in one statement, then drains the queue. Every run
 * takes rows out and adds them in one transaction, so a crash loses nothing and counts nothing
 * twice; the `usage.rollups` job drains whatever a stopped process left behind.
 */

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
  return withTx(db, (tx) => addQueuedToRollups(tx, limit));
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
      await vacuumRollupQueue(db);
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
