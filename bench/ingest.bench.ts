/**
 * Ingestion benchmark (issue 3): 20 connections sending 100-event `/v1/batch` requests for 30 s to
 * a real `steward serve` process, on the embedded database and on PostgreSQL; in the same run, the
 * database's own bulk insert of the same rows into the same table (multi-row INSERT … unnest, and
 * COPY), and adoption metrics over 5 million events for 1,000 accounts.
 *
 *   npm run bench:ingest                                  # both databases
 *   BENCH_DB=postgres BENCH_SECONDS=10 npm run bench:ingest
 *
 * Settings: BENCH_DB, BENCH_SECONDS (30), BENCH_CONNECTIONS (20), BENCH_RAW_ROWS (100000) and
 * BENCH_RAW_SECONDS (8): each raw method stops at whichever comes first; BENCH_HISTORY_EVENTS
 * (5000000), BENCH_HISTORY_DAYS (120), BENCH_METRICS (databases to run the metrics part on:
 * postgres by default, add pglite for about 6 more minutes), BENCH_CPU_PROF (a folder: profile the
 * server under load), BENCH_KEEP (keep the databases, to look into them afterwards).
 */
import os from "node:os";
import { v7 } from "uuid";
import { cpuWindow } from "./lib/cpu.ts";
import { ingestLayers } from "./lib/ingest-layers.ts";
import { type Outcome, reportDb } from "./lib/ingest-report.ts";
import { copyPg, copyPglite, insertUnnest, type RawResult, type RawTarget } from "./lib/raw-insert.ts";
import { type Check, printChecks } from "./lib/report.ts";
import { ACCOUNTS, BATCH, importCsvs, linkUsers, runBatchLoad, sampler } from "./lib/segment-load.ts";
import {
  type BenchDb,
  freshDatabase,
  type ServerHandle,
  startServer,
  steward,
} from "./lib/server-process.ts";
import { ensureMonthPartitions, openPgClients, openSql, type Sql } from "./lib/sql.ts";
import { type History, metricsAtScale, type Workspace } from "./lib/usage-scale.ts";

type Kind = "pglite" | "postgres";
const env = process.env;
const settings = {
  seconds: Number(env.BENCH_SECONDS ?? 30),
  connections: Number(env.BENCH_CONNECTIONS ?? 20),
  rawRows: Number(env.BENCH_RAW_ROWS ?? 100_000),
  rawSeconds: Number(env.BENCH_RAW_SECONDS ?? 8),
  historyEvents: Number(env.BENCH_HISTORY_EVENTS ?? 5_000_000),
  historyDays: Number(env.BENCH_HISTORY_DAYS ?? 120),
  /** The server's PostgreSQL pool (DATABASE_POOL_SIZE's default); the raw baseline uses as many. */
  pool: Number(env.DATABASE_POOL_SIZE ?? 10),
};
const pgUrl = env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const kinds = (env.BENCH_DB ?? "pglite,postgres").split(",") as Kind[];
// Building 5 million events on PGlite takes about 6 minutes here (single-threaded WASM): opt in.
const metricsOn = (env.BENCH_METRICS ?? "postgres").split(",");
// One port per database (3306 is MySQL's on these machines); its server is stopped between phases.
const PORTS: Record<Kind, number> = { pglite: 3303, postgres: 3304 };
const DAY = 86_400_000;
const serverEnv = (db: BenchDb) => ({ ...db.env, API_RATE_LIMIT: "100000000" });

const load1 = () => os.loadavg()[0]?.toFixed(1);
const log = (msg: string) =>
  console.log(`[${new Date().toISOString().slice(11, 19)} load ${load1()}] ${msg}`);

/** A workspace and an API key through the CLI (it migrates the fresh database). */
function provisionWorkspace(db: BenchDb): string {
  steward(["workspace", "create", "--slug", "bench", "--name", "Bench"], db.env);
  const out = steward(
    ["apikey", "create", "--workspace", "bench", "--scopes", "read,write,admin", "--name", "bench"],
    db.env,
  );
  return out.trim().split("\n").pop() as string;
}

/** Accounts, contacts and subscriptions imported, and a source with a high rate limit, through the API. */
async function loadWorkspace(url: string, apiKey: string): Promise<string> {
  const headers = { authorization: `Bearer ${apiKey}`, "content-type": "application/json" };
  const post = async (p: string, body: unknown) => {
    const res = await fetch(`${url}${p}`, { method: "POST", headers, body: JSON.stringify(body) });
    const answer = (await res.json()) as Record<string, unknown>;
    if (!res.ok || answer.errorRows) {
      throw new Error(`POST ${p}: ${res.status} ${JSON.stringify(answer).slice(0, 500)}`);
    }
    return answer;
  };
  for (const [entity, csv] of Object.entries(importCsvs())) {
    await post(`/api/v1/imports/${entity}`, { csv, dryRun: false });
  }
  const source = await post("/api/v1/sources", { name: "Load", rateLimit: 1_000_000 });
  return source.writeKey as string;
}

async function workspaceIds(sql: Sql): Promise<Workspace> {
  const [ws] = await sql.query<{ id: string }>(`select id from workspaces where slug = 'bench'`);
  const workspaceId = ws?.id as string;
  const acc = await sql.query<{ id: string; external_id: string }>(
    `select id, external_id from accounts where workspace_id = $1 order by external_id`,
    [workspaceId],
  );
  const con = await sql.query<{ id: string; external_id: string }>(
    `select id, external_id from contacts where workspace_id = $1 and external_id is not null`,
    [workspaceId],
  );
  return {
    workspaceId,
    accountIds: acc.map((a) => a.id),
    accountByExt: new Map(acc.map((a) => [a.external_id, a.id])),
    contactByExt: new Map(con.map((c) => [c.external_id, c.id])),
  };
}

/**
 * Everything before the load: workspace, partitions, imports, source, every user linked to its
 * account by a `group` call; then planner statistics refreshed, as autovacuum would (it is off on
 * this PostgreSQL; PGlite has none and analyzes at start).
 */
async function prepare(kind: Kind, db: BenchDb, history: History) {
  const t = performance.now();
  const apiKey = provisionWorkspace(db);
  const sql = await openSql(db);
  // What the usage partition job keeps ahead: a partition per month, here from the history's first.
  await ensureMonthPartitions(sql, history.from, new Date(Date.now() + 31 * DAY));
  await sql.close();
  const server = await startServer(serverEnv(db), PORTS[kind]);
  let writeKey: string;
  let linked: number;
  let metricsRoutes: boolean;
  try {
    const probe = await fetch(`${server.url}/api/v1/usage/overview?period=30d`, {
      headers: { authorization: `Bearer ${apiKey}` },
    });
    metricsRoutes = probe.status !== 404;
    writeKey = await loadWorkspace(server.url, apiKey);
    linked = await linkUsers(server.url, writeKey);
  } finally {
    await server.stop();
  }
  const again = await openSql(db);
  await again.query("analyze");
  const [source] = await again.query<{ id: string }>("select id from event_sources");
  await again.close();
  log(
    `setup: ${ACCOUNTS} accounts, contacts, seats, a source, ${linked} users linked (${Math.round(performance.now() - t)} ms)`,
  );
  return { apiKey, writeKey, linked, metricsRoutes, sourceId: source?.id as string };
}

async function rawBaselines(kind: Kind, db: BenchDb, sql: Sql, target: RawTarget): Promise<RawResult[]> {
  const out: RawResult[] = [];
  const one = [sql.query];
  const { rawRows: n, rawSeconds: s } = settings;
  if (kind === "postgres") {
    const clients = await openPgClients(db, settings.pool);
    const many = clients.map((c) => c.query.bind(c));
    try {
      out.push(await insertUnnest(one, target, n, BATCH, s));
      out.push(await insertUnnest(many, target, n, BATCH, s));
      out.push(await insertUnnest(one, target, n, 5_000, s));
      out.push(await copyPg(sql.pg as NonNullable<Sql["pg"]>, target, n));
    } finally {
      await Promise.all(clients.map((c) => c.end()));
    }
  } else {
    out.push(await insertUnnest(one, target, n, BATCH, s));
    out.push(await insertUnnest(one, target, n, 5_000, s));
    out.push(await copyPglite(sql, target, n));
  }
  for (const r of out) log(`raw: ${r.method}: ${r.rowsPerSec} rows/s`);
  return out;
}

/** The load itself, with the server's memory and everyone's CPU measured around it. */
async function measureLoad(kind: Kind, db: BenchDb, server: ServerHandle, writeKey: string) {
  log(`load: ${settings.connections} connections × ${BATCH}-event batches for ${settings.seconds} s`);
  const rss = sampler(() => server.rssMb());
  const tag = `load-${Date.now()}`;
  const loadAvg = load1();
  const cpu0 = server.cpuSeconds();
  const client0 = process.cpuUsage();
  const window = cpuWindow(kind === "postgres" ? db.env.DATABASE_URL : undefined);
  const load = await runBatchLoad(server.url, writeKey, {
    connections: settings.connections,
    seconds: settings.seconds,
    tag,
  });
  const rssRun = rss.stop();
  const serverCpu = (server.cpuSeconds() - cpu0) / load.seconds;
  const clientUse = process.cpuUsage(client0);
  const machine = await window.stop();
  const cpu = {
    ...machine,
    server: serverCpu,
    client: (clientUse.user + clientUse.system) / 1e6 / load.seconds,
  };
  return { load, rssRun, cpu, peakRss: server.peakRssMb(), loadAvg, tag };
}

async function benchOne(kind: Kind, checks: Check[]) {
  console.log(`\n=== ${kind} ===`);
  const db = await freshDatabase(kind, pgUrl);
  try {
    const today = new Date(new Date().setUTCHours(0, 0, 0, 0));
    const history: History = {
      events: settings.historyEvents,
      days: settings.historyDays,
      from: new Date(today.getTime() - settings.historyDays * DAY),
      to: today,
      sourceId: v7(),
    };
    const p = await prepare(kind, db, history);

    const prof = env.BENCH_CPU_PROF ? ["--cpu-prof", `--cpu-prof-dir=${env.BENCH_CPU_PROF}`] : [];
    const server = await startServer(serverEnv(db), PORTS[kind], prof);
    let measured: Awaited<ReturnType<typeof measureLoad>>;
    let backlog: number | null = null;
    let drainSeconds: number;
    try {
      measured = await measureLoad(kind, db, server, p.writeKey);
      // Events stored but not yet added to the rollups when the clock stopped (only PostgreSQL can be
      // looked at from outside while the server holds it); the server adds the rest as it stops.
      if (kind === "postgres") {
        const peek = await openSql(db);
        const [q] = await peek.query<{ n: number }>("select count(*)::int as n from usage_rollup_queue");
        await peek.close();
        backlog = q?.n ?? 0;
      }
    } finally {
      const t = performance.now();
      await server.stop();
      drainSeconds = (performance.now() - t) / 1000;
    }
    const { load, rssRun, cpu, peakRss, loadAvg, tag } = measured;

    const sql = await openSql(db);
    const w = await workspaceIds(sql);
    const [rolled] = await sql.query<{ raw: number; rolled: number; queued: number }>(
      `select (select count(*)::int from usage_events where workspace_id = $1 and account_id is not null
                 and type in ('track', 'page', 'screen')) as raw,
              (select coalesce(sum(events), 0)::int from usage_account_event_days where workspace_id = $1) as rolled,
              (select count(*)::int from usage_rollup_queue) as queued`,
      [w.workspaceId],
    );
    const rollups = { backlog, drainSeconds, ...(rolled as { raw: number; rolled: number; queued: number }) };
    log(`rollups: ${JSON.stringify(rollups)}`);
    const [counted] = await sql.query<{ n: number }>(
      `select count(*)::int as n from usage_events where workspace_id = $1 and message_id like $2`,
      [w.workspaceId, `${tag}-%`],
    );
    const storedInDb = counted?.n ?? 0;
    log(`load: ${load.ok} requests answered 2xx; ${storedInDb} events stored, ${load.stored} acknowledged`);

    // Baseline rows go to a workspace id of their own (usage_events has no foreign key on it).
    const target: RawTarget = {
      workspaceId: v7(),
      sourceId: v7(),
      accountIds: w.accountByExt,
      contactIds: w.contactByExt,
    };
    const raw = await rawBaselines(kind, db, sql, target);
    // The embedded database opens in one place at a time: this connection closes for the layers.
    await sql.close();
    const layers = await ingestLayers(db, { ...w, sourceId: p.sourceId }, settings.pool, settings.rawSeconds);
    for (const r of layers) log(`without HTTP: ${r.method}: ${r.rowsPerSec} events/s`);

    let metrics: Outcome["metrics"] = null;
    if (!p.metricsRoutes) {
      log("metrics: SKIPPED: GET /api/v1/usage/overview answers 404 (the adoption routes are not there yet)");
    } else if (!metricsOn.includes(kind)) {
      log(`metrics: skipped on ${kind} (BENCH_METRICS=${metricsOn.join(",")}; add ${kind} to run it)`);
    } else {
      const again = await openSql(db);
      metrics = await metricsAtScale({
        db,
        sql: again,
        w,
        h: history,
        apiKey: p.apiKey,
        port: PORTS[kind],
        log,
      });
    }
    const outcome = {
      load,
      rssRun,
      peakRss,
      cpu,
      storedInDb,
      raw,
      layers,
      metrics,
      linked: p.linked,
      loadAvg,
      rollups,
    };
    reportDb(kind, outcome, settings, checks);
  } finally {
    if (env.BENCH_KEEP) console.log(`kept the database: ${JSON.stringify(db.env)}`);
    else await db.cleanup();
  }
}

const checks: Check[] = [];
const started = performance.now();
for (const kind of kinds) await benchOne(kind, checks);
console.log(`\n=== summary (${Math.round((performance.now() - started) / 1000)} s) ===`);
printChecks("ingest", checks);
