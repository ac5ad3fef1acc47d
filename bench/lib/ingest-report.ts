import type { RawResult } from "./raw-insert.ts";
import { type Check, jsonLine } from "./report.ts";
import { ACCOUNTS, BATCH, type LoadResult, USERS } from "./segment-load.ts";
import type { Metrics } from "./usage-scale.ts";

export type Outcome = {
  load: LoadResult;
  rssRun: { peak: number; mean: number };
  peakRss: number;
  /**
   * CPU during the load, in cores (1.0 = one core all the time): the server process, this process
   * (autocannon), the database's backends (PostgreSQL), and how busy the whole machine was.
   */
  cpu: { server: number; client: number; dbCores: number | null; machineBusy: number; cores: number };
  storedInDb: number;
  raw: RawResult[];
  /** Ingestion without HTTP (see ingest-layers.ts). */
  layers: RawResult[];
  metrics: Metrics | null;
  linked: number;
  /** The machine's 1-minute load average when the load started (these machines are shared). */
  loadAvg: string | undefined;
  /**
   * The roller after the load: rows waiting in the rollup queue when the clock stopped (PostgreSQL
   * only), the seconds the server took to stop (it adds what is queued first), and afterwards the
   * raw product-use events against the rollups' total and what is left queued.
   */
  rollups: { backlog: number | null; drainSeconds: number; raw: number; rolled: number; queued: number };
};

type Settings = { connections: number; pool: number };

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

/** Prints one database's figures (table and JSON lines) and adds its checks against the targets. */
export function reportDb(kind: "pglite" | "postgres", o: Outcome, s: Settings, checks: Check[]): void {
  const { load } = o;
  const pg = kind === "postgres";
  const eventsPerSec = Math.round((load.ok * BATCH) / load.seconds);
  console.log(
    `\n${kind}: ${s.connections} connections for ${load.seconds} s, ${BATCH} events (${load.bytesPerRequest} bytes) ` +
      `per request, ${ACCOUNTS} accounts, ${USERS} users (${o.linked} linked first)` +
      `${pg ? `, server pool ${s.pool}` : ""}; machine load average ${o.loadAvg} at the start`,
  );
  // The issue's denominator: the raw multi-row insert in statements of a batch's size (the best of them).
  const unnest100 = o.raw.filter((r) => r.method.includes(` ${BATCH}-row`));
  const denominator = Math.max(...unnest100.map((r) => r.rowsPerSec));
  console.table([
    {
      what: "POST /v1/batch through steward serve",
      "events/s": eventsPerSec,
      "p50 ms": load.p50,
      "p99 ms": load.p99,
      "max ms": load.maxLatency,
      "ingest ÷ this": "",
    },
    ...o.layers.map((r) => ({
      what: `no HTTP: ${r.method}`,
      "events/s": r.rowsPerSec,
      "p50 ms": "",
      "p99 ms": "",
      "max ms": "",
      "ingest ÷ this": pct(eventsPerSec / r.rowsPerSec),
    })),
    ...o.raw.map((r) => ({
      what: `raw ${r.method} (${r.rows} rows)`,
      "events/s": r.rowsPerSec,
      "p50 ms": "",
      "p99 ms": "",
      "max ms": "",
      "ingest ÷ this": pct(eventsPerSec / r.rowsPerSec),
    })),
  ]);
  const late = o.storedInDb - load.stored;
  console.log(
    `requests: ${load.ok} 2xx, ${load.non2xx} non-2xx, ${load.errors} errors, ${load.timeouts} timeouts; ` +
      `acknowledged ${load.stored} stored + ${load.duplicates} duplicates; in the database ${o.storedInDb} ` +
      `(${late} more: requests in flight when the clock stopped, answered after it)`,
  );
  const r = o.rollups;
  console.log(
    `rollups: ${r.backlog === null ? "" : `${r.backlog} events waiting in the queue when the load stopped; `}` +
      `server stopped (adding what was queued) in ${r.drainSeconds.toFixed(1)} s; then ${r.rolled} events in the ` +
      `rollups for ${r.raw} stored, ${r.queued} left queued`,
  );
  console.log(
    `server RSS: peak ${o.rssRun.peak} MB sampled during the load (mean ${o.rssRun.mean} MB); ` +
      `VmHWM ${o.peakRss} MB (the load server's peak since its start)`,
  );
  const { cpu } = o;
  const others = cpu.machineBusy * cpu.cores - cpu.server - cpu.client - (cpu.dbCores ?? 0);
  console.log(
    `CPU during the load, in cores of ${cpu.cores}: machine ${(cpu.machineBusy * cpu.cores).toFixed(2)} busy; ` +
      `server ${cpu.server.toFixed(2)}${cpu.dbCores === null ? " (database inside)" : `, PostgreSQL backends ${cpu.dbCores.toFixed(2)}`}, ` +
      `autocannon ${cpu.client.toFixed(2)}, everything else on the machine ${others.toFixed(2)}`,
  );
  jsonLine("ingest", {
    type: "load",
    db: kind,
    ...load,
    events_per_s: eventsPerSec,
    stored_in_db: o.storedInDb,
  });
  jsonLine("ingest", {
    type: "rss",
    db: kind,
    peak_mb: o.rssRun.peak,
    mean_mb: o.rssRun.mean,
    hwm_mb: o.peakRss,
  });
  const round = (x: number | null) => (x === null ? null : Number(x.toFixed(2)));
  jsonLine("ingest", {
    type: "cpu",
    db: kind,
    machine_cores: cpu.cores,
    machine_busy_cores: round(cpu.machineBusy * cpu.cores),
    server_cores: round(cpu.server),
    db_backend_cores: round(cpu.dbCores),
    client_cores: round(cpu.client),
    other_cores: round(others),
  });
  for (const r of o.raw) {
    jsonLine("ingest", {
      type: "raw",
      db: kind,
      ...r,
      ingest_ratio: Number((eventsPerSec / r.rowsPerSec).toFixed(3)),
    });
  }
  for (const r of o.layers) {
    jsonLine("ingest", {
      type: "no_http",
      db: kind,
      ...r,
      ingest_ratio: Number((eventsPerSec / r.rowsPerSec).toFixed(3)),
    });
  }
  if (o.metrics) {
    console.log(`metrics data: ${o.metrics.build}`);
    console.table({
      "account page (30d)": o.metrics.account,
      "workspace overview (30d)": o.metrics.overview,
    });
    jsonLine("ingest", { type: "metrics", db: kind, page: "account", ...o.metrics.account });
    jsonLine("ingest", { type: "metrics", db: kind, page: "overview", ...o.metrics.overview });
  }
  // Every acknowledged event is in the database, and nothing beyond the requests still in flight.
  const mismatch = Math.max(0, load.stored - o.storedInDb) + Math.max(0, late - s.connections * BATCH);
  const c = (what: string, value: number | null, unit: string, op: Check["op"], target: number | null) =>
    checks.push({ db: kind, what, value, unit, op, target });
  c("ingest events/s", eventsPerSec, "ev/s", ">=", pg ? 25_000 : 10_000);
  c("ingest p50 latency", load.p50, "ms", "report", null);
  c("ingest p99 latency", load.p99, "ms", pg ? "<" : "report", pg ? 250 : null);
  c("non-2xx + errors", load.non2xx + load.errors, "", "=", 0);
  c("acknowledged events not stored (or unexplained extra)", mismatch, "", "=", 0);
  c(
    `ingest ÷ raw ${BATCH}-row INSERT (best)`,
    Number((eventsPerSec / denominator).toFixed(3)),
    "ratio",
    pg ? ">=" : "report",
    pg ? 0.35 : null,
  );
  const big = o.raw.find((r) => r.method.includes("5,000-row"));
  if (big)
    c(
      "ingest ÷ raw 5,000-row INSERT",
      Number((eventsPerSec / big.rowsPerSec).toFixed(3)),
      "ratio",
      "report",
      null,
    );
  // A request whose client had gone can commit after the stop's last roll-up: its events stay queued
  // for the next start, so rollups and queue together must hold every stored event.
  c("stored events in neither the rollups nor the queue", r.raw - r.rolled - r.queued, "", "=", 0);
  c("rollup backlog when the load stopped", r.backlog, "events", "report", null);
  c("server stop, adding the backlog", Number(r.drainSeconds.toFixed(1)), "s", "report", null);
  c("server peak RSS (VmHWM)", o.peakRss, "MB", pg ? "<" : "report", pg ? 1024 : null);
  if (o.metrics) {
    c("account usage page p99", o.metrics.account.p99, "ms", "<", 200);
    c("usage overview (slowest)", o.metrics.overview.max, "ms", "<", 2000);
  }
}
