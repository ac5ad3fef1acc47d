/**
 * Revenue metrics benchmark: 20,000 accounts with 5 years of subscription history, about 60
 * changes per account (each change a subscription replaced by the next at a new MRR; some
 * accounts leave for a while and come back, some leave for good, some add a second product):
 *
 * 1. the data set, generated in the database, and how long that took;
 * 2. rebuilding every account's MRR movements from its subscriptions (`rebuildRevenueMovements`
 *    for the whole workspace, what an import of subscriptions triggers; target < 30 s on
 *    PostgreSQL), BENCH_RUNS times, the best counted;
 * 3. the period figures (`getRevenueMetrics`: NRR, GRR, logo churn, the waterfall month by month)
 *    for random periods of 1 to 24 months, a month's MRR, and the cohorts of 12 months: each
 *    BENCH_REQUESTS times after a warm-up, the worst counted (target < 500 ms);
 * 4. the renewal pipeline (`getRenewals`) for the next 90 days, with every live subscription
 *    renewing on its anniversary and every account scored by a churn model: fitting the renewal
 *    calibration on the whole history once (reported), then BENCH_REQUESTS × 5 pipeline reads,
 *    the 99th percentile counted (target < 100 ms).
 *
 *   npm run bench:metrics                                  # PostgreSQL, the sizes
 *   BENCH_DB=pglite,postgres BENCH_ACCOUNTS=2000 npm run bench:metrics
 *
 * Settings: BENCH_DB (postgres), BENCH_ACCOUNTS (20000), BENCH_CHANGES (60 per account),
 * BENCH_RUNS (3), BENCH_REQUESTS (20 per figure), BENCH_KEEP (keep the database, to look into it
 * afterwards).
 */
import os from "node:os";
import { sql } from "drizzle-orm";
import { utcToday } from "../src/common/dates.ts";
import { connect, type Database, migrate, queryRows } from "../src/db/index.ts";
import { withTx } from "../src/db/transaction.ts";
import type { Ctx } from "../src/domain/context.ts";
import { getRenewals, refreshCalibration } from "../src/domain/renewals/index.ts";
import {
  getCohorts,
  getMrrMonth,
  getRevenueMetrics,
  rebuildRevenueMovements,
} from "../src/domain/revenue/index.ts";
import { provisionWorkspace } from "../src/domain/workflows/index.ts";
import { type Check, jsonLine, printChecks } from "./lib/report.ts";
import { freshDatabase } from "./lib/server-process.ts";

type Kind = "pglite" | "postgres";
const env = process.env;
const ACCOUNTS = Number(env.BENCH_ACCOUNTS ?? 20_000);
const CHANGES = Number(env.BENCH_CHANGES ?? 60);
const RUNS = Number(env.BENCH_RUNS ?? 3);
const REQUESTS = Number(env.BENCH_REQUESTS ?? 20);
const pgUrl = env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const kinds = (env.BENCH_DB ?? "postgres").split(",") as Kind[];
const TARGETS = { rebuildPgSeconds: 30, figuresMs: 500, pipelineP99Ms: 100 };

const log = (msg: string) =>
  console.log(`[${new Date().toISOString().slice(11, 19)} load ${os.loadavg()[0]?.toFixed(1)}] ${msg}`);
const since = (t: number) => (performance.now() - t) / 1000;
const round = (x: number, digits = 1) => Number(x.toFixed(digits));

/**
 * Accounts, then each account's chain of subscriptions: change k starts `k × 30 days` after the
 * account's start (spread over the 5 years before today) and ends the day before the next; its
 * MRR walks up and down. One account in 10 leaves for two months at change 20 (a reactivation),
 * one in 8 ends for good after its last change two years early (churn), one in 5 also buys a
 * second product from change 30.
 */
async function generate(
  database: Database,
  workspaceId: string,
  today: string,
): Promise<{ subscriptions: number }> {
  await database.db.execute(sql`
    insert into accounts (workspace_id, id, name, external_id)
    select ${workspaceId}::uuid, gen_random_uuid(), 'Account ' || i, 'A-' || i from generate_series(1, ${ACCOUNTS}) i`);
  await database.db.execute(sql`
    with a as (
      select id, row_number() over (order by external_id) as n from accounts where workspace_id = ${workspaceId}
    ), chain as (
      select a.id as account_id, a.n, k,
             (${today}::date - interval '5 years' + ((a.n % 300) || ' days')::interval + (k * 30 || ' days')::interval)::date as s
        from a, generate_series(0, ${CHANGES} - 1) k
    ), subs as (
      select account_id, n, k, s,
             -- The next change's start, less a day; two months away for the ones that leave and come back.
             case
               when n % 8 = 0 and k = ${CHANGES} - 1 then (s + interval '10 days')::date
               when k = ${CHANGES} - 1 then null
               when n % 10 = 0 and k = 20 then (s + interval '29 days')::date
               else (s + interval '29 days')::date
             end as e,
             (5000 + ((n * 37 + k * 101) % 40) * 250)::bigint * 100 as mrr
        from chain
       where not (n % 10 = 0 and k in (21, 22)) and s <= ${today}::date
         and not (n % 8 = 0 and k > ${CHANGES} - 1 - 24)
    )
    insert into subscriptions (workspace_id, account_id, id, product, mrr_minor, start_date, end_date, status)
    select ${workspaceId}::uuid, account_id, gen_random_uuid(), 'Platform', mrr, s, e,
           case when e is null then 'active' else 'canceled' end
      from subs
    union all
    select ${workspaceId}::uuid, account_id, gen_random_uuid(), 'Analytics', 90000, s, null, 'active'
      from subs where n % 5 = 0 and k = 30`);
  const [row] = await queryRows<{ n: number }>(
    database.db,
    sql`select count(*)::int as n from subscriptions where workspace_id = ${workspaceId}`,
  );
  return { subscriptions: row?.n ?? 0 };
}

/** The worst, the 99th percentile and the median of `n` timed calls after three untimed ones, in milliseconds. */
async function timed(
  n: number,
  call: (i: number) => Promise<unknown>,
): Promise<{ max: number; p99: number; p50: number }> {
  for (let i = 0; i < 3; i++) await call(i);
  const ms: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await call(i);
    ms.push(performance.now() - t);
  }
  ms.sort((x, y) => x - y);
  return {
    max: round(ms.at(-1) ?? 0),
    p99: round(ms[Math.min(ms.length - 1, Math.ceil(ms.length * 0.99) - 1)] ?? 0),
    p50: round(ms[Math.floor(ms.length / 2)] ?? 0),
  };
}

/**
 * Renewal dates on every live subscription (its next anniversary), a churn probability for every
 * account (a model's output, spread 2–60%) and the same kept 90 days before each past renewal's
 * anniversary, so the calibration has a history to fit.
 */
async function prepareRenewals(database: Database, workspaceId: string, today: string) {
  await database.db.execute(sql`
    update subscriptions
       set renewal_date = (start_date + make_interval(years => extract(year from age(${today}::date, start_date))::int + 1))::date
     where workspace_id = ${workspaceId} and end_date is null`);
  await database.db.execute(sql`
    insert into churn_predictions (workspace_id, account_id, kind, model_id, probability, drivers)
    select workspace_id, id, 'churn', gen_random_uuid(), 0.02 + (abs(hashtext(id::text)) % 58) / 100.0, '[]'::jsonb
      from accounts where workspace_id = ${workspaceId}`);
  await database.db.execute(sql`
    insert into churn_probability_history (workspace_id, account_id, kind, day, probability)
    select p.workspace_id, p.account_id, 'churn', d::date, p.probability
      from churn_predictions p,
           generate_series(${today}::date - interval '5 years', ${today}::date, interval '1 month') d
     where p.workspace_id = ${workspaceId}
    on conflict do nothing`);
  await database.db.execute(sql`analyze`);
}

const monthAgo = (today: string, n: number) => {
  const d = new Date(`${today.slice(0, 7)}-01T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() - n);
  return d.toISOString().slice(0, 10);
};

async function benchOne(kind: Kind): Promise<Check[]> {
  const fresh = await freshDatabase(kind, pgUrl);
  const database =
    kind === "pglite"
      ? await connect({ kind: "pglite", dataDir: fresh.env.STEWARD_DATA_DIR as string })
      : await connect({ kind: "postgres", url: fresh.env.DATABASE_URL as string });
  const checks: Check[] = [];
  try {
    await migrate(database);
    const ws = await provisionWorkspace(database.db, { slug: "bench", name: "Bench" });
    const ctxOf = (db: Ctx["db"]): Ctx => ({
      db,
      workspaceId: ws.id,
      actor: { kind: "system", label: "bench:metrics" },
    });
    const today = utcToday();
    let t = performance.now();
    const sizes = await generate(database, ws.id, today);
    log(`${kind}: ${ACCOUNTS} accounts, ${sizes.subscriptions} subscriptions in ${since(t).toFixed(1)} s`);

    const runs: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      t = performance.now();
      await withTx(database.db, (tx) => rebuildRevenueMovements(ctxOf(tx), null));
      runs.push(round(since(t), 2));
    }
    const [states] = await queryRows<{ n: number }>(
      database.db,
      sql`select count(*)::int as n from mrr_states where workspace_id = ${ws.id}`,
    );
    log(`${kind}: rebuilt ${states?.n} month-end states in ${runs.join(" s, ")} s`);
    if (kind === "postgres") await database.db.execute(sql`analyze`);

    const ctx = ctxOf(database.db);
    const period = await timed(REQUESTS, (i) => {
      const months = 1 + ((i * 7) % 24);
      const end = 1 + ((i * 5) % 30);
      return getRevenueMetrics(ctx, { from: monthAgo(today, end + months - 1), to: monthAgo(today, end) });
    });
    const year = await getRevenueMetrics(ctx, { from: monthAgo(today, 12), to: monthAgo(today, 1) });
    log(
      `${kind}: last 12 months: NRR ${year.figures?.nrr?.toFixed(3)}, GRR ${year.figures?.grr?.toFixed(3)}, logo churn ${year.figures?.logoChurn?.toFixed(3)}`,
    );
    const month = await timed(REQUESTS, (i) =>
      getMrrMonth(ctx, { month: monthAgo(today, 1 + (i % 36)).slice(0, 7) }),
    );
    const cohorts = await timed(Math.max(3, Math.floor(REQUESTS / 4)), (i) =>
      // The accounts first paid between 60 and 50 months ago: twelve months of cohorts among them.
      getCohorts(ctx, {
        from: monthAgo(today, 61 - (i % 3)).slice(0, 7),
        to: monthAgo(today, 50 - (i % 3)).slice(0, 7),
      }),
    );
    const sample = await getCohorts(ctx, {
      from: monthAgo(today, 61).slice(0, 7),
      to: monthAgo(today, 50).slice(0, 7),
    });
    log(
      `${kind}: ${sample.cohorts.length} cohorts of ${sample.cohorts.reduce((n, c) => n + c.logos, 0)} customers, ${sample.cohorts[0]?.retention.length ?? 0} months for the oldest`,
    );
    t = performance.now();
    await prepareRenewals(database, ws.id, today);
    log(`${kind}: renewal dates and churn scores in ${since(t).toFixed(1)} s`);
    t = performance.now();
    const calibration = await refreshCalibration(database.db, ws.id);
    const calibrationSeconds = round(since(t), 2);
    log(
      `${kind}: calibration (${calibration.method}) on ${calibration.renewals} past renewals, ${calibration.scored} scored, in ${calibrationSeconds} s`,
    );
    const first = await getRenewals(ctx, { days: 90 });
    log(`${kind}: pipeline of the next 90 days: ${first.data.length} renewals`);
    const pipeline = await timed(REQUESTS * 5, () => getRenewals(ctx, { days: 90 }));
    const record = {
      db: kind,
      accounts: ACCOUNTS,
      ...sizes,
      monthEndStates: states?.n,
      rebuildSeconds: runs,
      period,
      month,
      cohorts,
      calibrationSeconds,
      pipelineRenewals: first.data.length,
      pipeline,
    };
    jsonLine("metrics", record);
    checks.push(
      {
        db: kind,
        what: "rebuild every movement (best run)",
        value: Math.min(...runs),
        unit: "s",
        op: kind === "postgres" ? "<" : "report",
        target: kind === "postgres" ? TARGETS.rebuildPgSeconds : null,
      },
      {
        db: kind,
        what: "period figures (worst)",
        value: period.max,
        unit: "ms",
        op: "<",
        target: TARGETS.figuresMs,
      },
      {
        db: kind,
        what: "period figures (median)",
        value: period.p50,
        unit: "ms",
        op: "report",
        target: null,
      },
      {
        db: kind,
        what: "a month's MRR (worst)",
        value: month.max,
        unit: "ms",
        op: "<",
        target: TARGETS.figuresMs,
      },
      {
        db: kind,
        what: "12 cohorts (worst)",
        value: cohorts.max,
        unit: "ms",
        op: "<",
        target: TARGETS.figuresMs,
      },
      {
        db: kind,
        what: "renewal calibration on the whole history",
        value: calibrationSeconds,
        unit: "s",
        op: "report",
        target: null,
      },
      {
        db: kind,
        what: "renewal pipeline, next 90 days (p99)",
        value: pipeline.p99,
        unit: "ms",
        op: "<",
        target: TARGETS.pipelineP99Ms,
      },
    );
  } finally {
    await database.close();
    if (env.BENCH_KEEP) console.log(`kept the database: ${JSON.stringify(fresh.env)}`);
    else await fresh.cleanup();
  }
  return checks;
}

const all: Check[] = [];
for (const kind of kinds) all.push(...(await benchOne(kind)));
printChecks("metrics", all);
