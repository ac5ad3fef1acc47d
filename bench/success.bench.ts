/**
 * Success benchmark: 20,000 accounts × 5 key players × 4 outcomes and 1,000,000 touchpoints, on
 * PGlite and on PostgreSQL, in the same run:
 *
 * 1. the data set, generated in the database (bench/lib/success-data.ts), and how long that took;
 * 2. recomputing every success index: `recordAllSuccessHistory`, the daily job's domain function
 *    (target < 10 s on PostgreSQL), BENCH_RUNS times, the median counted;
 * 3. an account's journey view (`GET /api/v1/journey?accountId=`) and stakeholder map
 *    (`GET /api/v1/accounts/:id/stakeholders`) on a started server with an API key: requests one
 *    after another for random accounts after a warm-up, p50/p95/p99 (target p99 < 100 ms);
 * 4. one NPS survey to 10,000 key players through `sendSurvey` (queued mail), delivered by
 *    `deliverQueuedMail` into an SMTP server in this process: the time to queue it, messages/s
 *    (target ≥ 200) and this process's memory sampled every 250 ms while delivering.
 *
 *   npm run bench:success                                   # both databases, the issue's sizes
 *   BENCH_DB=postgres BENCH_ACCOUNTS=2000 BENCH_TOUCHPOINTS=100000 BENCH_RECIPIENTS=2000 npm run bench:success
 *
 * Settings: BENCH_DB, BENCH_ACCOUNTS (20000), BENCH_PLAYERS (5 per account), BENCH_OUTCOMES (4 per
 * key player), BENCH_TOUCHPOINTS (1000000), BENCH_EMPLOYEES (40), BENCH_RUNS (3 recomputes),
 * BENCH_REQUESTS (300 per route), BENCH_WARMUP (30 per route), BENCH_RECIPIENTS (10000), BENCH_KEEP
 * (keep the databases, to look into them afterwards).
 */
import os from "node:os";
import { connect, type Database, migrate } from "../src/db/index.ts";
import { recordAllSuccessHistory } from "../src/domain/outcomes/index.ts";
import { issueApiKey, provisionWorkspace } from "../src/domain/workflows/index.ts";
import { type Check, jsonLine, printChecks } from "./lib/report.ts";
import { type BenchDb, freshDatabase, startServer } from "./lib/server-process.ts";
import { buildSuccessData, sampleAccounts, surveyableContacts } from "./lib/success-data.ts";
import { memorySummary, type SurveyResult, sendSurveyToSink } from "./lib/survey-send.ts";
import { type Timing, timeGets } from "./lib/usage-scale.ts";

type Kind = "pglite" | "postgres";
const env = process.env;
const sizes = {
  accounts: Number(env.BENCH_ACCOUNTS ?? 20_000),
  players: Number(env.BENCH_PLAYERS ?? 5),
  outcomes: Number(env.BENCH_OUTCOMES ?? 4),
  touchpoints: Number(env.BENCH_TOUCHPOINTS ?? 1_000_000),
  employees: Number(env.BENCH_EMPLOYEES ?? 40),
};
const settings = {
  runs: Number(env.BENCH_RUNS ?? 3),
  requests: Number(env.BENCH_REQUESTS ?? 300),
  warmup: Number(env.BENCH_WARMUP ?? 30),
  recipients: Number(env.BENCH_RECIPIENTS ?? 10_000),
};
const pgUrl = env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const kinds = (env.BENCH_DB ?? "pglite,postgres").split(",") as Kind[];
const PORTS: Record<Kind, number> = { pglite: 3307, postgres: 3308 };
const TARGETS = { recomputePgSeconds: 10, p99Ms: 100, messagesPerSecond: 200 };

const log = (msg: string) =>
  console.log(`[${new Date().toISOString().slice(11, 19)} load ${os.loadavg()[0]?.toFixed(1)}] ${msg}`);
const since = (t: number) => (performance.now() - t) / 1000;
const round = (x: number, digits = 1) => Number(x.toFixed(digits));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

const open = (fresh: BenchDb): Promise<Database> =>
  fresh.kind === "pglite"
    ? connect({ kind: "pglite", dataDir: fresh.env.STEWARD_DATA_DIR as string })
    : connect({ kind: "postgres", url: fresh.env.DATABASE_URL as string });

type Recompute = { runs: number[]; cpu: number[]; accounts: number };

/**
 * Every account's index recorded, `runs` times: seconds of each run, and the CPU seconds this
 * process spent in it (the domain code; on the embedded database the database too), which says
 * how much of a slow run was the machine being busy with others.
 */
async function recompute(database: Database): Promise<Recompute> {
  const out: Recompute = { runs: [], cpu: [], accounts: 0 };
  for (let i = 0; i < settings.runs; i++) {
    const t = performance.now();
    const cpu = process.cpuUsage();
    const done = await recordAllSuccessHistory(database.db);
    const used = process.cpuUsage(cpu);
    out.runs.push(round(since(t), 2));
    out.cpu.push(round((used.user + used.system) / 1e6, 2));
    out.accounts = done.accounts;
    log(
      `recompute ${i + 1}/${settings.runs}: ${done.accounts} accounts in ${out.runs[i]} s ` +
        `(${out.cpu[i]} CPU s in this process)`,
    );
  }
  return out;
}

type Reads = { journey: Timing; stakeholders: Timing; serverPeakRssMb: number };

/** The two account pages' reads over HTTP, one request at a time, on a server started for them. */
async function timeReads(fresh: BenchDb, apiKey: string, accountIds: string[]): Promise<Reads> {
  const server = await startServer({ ...fresh.env, API_RATE_LIMIT: "100000000" }, PORTS[fresh.kind]);
  try {
    const headers = { authorization: `Bearer ${apiKey}` };
    const journey = (id: string) => `/api/v1/journey?accountId=${id}`;
    const stakeholders = (id: string) => `/api/v1/accounts/${id}/stakeholders`;
    const warm = accountIds.slice(0, settings.warmup);
    const measured = accountIds.slice(settings.warmup);
    const checkJourney = (body: unknown) => {
      if ((body as { total?: { touchpoints?: number } }).total?.touchpoints === undefined)
        throw new Error(`journey without a total: ${JSON.stringify(body).slice(0, 200)}`);
    };
    const checkMap = (body: unknown) => {
      if (!Array.isArray((body as { keyPlayers?: unknown }).keyPlayers))
        throw new Error(`stakeholder map without key players: ${JSON.stringify(body).slice(0, 200)}`);
    };
    await timeGets(server.url, headers, warm.map(journey), checkJourney);
    await timeGets(server.url, headers, warm.map(stakeholders), checkMap);
    const j = await timeGets(server.url, headers, measured.map(journey), checkJourney);
    log(`journey: p50 ${j.p50} ms, p95 ${j.p95} ms, p99 ${j.p99} ms, max ${j.max} ms (${j.n} requests)`);
    const s = await timeGets(server.url, headers, measured.map(stakeholders), checkMap);
    log(
      `stakeholder map: p50 ${s.p50} ms, p95 ${s.p95} ms, p99 ${s.p99} ms, max ${s.max} ms (${s.n} requests)`,
    );
    return { journey: j, stakeholders: s, serverPeakRssMb: server.peakRssMb() };
  } finally {
    await server.stop();
  }
}

type Outcome = {
  kind: Kind;
  setupSeconds: number;
  rows: Record<string, number>;
  recompute: Recompute;
  survey: SurveyResult;
  reads: Reads;
};

async function benchOne(kind: Kind): Promise<Outcome> {
  console.log(`\n=== ${kind} ===`);
  const fresh = await freshDatabase(kind, pgUrl);
  try {
    const database = await open(fresh);
    let workspaceId: string;
    let apiKey: string;
    let setupSeconds: number;
    let rows: Record<string, number>;
    let runs: Recompute;
    let survey: SurveyResult;
    let accountIds: string[];
    try {
      const t = performance.now();
      await migrate(database);
      const ws = await provisionWorkspace(database.db, { slug: "bench", name: "Bench" });
      workspaceId = ws.id;
      const ctx = {
        db: database.db,
        workspaceId,
        actor: { kind: "system", label: "bench:success" },
      } as const;
      apiKey = (await issueApiKey(ctx, { name: "bench", scopes: ["read"] })).key;
      const data = await buildSuccessData(database, workspaceId, sizes, log);
      setupSeconds = round(since(t));
      rows = data.rows;
      log(`set-up: ${setupSeconds} s for ${JSON.stringify(rows)}`);

      runs = await recompute(database);
      accountIds = await sampleAccounts(database, workspaceId, settings.warmup + settings.requests);
      const contactIds = await surveyableContacts(database, workspaceId, settings.recipients);
      survey = await sendSurveyToSink(database, workspaceId, contactIds);
      const mem = memorySummary(survey.memory);
      log(
        `survey: ${survey.recipients} invitations queued in ${round(survey.queueSeconds, 2)} s; ` +
          `${survey.sent} sent (${survey.failed} failed, ${survey.received} received) in ${round(survey.deliverSeconds, 2)} s ` +
          `= ${survey.messagesPerSecond} messages/s; RSS ${mem.rss.start}/${mem.rss.peak}/${mem.rss.end} MB, ` +
          `heap ${mem.heap.start}/${mem.heap.peak}/${mem.heap.end} MB (start/peak/end); live heap after a full ` +
          `collection ${survey.retainedHeapMb.before} MB before, ${survey.retainedHeapMb.after} MB after`,
      );
      log(
        `memory while delivering (s: RSS MB/heap MB): ${mem.series.map((s) => `${round(s.ms / 1000)}: ${s.rssMb}/${s.heapMb}`).join(", ")}`,
      );
    } finally {
      // The embedded database opens in one process at a time: closed before the server opens it.
      await database.close();
    }
    const reads = await timeReads(fresh, apiKey, accountIds);
    return { kind, setupSeconds, rows, recompute: runs, survey, reads };
  } finally {
    if (env.BENCH_KEEP) console.log(`kept the database: ${JSON.stringify(fresh.env)}`);
    else await fresh.cleanup();
  }
}

function checksOf(o: Outcome): Check[] {
  const db = o.kind;
  const mem = memorySummary(o.survey.memory);
  const pg = o.kind === "postgres";
  return [
    { db, what: "set-up (data generation)", value: o.setupSeconds, unit: "s", op: "report", target: null },
    {
      db,
      what: `recompute every success index (median of ${o.recompute.runs.length})`,
      value: median(o.recompute.runs),
      unit: "s",
      op: pg ? "<" : "report",
      target: pg ? TARGETS.recomputePgSeconds : null,
    },
    { db, what: "journey p50", value: o.reads.journey.p50, unit: "ms", op: "report", target: null },
    { db, what: "journey p99", value: o.reads.journey.p99, unit: "ms", op: "<", target: TARGETS.p99Ms },
    {
      db,
      what: "stakeholder map p50",
      value: o.reads.stakeholders.p50,
      unit: "ms",
      op: "report",
      target: null,
    },
    {
      db,
      what: "stakeholder map p99",
      value: o.reads.stakeholders.p99,
      unit: "ms",
      op: "<",
      target: TARGETS.p99Ms,
    },
    {
      db,
      what: "survey queued",
      value: round(o.survey.queueSeconds, 2),
      unit: "s",
      op: "report",
      target: null,
    },
    {
      db,
      what: "survey delivery",
      value: o.survey.messagesPerSecond,
      unit: "msg/s",
      op: ">=",
      target: TARGETS.messagesPerSecond,
    },
    {
      db,
      what: "messages received by the sink",
      value: o.survey.received,
      unit: "",
      op: "=",
      target: o.survey.recipients,
    },
    { db, what: "RSS while delivering: start", value: mem.rss.start, unit: "MB", op: "report", target: null },
    { db, what: "RSS while delivering: peak", value: mem.rss.peak, unit: "MB", op: "report", target: null },
    { db, what: "RSS while delivering: end", value: mem.rss.end, unit: "MB", op: "report", target: null },
    { db, what: "heap while delivering: peak", value: mem.heap.peak, unit: "MB", op: "report", target: null },
    {
      db,
      what: "heap retained: before",
      value: o.survey.retainedHeapMb.before,
      unit: "MB",
      op: "report",
      target: null,
    },
    {
      db,
      what: "heap retained: after",
      value: o.survey.retainedHeapMb.after,
      unit: "MB",
      op: "report",
      target: null,
    },
  ];
}

const outcomes: Outcome[] = [];
for (const kind of kinds) {
  const o = await benchOne(kind);
  outcomes.push(o);
  jsonLine("success", {
    type: "run",
    db: o.kind,
    sizes,
    rows: o.rows,
    setup_s: o.setupSeconds,
    recompute_s: o.recompute.runs,
    recompute_cpu_s: o.recompute.cpu,
    recompute_accounts: o.recompute.accounts,
    journey: o.reads.journey,
    stakeholders: o.reads.stakeholders,
    server_peak_rss_mb: o.reads.serverPeakRssMb,
    survey: { ...o.survey, memory: memorySummary(o.survey.memory) },
  });
}
console.log("\nsummary");
printChecks(
  "success",
  outcomes.flatMap((o) => checksOf(o)),
);
