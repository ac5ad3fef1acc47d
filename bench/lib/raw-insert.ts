import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { v7 } from "uuid";
import { accountExternalId, accountOfUser, EVENTS, USERS, userIdOf } from "./segment-load.ts";
import type { Sql } from "./sql.ts";

/**
 * The database's own bulk insert of the rows ingestion stores, into the same table: usage_events
 * rows of the same columns and values (UUIDv7 ids, event time now, jsonb properties and context),
 * without HTTP, parsing, attribution, deduplication or rollups.
 */

export type RawResult = { method: string; rows: number; seconds: number; rowsPerSec: number };

export type RawTarget = {
  /** Baseline rows go to a workspace id of their own, so they never count as ingested events. */
  workspaceId: string;
  sourceId: string;
  accountIds: Map<string, string>;
  contactIds: Map<string, string>;
};

const PROPS = ['{"format":"csv","rows":120,"plan":"pro"}', '{"source":"web","duration_ms":840}', "{}"];
const CONTEXT = '{"groupId":"%g","library":{"name":"@segment/analytics-node","version":"2.1.3"}}';

type Columns = string[][];

function rows(target: RawTarget, n: number): Columns {
  const cols: Columns = Array.from({ length: 10 }, () => []);
  const now = Date.now();
  for (let i = 0; i < n; i++) {
    const u = Math.floor(Math.random() * USERS);
    const user = userIdOf(u);
    const group = accountExternalId(accountOfUser(u));
    const values = [
      v7(),
      new Date(now - Math.floor(Math.random() * 10_000)).toISOString(),
      `raw-${v7()}`,
      EVENTS[Math.floor(Math.random() * EVENTS.length)] as string,
      target.accountIds.get(group) as string,
      target.contactIds.get(user) ?? "\\N",
      user,
      group,
      PROPS[i % PROPS.length] as string,
      CONTEXT.replace("%g", group),
    ];
    for (const [c, v] of values.entries()) cols[c]?.push(v);
  }
  return cols;
}

const INSERT = `
  insert into usage_events (workspace_id, ts, id, source_id, message_id, type, event, account_id, contact_id,
    user_id, anonymous_id, group_id, parked, quantity, properties, context, received_at)
  select $1::uuid, t.ts::timestamptz, t.id::uuid, $2::uuid, t.message_id, 'track', t.event, t.account_id::uuid,
    t.contact_id::uuid, t.user_id, null, t.group_id, false, 1, t.properties::jsonb, t.context::jsonb, now()
  from unnest($3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[],
              $11::text[], $12::text[])
    as t(id, ts, message_id, event, account_id, contact_id, user_id, group_id, properties, context)`;

const insertParams = (target: RawTarget, cols: Columns) => [
  target.workspaceId,
  target.sourceId,
  cols[0],
  cols[1],
  cols[2],
  cols[3],
  cols[4],
  cols[5]?.map((c) => (c === "\\N" ? null : c)),
  ...cols.slice(6),
];

/**
 * Multi-row `INSERT … SELECT … FROM unnest(…)` statements of `chunk` rows, on one or more
 * connections, until `total` rows or `maxSeconds` have passed.
 */
export async function insertUnnest(
  run: ((text: string, params: unknown[]) => Promise<unknown>)[],
  target: RawTarget,
  total: number,
  chunk: number,
  maxSeconds: number,
): Promise<RawResult> {
  let left = total;
  let busy = 0;
  let done = 0;
  const t0 = performance.now();
  const until = t0 + maxSeconds * 1000;
  await Promise.all(
    run.map(async (query) => {
      while (left > 0 && performance.now() < until) {
        const n = Math.min(chunk, left);
        left -= n;
        const params = insertParams(target, rows(target, n));
        const t = performance.now();
        await query(INSERT, params);
        busy += performance.now() - t;
        done += n;
      }
    }),
  );
  // One connection: time spent in the database only (not building the arrays); several: wall time.
  const seconds = (run.length === 1 ? busy : performance.now() - t0) / 1000;
  const method = `INSERT … unnest, ${chunk.toLocaleString("en")}-row statements, ${run.length} conn`;
  return { method, rows: done, seconds, rowsPerSec: Math.round(done / seconds) };
}

const COLUMNS =
  "workspace_id, ts, id, source_id, message_id, type, event, account_id, contact_id, user_id, anonymous_id, " +
  "group_id, parked, quantity, properties, context, received_at";

function copyText(target: RawTarget, n: number): string {
  const c = rows(target, n);
  const now = new Date().toISOString();
  const lines: string[] = [];
  for (let i = 0; i < n; i++) {
    const at = (k: number) => c[k]?.[i] as string;
    lines.push(
      [
        target.workspaceId,
        at(1),
        at(0),
        target.sourceId,
        at(2),
        "track",
        at(3),
        at(4),
        at(5),
        at(6),
        "\\N",
        at(7),
        "f",
        "1",
        at(8),
        at(9),
        now,
      ].join("\t"),
    );
  }
  return `${lines.join("\n")}\n`;
}

/** `COPY usage_events FROM STDIN` (text format) on one PostgreSQL connection, one statement. */
export async function copyPg(client: pg.Client, target: RawTarget, total: number): Promise<RawResult> {
  const chunks: string[] = [];
  for (let done = 0; done < total; done += 5_000)
    chunks.push(copyText(target, Math.min(5_000, total - done)));
  const t0 = performance.now();
  await pipeline(Readable.from(chunks), client.query(copyFrom(`copy usage_events (${COLUMNS}) from stdin`)));
  const seconds = (performance.now() - t0) / 1000;
  return { method: "COPY FROM STDIN, 1 conn", rows: total, seconds, rowsPerSec: Math.round(total / seconds) };
}

/** PGlite's COPY: the rows as a blob read through `/dev/blob`, one statement. */
export async function copyPglite(sql: Sql, target: RawTarget, total: number): Promise<RawResult> {
  const client = sql.pglite;
  if (!client) throw new Error("not PGlite");
  const parts: string[] = [];
  for (let done = 0; done < total; done += 5_000) parts.push(copyText(target, Math.min(5_000, total - done)));
  const blob = new Blob(parts);
  const t0 = performance.now();
  await client.query(`copy usage_events (${COLUMNS}) from '/dev/blob'`, [], { blob });
  const seconds = (performance.now() - t0) / 1000;
  return {
    method: "COPY FROM '/dev/blob', 1 conn",
    rows: total,
    seconds,
    rowsPerSec: Math.round(total / seconds),
  };
}
