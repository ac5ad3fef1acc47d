/**
 * HTTP API benchmark: autocannon, 50 connections, 20 s each, against the account list, one account,
 * and a bare route of the same server that answers a constant (/healthz), on the embedded database
 * and on PostgreSQL, in the same run. Prints requests/s, p50 and p99 and the ratio to the bare route.
 * Then what row-level security costs on the same two routes: time per request in a workspace
 * transaction ÷ on the system path, in one server, median of BENCH_RLS_ROUNDS (7) rounds of
 * BENCH_RLS_SECONDS (3) s each (issue 9 wants it under 1.10).
 *
 *   npm run bench:api                     # both databases
 *   BENCH_DB=postgres BENCH_SECONDS=10 npm run bench:api
 */
import { loadPaths, rlsRatios } from "./lib/rls-ratio.ts";
import { freshDatabase, startServer, steward } from "./lib/server-process.ts";

const seconds = Number(process.env.BENCH_SECONDS ?? 20);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 50);
const pgUrl = process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const rlsRounds = Number(process.env.BENCH_RLS_ROUNDS ?? 7);
const rlsSeconds = Number(process.env.BENCH_RLS_SECONDS ?? 3);
const kinds = (process.env.BENCH_DB ?? "pglite,postgres").split(",") as ("pglite" | "postgres")[];

type Result = { target: string; rps: number; p50: number; p99: number; errors: number; non2xx: number };

const load = (url: string, headers: Record<string, string>, paths: string[]) =>
  loadPaths(url, headers, paths, seconds, connections);

async function benchOne(kind: "pglite" | "postgres") {
  const db = await freshDatabase(kind, pgUrl);
  try {
    steward(["demo"], db.env);
    const key = steward(
      ["apikey", "create", "--workspace", "demo", "--scopes", "read", "--name", "bench"],
      db.env,
    )
      .trim()
      .split("\n")
      .pop() as string;
    const server = await startServer(
      { ...db.env, API_RATE_LIMIT: "100000000" },
      kind === "pglite" ? 3301 : 3302,
    );
    try {
      const headers = { authorization: `Bearer ${key}` };
      const list = (await (await fetch(`${server.url}/api/v1/accounts?limit=200`, { headers })).json()) as {
        data: { id: string }[];
      };
      const ids = list.data.map((a) => `/api/v1/accounts/${a.id}`);
      const targets: [string, string[]][] = [
        ["bare route (/healthz)", ["/healthz"]],
        ["GET /api/v1/accounts?limit=50", ["/api/v1/accounts?limit=50"]],
        ["GET /api/v1/accounts/:id", ids],
      ];
      const results: Result[] = [];
      for (const [target, paths] of targets) {
        const r = await load(server.url, headers, paths);
        results.push({
          target,
          rps: Math.round(r.requests.average),
          p50: r.latency.p50,
          p99: r.latency.p99,
          errors: r.errors,
          non2xx: r.non2xx,
        });
      }
      const bare = results[0]?.rps ?? 1;
      console.log(`\n${kind}: ${connections} connections, ${seconds} s per target, ${ids.length} accounts`);
      console.table(
        results.map((r) => ({
          target: r.target,
          "req/s": r.rps,
          "p50 ms": r.p50,
          "p99 ms": r.p99,
          "vs bare": `${Math.round((r.rps / bare) * 100)}%`,
          errors: r.errors + r.non2xx,
        })),
      );
      const peak = server.peakRssMb();
      console.log(`server peak RSS: ${peak} MB`);
      for (const r of results) {
        console.log(
          `BENCH api db=${kind} target="${r.target}" rps=${r.rps} p50_ms=${r.p50} p99_ms=${r.p99} ratio=${(r.rps / bare).toFixed(3)} errors=${r.errors + r.non2xx}`,
        );
      }
      console.log(`BENCH api db=${kind} peak_rss_mb=${peak}`);
      await server.stop();
      // The embedded database opens in one process at a time: measured once the server stopped.
      const ratios = await rlsRatios(db.env, headers, {
        rounds: rlsRounds,
        seconds: rlsSeconds,
        connections,
        port: kind === "pglite" ? 3303 : 3304,
      });
      console.log(
        `\n${kind}: row-level security ÷ system path, time per read, median of ${rlsRounds} rounds`,
      );
      console.table(ratios.map((r) => ({ ...r, ratio: r.ratio.toFixed(3) })));
      for (const r of ratios) {
        console.log(
          `BENCH api-rls db=${kind} target="${r.target}" rls_per_s=${r.rlsPerS} system_per_s=${r.systemPerS} ratio=${r.ratio.toFixed(3)} under_1.10=${r.ratio < 1.1}`,
        );
      }
    } catch (e) {
      await server.stop();
      throw e;
    }
  } finally {
    await db.cleanup();
  }
}

for (const kind of kinds) await benchOne(kind);
