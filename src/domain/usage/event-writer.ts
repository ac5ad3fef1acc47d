import type { Db } from "../../db/index.ts";
import { inWorkspace } from "../../db/transaction.ts";
import { isRetryable } from "../kernel/db-errors.ts";
import { type EventRow, insertEvents } from "./ingest.queries.ts";

/**
 * Group commit for ingestion's common case. Requests of one source that arrive while earlier
 * statements are running wait and are then stored together: one statement, one round trip and one
 * commit for all of them, instead of one each. Each request is still answered only after the
 * statement holding its events has committed, with the number of its own events stored.
 */

type Pending = {
  rows: EventRow[];
  receivedAt: Date;
  resolve(stored: number): void;
  reject(error: unknown): void;
};
type Queue = { pending: Pending[]; inFlight: number };

/**
 * `maxInFlight`: statements one source may have running at once; further requests queue and are
 * merged. `statements` and `requests` count what was written, to see how much merging happens.
 */
export const eventWriter = { maxInFlight: 4, statements: 0, requests: 0 };
/** Rows per merged statement; more wait for the next one. */
const MAX_ROWS = 2_000;
const ATTEMPTS = 3;

const queues = new WeakMap<Db, Map<string, Queue>>();

/** Stores the rows (no two with one messageId) with those of concurrent requests; answers how many were new. */
export function writeEvents(
  db: Db,
  workspaceId: string,
  sourceId: string,
  rows: EventRow[],
  receivedAt: Date,
): Promise<number> {
  if (rows.length === 0) return Promise.resolve(0);
  const byKey = queues.get(db) ?? new Map<string, Queue>();
  queues.set(db, byKey);
  const key = `${workspaceId}|${sourceId}`;
  const queue = byKey.get(key) ?? { pending: [], inFlight: 0 };
  byKey.set(key, queue);
  return new Promise((resolve, reject) => {
    queue.pending.push({ rows, receivedAt, resolve, reject });
    pump(db, workspaceId, sourceId, queue, () => {
      if (queue.pending.length === 0 && queue.inFlight === 0) byKey.delete(key);
    });
  });
}

function pump(db: Db, workspaceId: string, sourceId: string, queue: Queue, idle: () => void) {
  while (queue.inFlight < eventWriter.maxInFlight && queue.pending.length > 0) {
    const taken: Pending[] = [];
    let size = 0;
    while (
      queue.pending.length > 0 &&
      (taken.length === 0 || size + (queue.pending[0]?.rows.length ?? 0) <= MAX_ROWS)
    ) {
      const next = queue.pending.shift() as Pending;
      taken.push(next);
      size += next.rows.length;
    }
    queue.inFlight += 1;
    run(db, workspaceId, sourceId, taken).finally(() => {
      queue.inFlight -= 1;
      pump(db, workspaceId, sourceId, queue, idle);
      idle();
    });
  }
}

async function run(db: Db, workspaceId: string, sourceId: string, taken: Pending[]) {
  // A messageId sent by two waiting requests (a client retrying early) is stored by the first.
  const seen = new Set<string>();
  const rows = taken.flatMap((p, request) =>
    p.rows
      .filter((r) => !seen.has(r.messageId) && seen.add(r.messageId))
      .map((r) => ({ ...r, request, receivedAt: p.receivedAt })),
  );
  for (let attempt = 1; ; attempt++) {
    try {
      const stored = new Array<number>(taken.length).fill(0);
      const first = taken[0] as Pending;
      eventWriter.statements += 1;
      // The writer merges requests after they left their own transactions: it writes in one of its own.
      const written = await inWorkspace(db, workspaceId, (tx) =>
        insertEvents(tx, workspaceId, sourceId, rows, first.receivedAt),
      );
      for (const r of written) {
        stored[r.request] = (stored[r.request] ?? 0) + r.stored;
      }
      eventWriter.requests += taken.length;
      taken.forEach((p, i) => {
        p.resolve(stored[i] ?? 0);
      });
      return;
    } catch (e) {
      if (attempt < ATTEMPTS && isRetryable(e)) continue;
      // One request's bad data (text PostgreSQL cannot store) must not fail the others merged with it.
      if (taken.length > 1) {
        for (const p of taken) await run(db, workspaceId, sourceId, [p]);
        return;
      }
      for (const p of taken) p.reject(e);
      return;
    }
  }
}
