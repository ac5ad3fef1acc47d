import { FEATURE_SQL } from "../../src/domain/usage/attribution.rules.ts";
import { ACCOUNTS, EVENTS, USERS, USERS_PER_ACCOUNT } from "./segment-load.ts";
import { type BenchDb, startServer } from "./server-process.ts";
import { openPgClients, type Sql } from "./sql.ts";

/**
 * Usage history at scale, written straight into the database: `total` track events over the
 * `days` UTC days before today for the benchmark's 1,000 accounts, then the three rollups built
 * set-based with the semantics of `rebuildRollups` (src/domain/usage/rollup.queries.ts).
 *
 * Events are spread evenly over time (they arrive in time order, as in life); the user of each is
 * drawn with a skew (user u with density ∝ u^-1/3), so low-numbered accounts are the heavy ones:
 * account 0 gets about 1% of all events, the median account about 0.08%. Key-player users (the
 * first two of each account) carry their contact id, as ingestion would have set it.
 */

export type History = { events: number; days: number; from: Date; to: Date; sourceId: string };

const INSERT_HISTORY = `
  insert into usage_events (workspace_id, ts, id, source_id, message_id, type, event, account_id, contact_id,
    user_id, anonymous_id, group_id, parked, quantity, properties, context, received_at)
  select $1::uuid, g.ts, gen_random_uuid(), $2::uuid, 'hist-' || g.n, 'track', ($4::text[])[g.e + 1],
    ($3::uuid[])[g.u / ${USERS_PER_ACCOUNT} + 1], c.id, g.user_id, null,
    'acc-' || lpad((g.u / ${USERS_PER_ACCOUNT})::text, 4, '0'), false, 1, '{"plan":"pro"}'::jsonb, null, g.ts
  from (
    select n, u, e, ts, 'user-' || lpad(u::text, 5, '0') as user_id
    from (
      select n, floor(${USERS} * power(random(), 1.5))::int as u, floor(random() * ${EVENTS.length})::int as e,
        $5::timestamptz + ((n + random()) * $6::float8) * interval '1 second' as ts
      from generate_series($7::bigint, $8::bigint) n
    ) r
  ) g
  left join contacts c on c.workspace_id = $1::uuid and c.external_id = g.user_id`;

/** Raw events, in statements of `per` rows spread over the given connections. */
export async function insertHistory(
  conns: Sql["query"][],
  workspaceId: string,
  accountIds: string[],
  h: History,
  per = 500_000,
): Promise<number> {
  const step = (h.to.getTime() - h.from.getTime()) / 1000 / h.events;
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    conns.map(async (query) => {
      while (next < h.events) {
        const start = next;
        next = Math.min(h.events, next + per);
        await query(INSERT_HISTORY, [
          workspaceId,
          h.sourceId,
          accountIds,
          EVENTS,
          h.from.toISOString(),
          step,
          start,
          next - 1,
        ]);
      }
    }),
  );
  return (performance.now() - t0) / 1000;
}

/** The rollups of the history's events, one set-based statement per rollup (run side by side). */
export async function buildRollups(conns: Sql["query"][], workspaceId: string, h: History): Promise<number> {
  const act = `
    with act as (
      select e.account_id, (e.ts at time zone 'UTC')::date as day, ${FEATURE_SQL} as feature,
        coalesce(e.user_id, 'anon:' || e.anonymous_id) as user_key, e.contact_id, e.quantity
      from usage_events e
      where e.workspace_id = $1::uuid and e.source_id = $2::uuid and e.ts >= $3::timestamptz and e.ts < $4::timestamptz
        and e.account_id is not null and e.type in ('track', 'page', 'screen'))`;
  const statements = [
    `${act}
    insert into usage_user_event_days (workspace_id, account_id, day, event, user_key, events)
    select $1::uuid, account_id, day, feature, user_key, sum(quantity) from act
    where user_key is not null group by account_id, day, feature, user_key`,
    `${act}
    insert into usage_user_days (workspace_id, account_id, day, user_key, contact_id, events)
    select $1::uuid, account_id, day, user_key,
      (array_agg(contact_id) filter (where contact_id is not null))[1], sum(quantity) from act
    where user_key is not null group by account_id, day, user_key`,
    `${act}
    insert into usage_account_event_days (workspace_id, account_id, day, event, events, users)
    select $1::uuid, account_id, day, feature, sum(quantity), count(distinct user_key) from act
    group by account_id, day, feature`,
  ];
  const params = [workspaceId, h.sourceId, h.from.toISOString(), h.to.toISOString()];
  const t0 = performance.now();
  let i = 0;
  await Promise.all(
    conns.map(async (query) => {
      for (let s = statements[i++]; s; s = statements[i++]) await query(s, params);
    }),
  );
  return (performance.now() - t0) / 1000;
}

export type Timing = { n: number; cold: number; p50: number; p95: number; p99: number; max: number };

const pct = (xs: number[], p: number) =>
  xs[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)] ?? 0;

/**
 * Times GETs one after another (the latency of one page, not under load). The first request,
 * the first after the server started, is also reported apart as `cold`; the percentiles are over
 * all of them.
 */
export async function timeGets(
  base: string,
  headers: Record<string, string>,
  paths: string[],
  check: (body: unknown) => void,
): Promise<Timing> {
  const times: number[] = [];
  for (const p of paths) {
    const t = performance.now();
    const res = await fetch(`${base}${p}`, { headers });
    const body = await res.json();
    times.push(performance.now() - t);
    if (!res.ok) throw new Error(`GET ${p}: ${res.status} ${JSON.stringify(body)}`);
    check(body);
  }
  const cold = times[0] ?? 0;
  const sorted = [...times].sort((a, b) => a - b);
  const r = (x: number) => Math.round(x * 10) / 10;
  return {
    n: sorted.length,
    cold: r(cold),
    p50: r(pct(sorted, 50)),
    p95: r(pct(sorted, 95)),
    p99: r(pct(sorted, 99)),
    max: r(sorted[sorted.length - 1] ?? 0),
  };
}

export type Workspace = {
  workspaceId: string;
  /** Ordered by external id: index i is account i. */
  accountIds: string[];
  accountByExt: Map<string, string>;
  contactByExt: Map<string, string>;
};

export type Metrics = { account: Timing; overview: Timing; build: string };

/**
 * Builds the history in the database (the server stopped), then starts the server and times the
 * account usage page for 50 accounts and the workspace overview.
 */
export async function metricsAtScale(o: {
  db: BenchDb;
  sql: Sql;
  w: Workspace;
  h: History;
  apiKey: string;
  port: number;
  log: (msg: string) => void;
}): Promise<Metrics> {
  const { db, sql, w, h, log } = o;
  const pg = db.kind === "postgres";
  // Statements side by side on PostgreSQL (two for the insert: this machine has two cores).
  const extra = pg ? await openPgClients(db, 2) : [];
  let build: string;
  try {
    const conns = [sql.query, ...extra.map((c) => c.query.bind(c))];
    const insertS = await insertHistory(conns.slice(0, pg ? 2 : 1), w.workspaceId, w.accountIds, h);
    log(`history: ${h.events} events over ${h.days} days inserted in ${insertS.toFixed(1)} s`);
    const rollupS = await buildRollups(conns, w.workspaceId, h);
    await sql.query("analyze");
    const [sizes] = await sql.query<Record<string, number>>(
      `select (select count(*) from usage_user_event_days)::int as user_event_days,
         (select count(*) from usage_user_days)::int as user_days,
         (select count(*) from usage_account_event_days)::int as account_event_days`,
    );
    log(`history: rollups built in ${rollupS.toFixed(1)} s: ${JSON.stringify(sizes)}`);
    build = `${h.events} events in ${insertS.toFixed(0)} s; rollups ${JSON.stringify(sizes)} in ${rollupS.toFixed(0)} s`;
  } finally {
    await Promise.all(extra.map((c) => c.end()));
  }
  await sql.close();
  const server = await startServer({ ...db.env, API_RATE_LIMIT: "100000000" }, o.port);
  try {
    const headers = { authorization: `Bearer ${o.apiKey}` };
    // The heaviest account (0) first, cold; then 49 more spread over the skew.
    const paths = Array.from(
      { length: 50 },
      (_, i) => `/api/v1/accounts/${w.accountIds[(i * 19) % ACCOUNTS]}/usage?period=30d`,
    );
    const account = await timeGets(server.url, headers, paths, (b) => {
      if (!((b as { mau: number }).mau > 0))
        throw new Error(`an account page shows no users: ${JSON.stringify(b)}`);
    });
    const overview = await timeGets(
      server.url,
      headers,
      Array(5).fill("/api/v1/usage/overview?period=30d"),
      (b) => {
        const seen = (b as { accountsWithUsage: number }).accountsWithUsage;
        if (seen < ACCOUNTS * 0.9) throw new Error(`the overview sees ${seen} accounts with usage`);
      },
    );
    log(`metrics: account page p50 ${account.p50} ms p99 ${account.p99} ms; overview p50 ${overview.p50} ms`);
    return { account, overview, build };
  } finally {
    await server.stop();
  }
}
