/**
 * Health benchmark (issue 4): recompute every score of 20,000 accounts with 90 days of usage
 * rollups, on PostgreSQL and on PGlite, then one account's explanation; prints seconds, accounts/s
 * and the explanation's latency against the targets (< 10 s PostgreSQL, < 30 s PGlite, < 50 ms),
 * and what rescoring one account after a write costs.
 *
 *   npm run bench:health                      # both databases
 *   BENCH_DB=postgres BENCH_ACCOUNTS=5000 npm run bench:health
 *
 * The data is generated inside the database (generate_series), set-based: per account one
 * subscription with seats, three contacts (one a champion), 1–12 product users each active on
 * about half the days, three of six features a day per active account, and for a tenth of the
 * accounts a CSM sentiment. Accounts get the default models (every workspace has them).
 */

import { sql } from "drizzle-orm";
import { addDays, utcToday } from "../src/common/dates.ts";

import { connect, type Database, migrate, queryRows } from "../src/db/index.ts";

import type { Ctx } from "../src/domain/context.ts";
import { getAccountHealth, recomputeHealth } from "../src/domain/health/index.ts";

import { provisionWorkspace } from "../src/domain/workflows/index.ts";

import { freshDatabase } from "./lib/server-process.ts";

type Kind = "pglite" | "postgres";
const env = process.env;
const ACCOUNTS = Number(env.BENCH_ACCOUNTS ?? 20_000);
const DAYS = Number(env.BENCH_DAYS ?? 90);
const kinds = (env.BENCH_DB ?? "pglite,postgres").split(",") as Kind[];
const pgUrl = env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const TARGET_S: Record<Kind, number> = { postgres: 10, pglite: 30 };
const EXPLAIN_MS = 50;

const seconds = (t: number) => (performance.now() - t) / 1000;

async function generate(database: Database, workspaceId: string, today: string) {
  const db = database.db;
  const from = addDays(today, -(DAYS - 1));
  await db.execute(sql`
    insert into accounts (workspace_id, id, name, tier, coverage, lifecycle_stage)
    select ${workspaceId}, gen_random_uuid(), 'Account ' || i,
      (array['Enterprise', 'Mid-Market', 'SMB'])[1 + i % 3],
      (array['one_to_one', 'one_to_few', 'one_to_many'])[1 + i % 3], 'adoption'
    from generate_series(1, ${ACCOUNTS}) i`);
  await db.execute(sql`
    insert into subscriptions (workspace_id, account_id, id, product, mrr_minor, seats, start_date, status, renewal_date)
    select workspace_id, id, gen_random_uuid(), 'Core', 10000 + (hashtext(id::text) & 65535), 5 + (hashtext(name) & 15),
      ${addDays(today, -400)}::date, 'active', ${today}::date + (hashtext(id::text) & 300)
    from accounts where workspace_id = ${workspaceId}`);
  await db.execute(sql`
    insert into contacts (workspace_id, account_id, id, first_name, decision_role)
    select a.workspace_id, a.id, gen_random_uuid(), 'Person ' || k, (array['champion', 'economic_buyer', 'user'])[k]
    from accounts a, generate_series(1, 3) k where a.workspace_id = ${workspaceId}`);
  // Users per account 1–12; each active on a day with probability ½ (a hash, so it is repeatable).
  await db.execute(sql`
    insert into usage_user_days (workspace_id, account_id, day, user_key, events)
    select a.workspace_id, a.id, d::date, a.id::text || ':' || u, 1 + (hashtext(a.id::text || d::text || u) & 7)
    from accounts a
    cross join generate_series(${from}::date, ${today}::date, interval '1 day') d
    cross join lateral generate_series(1, 1 + (hashtext(a.name) & 11)) u
    where a.workspace_id = ${workspaceId} and (hashtext(a.id::text || d::text || u) & 1) = 0`);
  await db.execute(sql`
    insert into usage_account_event_days (workspace_id, account_id, day, event, events, users)
    select workspace_id, account_id, day, 'Feature ' || f, sum(events), count(*)
    from usage_user_days u cross join lateral (select 1 + (hashtext(u.user_key || u.day::text) % 6 + 6) % 6 as f) x
    where workspace_id = ${workspaceId}
    group by workspace_id, account_id, day, f`);
  await db.execute(sql`
    insert into usage_features (workspace_id, event, name, key)
    select ${workspaceId}, 'Feature ' || f, 'Feature ' || f, f <= 3 from generate_series(1, 6) f`);
  await db.execute(sql`
    insert into sentiment_ratings (workspace_id, account_id, id, rating, created_at)
    select workspace_id, id, gen_random_uuid(), 1 + (hashtext(name) & 3), now() - interval '10 days'
    from accounts where workspace_id = ${workspaceId} and hashtext(id::text) % 10 = 0`);
  await db.execute(sql`analyze`);
  const [sizes] = await queryRows<{ user_days: number; event_days: number }>(
    db,
    sql`select (select count(*)::int from usage_user_days) as user_days,
               (select count(*)::int from usage_account_event_days) as event_days`,
  );
  return sizes;
}

async function benchOne(kind: Kind) {
  const fresh = await freshDatabase(kind, pgUrl);
  const database =
    kind === "pglite"
      ? await connect({ kind: "pglite", dataDir: fresh.env.STEWARD_DATA_DIR as string })
      : await connect({ kind: "postgres", url: fresh.env.DATABASE_URL as string });
  try {
    await migrate(database);
    const ws = await provisionWorkspace(database.db, { slug: "bench", name: "Bench" });
    const ctx: Ctx = {
      db: database.db,
      workspaceId: ws.id,
      actor: { kind: "system", label: "bench:health" },
    };
    const today = utcToday();
    let t = performance.now();
    const sizes = await generate(database, ws.id, today);
    console.log(
      `${kind}: data for ${ACCOUNTS} accounts × ${DAYS} days in ${seconds(t).toFixed(1)} s: ${JSON.stringify(sizes)}`,
    );

    const runs: number[] = [];
    let scored = 0;
    for (let i = 0; i < 3; i++) {
      t = performance.now();
      const r = await recomputeHealth(database.db, ws.id, { day: today });
      runs.push(seconds(t));
      scored = r.scored;
    }
    const best = Math.min(...runs);
    const [probe] = await queryRows<{ id: string }>(
      database.db,
      sql`select id from accounts where workspace_id = ${ws.id} order by id limit 1`,
    );
    // A history to explain changes against.
    await recomputeHealth(database.db, ws.id, { day: addDays(today, -7), accountIds: [probe?.id as string] });
    await recomputeHealth(database.db, ws.id, {
      day: addDays(today, -30),
      accountIds: [probe?.id as string],
    });
    // What a subscription or contact write costs: one account rescored.
    const one: number[] = [];
    for (let i = 0; i < 10; i++) {
      t = performance.now();
      await recomputeHealth(database.db, ws.id, { day: today, accountIds: [probe?.id as string] });
      one.push(performance.now() - t);
    }
    one.sort((a, b) => a - b);
    const explain: number[] = [];
    for (let i = 0; i < 30; i++) {
      t = performance.now();
      await getAccountHealth(ctx, probe?.id as string);
      explain.push(performance.now() - t);
    }
    explain.sort((a, b) => a - b);
    const p50 = explain[Math.floor(explain.length / 2)] as number;
    const p95 = explain[Math.floor(explain.length * 0.95)] as number;
    const record = {
      bench: "health",
      db: kind,
      accounts: ACCOUNTS,
      days: DAYS,
      scored,
      recompute_s: runs.map((r) => Number(r.toFixed(2))),
      best_s: Number(best.toFixed(2)),
      accounts_per_s: Math.round(ACCOUNTS / best),
      explain_p50_ms: Number(p50.toFixed(1)),
      explain_p95_ms: Number(p95.toFixed(1)),
      rescore_one_p50_ms: Number((one[5] as number).toFixed(1)),
    };
    console.log(
      `${kind}: recompute of ${ACCOUNTS} accounts (${scored} scored): ${record.recompute_s.join(" / ")} s, best ${record.best_s} s ` +
        `= ${record.accounts_per_s} accounts/s (target < ${TARGET_S[kind]} s: ${best < TARGET_S[kind] ? "met" : "NOT MET"}); ` +
        `explanation p50 ${record.explain_p50_ms} ms, p95 ${record.explain_p95_ms} ms (target < ${EXPLAIN_MS} ms: ${p95 < EXPLAIN_MS ? "met" : "NOT MET"}); one account rescored after a write: p50 ${record.rescore_one_p50_ms} ms`,
    );
    console.log(JSON.stringify(record));
  } finally {
    await database.close();
    await fresh.cleanup();
  }
}

for (const kind of kinds) await benchOne(kind);
