#!/usr/bin/env node
// Crash test of usage ingestion (`npm run test:crash`). For the embedded database (a fresh
// STEWARD_DATA_DIR) and PostgreSQL (a fresh database, dropped after), both at once: creates a
// workspace and a source with the CLI, starts `steward serve`, and while clients send 100-event
// /v1/batch requests (unique messageIds, a few at a time, each batch retried until answered 2xx as
// Segment's libraries do) kills the server with SIGKILL at random moments and restarts it. Then, with
// the server stopped, it reads the database: every event of every acknowledged batch must be stored
// exactly once, no event twice, no batch in part, and the rollups must add up to the raw events.
// Prints a line per database and exits 1 on any loss, duplicate or partial batch.
//
// Environment: CRASH_ONLY=pglite|postgres, CRASH_KILLS (5), CRASH_SEED (random), CRASH_PG_URL
// (an admin URL; default DATABASE_URL or postgres://postgres@127.0.0.1:5432/postgres).
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";

const root = fileURLToPath(new URL("..", import.meta.url));
const KILLS = Number(process.env.CRASH_KILLS ?? 5);
const BATCH = 100;
const CONCURRENCY = 4;
const ADMIN_URL =
  process.env.CRASH_PG_URL ?? process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const seed = Number(process.env.CRASH_SEED ?? randomBytes(4).readUInt32BE());

// A small seeded generator (mulberry32), so a failing run can be repeated with CRASH_SEED.
function random(s) {
  let a = s >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
/** The child's environment: ours with `env` on top; an undefined value removes the variable. */
const childEnv = (env) =>
  Object.fromEntries(Object.entries({ ...process.env, ...env }).filter(([, v]) => v !== undefined));

/** Runs the CLI to completion; answers its stdout. */
function cli(args, env) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(root, "bin/steward.mjs"), ...args], {
      cwd: root,
      env: childEnv(env),
    });
    let out = "";
    let err = "";
    child.stdout.on("data", (d) => {
      out += d;
    });
    child.stderr.on("data", (d) => {
      err += d;
    });
    child.on("exit", (code) =>
      code === 0
        ? resolve(out)
        : reject(new Error(`steward ${args.join(" ")} exited ${code}: ${err || out}`)),
    );
  });
}

/** The server as a child process that can be killed and started again. */
function serverProcess(env, log) {
  let child = null;
  let exited = null;
  let tail = "";
  const keep = (d) => {
    tail = (tail + d).slice(-6000);
  };
  return {
    get tail() {
      return tail;
    },
    async start() {
      child = spawn(process.execPath, [path.join(root, "bin/steward.mjs"), "serve"], {
        cwd: root,
        env: childEnv(env),
        stdio: ["ignore", "pipe", "pipe"],
      });
      child.stdout.on("data", keep);
      child.stderr.on("data", keep);
      exited = new Promise((r) => child.on("exit", (code, signal) => r({ code, signal })));
      const deadline = Date.now() + 120_000;
      while (Date.now() < deadline) {
        const state = await Promise.race([exited, sleep(150).then(() => null)]);
        if (state) throw new Error(`the server exited while starting (${JSON.stringify(state)}):\n${tail}`);
        try {
          if ((await fetch(`${env.BASE}/readyz`)).ok) return;
        } catch {
          // not listening yet
        }
      }
      throw new Error(`the server did not become ready:\n${tail}`);
    },
    async kill(signal) {
      if (!child || child.exitCode !== null || child.signalCode !== null) return;
      child.kill(signal);
      const state = await Promise.race([exited, sleep(30_000).then(() => null)]);
      if (!state) {
        log(`the server did not stop on ${signal}; killing it`);
        child.kill("SIGKILL");
        await exited;
      }
    },
  };
}

/** Clients sending batches until told to stop; each batch is retried until a 2xx or the stop. */
function startClients({ base, writeKey, runId, next }) {
  const stats = {
    sent: 0,
    attempts: 0,
    acked: [],
    refused: 0,
    cut: 0,
    status: {},
    wrongCounts: 0,
    storedUnanswered: 0,
  };
  let stopping = false;
  const makeBatch = (b) => {
    const user = `u-${b % 20}`;
    const groupId = `crash-co-${b % 3}`;
    const items = [];
    // Every fifth batch carries identify and group calls: the path that creates accounts and
    // contacts in a transaction; the others are plain tracks (one statement).
    if (b % 5 === 0) {
      items.push({
        type: "identify",
        userId: user,
        traits: { email: `${user}@${groupId}.test`, name: `User ${b % 20}` },
      });
      items.push({ type: "group", userId: user, groupId, traits: { name: `Crash Co ${b % 3}` } });
    }
    while (items.length < BATCH) {
      items.push({
        type: "track",
        userId: user,
        event: `Feature ${items.length % 7}`,
        properties: { n: items.length },
        context: { groupId },
      });
    }
    return items.map((e, i) => ({
      ...e,
      messageId: `${runId}-${b}-${i}`,
      timestamp: new Date().toISOString(),
    }));
  };
  const worker = async () => {
    while (!stopping) {
      const b = next();
      const batch = makeBatch(b);
      stats.sent += 1;
      let attempt = 0;
      while (!stopping || attempt === 0) {
        attempt += 1;
        stats.attempts += 1;
        try {
          const res = await fetch(`${base}/v1/batch`, {
            method: "POST",
            headers: {
              "content-type": "application/json",
              authorization: `Basic ${Buffer.from(`${writeKey}:`).toString("base64")}`,
              ...(attempt > 1 ? { "x-retry-count": String(attempt - 1) } : {}),
            },
            body: JSON.stringify({ batch, sentAt: new Date().toISOString() }),
            signal: AbortSignal.timeout(20_000),
          });
          stats.status[res.status] = (stats.status[res.status] ?? 0) + 1;
          const body = await res.json().catch(() => null);
          if (res.ok) {
            if (body?.stored + body?.duplicates !== BATCH) stats.wrongCounts += 1;
            // A retry finding the batch already there: it was committed, but the answer was lost.
            if (attempt > 1 && body?.duplicates === BATCH) stats.storedUnanswered += 1;
            stats.acked.push(b);
            break;
          }
        } catch (e) {
          const code = e?.cause?.code ?? e?.code ?? e?.name;
          if (code === "ECONNREFUSED") stats.refused += 1;
          else stats.cut += 1;
        }
        await sleep(200);
      }
    }
  };
  const workers = Array.from({ length: CONCURRENCY }, worker);
  return {
    stats,
    stop: async () => {
      stopping = true;
      await Promise.all(workers);
    },
  };
}

/** What the database holds for the run, read with the server stopped. */
async function verify(query, workspaceId, acked, runId) {
  const ackedIds = acked.flatMap((b) => Array.from({ length: BATCH }, (_, i) => `${runId}-${b}-${i}`));
  const counts = new Map(
    (
      await query(
        `select message_id, count(*)::int as n from usage_events where workspace_id = $1 group by message_id`,
        [workspaceId],
      )
    ).map((r) => [r.message_id, r.n]),
  );
  const missing = ackedIds.filter((id) => !counts.has(id)).length;
  const duplicated = [...counts.values()].filter((n) => n > 1).length;
  const perBatch = new Map();
  for (const id of counts.keys()) {
    const b = id.split("-").at(-2);
    perBatch.set(b, (perBatch.get(b) ?? 0) + 1);
  }
  const partial = [...perBatch.values()].filter((n) => n !== BATCH).length;
  const [ids] = await query(`select count(*)::int as n from usage_message_ids where workspace_id = $1`, [
    workspaceId,
  ]);
  const [raw] = await query(
    `select count(*)::int as n from usage_events where workspace_id = $1 and account_id is not null
       and type in ('track', 'page', 'screen')`,
    [workspaceId],
  );
  const [rolled] = await query(
    `select coalesce(sum(events), 0)::int as n from usage_account_event_days where workspace_id = $1`,
    [workspaceId],
  );
  // Events wait in the rollup queue for a moment; a killed server's are added at its next start, a
  // stopping one adds what is queued (a request whose client has gone may still commit after that).
  // Either way rollups and queue together must hold every event exactly once.
  const [queued] = await query(`select count(*)::int as n from usage_rollup_queue where workspace_id = $1`, [
    workspaceId,
  ]);
  return {
    checked: ackedIds.length,
    queued: queued.n,
    stored: [...counts.values()].reduce((a, n) => a + n, 0),
    missing,
    duplicated,
    partial,
    idsWithoutEvent: ids.n - counts.size,
    rollupGap: rolled.n + queued.n - raw.n,
  };
}

async function crashRun(kind, port, log) {
  const started = Date.now();
  const rnd = random(seed + port);
  const runId = `crash${randomBytes(3).toString("hex")}`;
  const base = `http://127.0.0.1:${port}`;
  const env = { PORT: String(port), HOST: "127.0.0.1", STEWARD_DEMO: "false", LOG_LEVEL: "warn", BASE: base };
  let dataDir = null;
  let dbName = null;
  if (kind === "pglite") {
    dataDir = mkdtempSync(path.join(tmpdir(), "steward-crash-"));
    env.STEWARD_DATA_DIR = dataDir;
    env.DATABASE_URL = undefined;
  } else {
    dbName = `steward_crash_${Date.now()}_${randomBytes(3).toString("hex")}`;
    const admin = new pg.Client({ connectionString: ADMIN_URL });
    await admin.connect();
    await admin.query(`create database ${dbName}`);
    await admin.end();
    const url = new URL(ADMIN_URL);
    url.pathname = `/${dbName}`;
    env.DATABASE_URL = url.toString();
  }
  const server = serverProcess(env, log);
  try {
    const wsOut = await cli(["workspace", "create", "--slug", "crash", "--name", "Crash test"], env);
    const workspaceId = /\(([0-9a-f-]{36})\)/.exec(wsOut)?.[1];
    const srcOut = await cli(
      [
        "source",
        "create",
        "--workspace",
        "crash",
        "--name",
        "Crash",
        "--unknown-accounts",
        "create",
        "--rate-limit",
        "1000000",
      ],
      env,
    );
    const writeKey = srcOut.trim().split("\n").at(-1)?.trim();
    if (!workspaceId || !writeKey)
      throw new Error(`could not read the workspace id or write key:\n${wsOut}\n${srcOut}`);
    log(`workspace ${workspaceId}; starting the server on ${base}`);

    const startTimed = async () => {
      const t0 = Date.now();
      await server.start();
      return ((Date.now() - t0) / 1000).toFixed(1);
    };
    let took = await startTimed();
    let b = 0;
    const clients = startClients({ base, writeKey, runId, next: () => b++ });
    for (let k = 1; k <= KILLS; k++) {
      // Kill while batches are flowing: after the first one this start acknowledged, at a random moment.
      const ackedBefore = clients.stats.acked.length;
      const deadline = Date.now() + 60_000;
      while (clients.stats.acked.length === ackedBefore) {
        if (Date.now() > deadline)
          throw new Error(`no batch acknowledged in 60 s (${JSON.stringify(clients.stats.status)})`);
        await sleep(50);
      }
      await sleep(rnd() * 1500);
      await server.kill("SIGKILL");
      log(
        `kill ${k}/${KILLS} (server had taken ${took} s to start) after ${clients.stats.acked.length} acknowledged batches`,
      );
      took = await startTimed();
    }
    await sleep(1000);
    await clients.stop();
    await server.kill("SIGTERM");

    const s = clients.stats;
    let result;
    if (kind === "pglite") {
      const db = await PGlite.create(path.join(dataDir, "pgdata"));
      const query = async (q, params) => (await db.query(q, params)).rows;
      result = await verify(query, workspaceId, s.acked, runId);
      await db.close();
    } else {
      const client = new pg.Client({ connectionString: env.DATABASE_URL });
      await client.connect();
      const query = async (q, params) => (await client.query(q, params)).rows;
      result = await verify(query, workspaceId, s.acked, runId);
      await client.end();
    }
    const seconds = Math.round((Date.now() - started) / 1000);
    const statuses = Object.entries(s.status)
      .map(([k, v]) => `${k}×${v}`)
      .join(" ");
    console.log(
      `crash-test ${kind}: batches sent ${s.sent}, acknowledged ${s.acked.length}, events checked ${result.checked}, ` +
        `missing ${result.missing}, duplicated ${result.duplicated}, partial batches ${result.partial}, ` +
        `rollup gap ${result.rollupGap}, left in the rollup queue ${result.queued}, message ids without event ${result.idsWithoutEvent} ` +
        `(${KILLS} kills, ${s.attempts} requests: ${statuses}, ${s.cut} cut mid-request, ${s.refused} refused, ` +
        `${s.storedUnanswered} batches stored but unanswered before a kill; ` +
        `${result.stored} events stored; ${seconds} s)`,
    );
    const ok =
      result.missing === 0 &&
      result.duplicated === 0 &&
      result.partial === 0 &&
      result.rollupGap === 0 &&
      result.idsWithoutEvent === 0 &&
      s.wrongCounts === 0 &&
      s.acked.length > 0;
    if (s.wrongCounts)
      console.log(`crash-test ${kind}: ${s.wrongCounts} answers did not account for all ${BATCH} events`);
    return { kind, ok, ...result };
  } catch (e) {
    console.error(
      `crash-test ${kind}: ${e instanceof Error ? e.message : e}\n--- server output ---\n${server.tail}`,
    );
    return { kind, ok: false, checked: 0, missing: 0, duplicated: 0, error: true };
  } finally {
    await server.kill("SIGKILL");
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    if (dbName) {
      const admin = new pg.Client({ connectionString: ADMIN_URL });
      await admin.connect();
      await admin.query(`drop database if exists ${dbName} with (force)`);
      await admin.end();
    }
  }
}

const only = process.env.CRASH_ONLY;
const runs = [
  ["pglite", 3290],
  ["postgres", 3291],
].filter(([kind]) => !only || only === kind);
console.log(`crash-test: ${runs.map(([k]) => k).join(" and ")}, ${KILLS} kills each, seed ${seed}`);
// Build the server bundle once before both runs start, so they do not race to write it.
await cli(["--version"], {});
const results = await Promise.all(
  runs.map(([kind, port]) => crashRun(kind, port, (line) => console.log(`crash-test ${kind}: ${line}`))),
);
const sum = (k) => results.reduce((a, r) => a + (r[k] ?? 0), 0);
const failed = results.filter((r) => !r.ok).map((r) => r.kind);
console.log(
  `crash-test: ${results.length} databases, events checked ${sum("checked")}, missing ${sum("missing")}, ` +
    `duplicated ${sum("duplicated")}${failed.length ? `, FAILED: ${failed.join(", ")}` : ""}`,
);
process.exit(failed.length ? 1 : 0);
