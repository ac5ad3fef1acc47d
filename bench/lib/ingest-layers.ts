import { v7 } from "uuid";
import { connect, type Database } from "../../src/db/index.ts";
import { ingestEvents, readRequest, type SourceAuth } from "../../src/domain/usage/index.ts";
import { type EventRow, insertEvents } from "../../src/domain/usage/ingest.queries.ts";
import type { RawResult } from "./raw-insert.ts";
import { BATCH, bodyTemplates } from "./segment-load.ts";
import type { BenchDb } from "./server-process.ts";
import type { Workspace } from "./usage-scale.ts";

/**
 * Ingestion without the HTTP server, in this process, to see where a request's time goes:
 * - the one statement that stores a batch (message ids, raw rows, rollup queue), rows prepared;
 * - `ingestEvents`, the domain function the route calls: reading the batch, the account and
 *   user-link lookups, attribution, then that statement.
 * Both run for `seconds` on as many connections as the server's pool (one for PGlite).
 */

type Ids = Workspace & { sourceId: string };

async function openDb(db: BenchDb, pool: number): Promise<Database> {
  if (db.kind === "postgres") {
    return connect({ kind: "postgres", url: db.env.DATABASE_URL as string, poolSize: pool });
  }
  return connect({ kind: "pglite", dataDir: db.env.STEWARD_DATA_DIR, lock: false });
}

async function during(seconds: number, workers: number, work: (i: number) => Promise<number>) {
  const until = performance.now() + seconds * 1000;
  let n = 0;
  let events = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: workers }, async () => {
      while (performance.now() < until) {
        // Not `events += await …`: that reads `events` before the await and loses other workers' counts.
        const stored = await work(n++);
        events += stored;
      }
    }),
  );
  return { events, seconds: (performance.now() - t0) / 1000 };
}

const result = (method: string, r: { events: number; seconds: number }): RawResult => ({
  method,
  rows: r.events,
  seconds: r.seconds,
  rowsPerSec: Math.round(r.events / r.seconds),
});

export async function ingestLayers(db: BenchDb, w: Ids, pool: number, seconds: number): Promise<RawResult[]> {
  const database = await openDb(db, pool);
  const workers = db.kind === "postgres" ? pool : 1;
  const templates = bodyTemplates(200);
  const tag = `layer-${Date.now()}`;
  const readBatch = (i: number, prefix: string) => {
    const body = JSON.parse((templates[i % templates.length] as string).replaceAll("@@", `${prefix}-${i}`));
    const now = new Date();
    return { read: readRequest("batch", body, 0, now), now };
  };
  try {
    const statement = await during(seconds, workers, async (i) => {
      const { read, now } = readBatch(i, `${tag}-s`);
      const rows: EventRow[] = read.events.map((e) => ({
        id: v7(),
        ts: e.ts,
        messageId: e.messageId,
        type: e.type,
        event: e.event,
        feature: e.event,
        accountId: w.accountByExt.get(e.groupId as string) ?? null,
        contactId: w.contactByExt.get(e.userId as string) ?? null,
        userId: e.userId,
        anonymousId: null,
        userKey: e.userId,
        groupId: e.groupId,
        parked: false,
        quantity: 1,
        properties: e.properties,
        context: e.context,
      }));
      const stored = await insertEvents(database.db, w.workspaceId, w.sourceId, rows, now);
      return stored.reduce((n, a) => n + a.stored, 0);
    });
    const source: SourceAuth = {
      workspaceId: w.workspaceId,
      sourceId: w.sourceId,
      status: "active",
      unknownAccounts: "park",
      traitsMayOverwrite: false,
      rateLimit: 1_000_000,
    };
    const domain = await during(seconds, workers, async (i) => {
      const { read, now } = readBatch(i, `${tag}-d`);
      return (await ingestEvents(database.db, source, read, now)).stored;
    });
    const conns = `${workers} conn`;
    return [
      result(`ingest statement alone (rows prepared), ${BATCH}-event batches, ${conns}`, statement),
      result(`ingestEvents in-process (read, lookups, attribution, statement), ${conns}`, domain),
    ];
  } finally {
    await database.close();
  }
}
