import autocannon from "autocannon";
import { defineRoute, routes } from "../../src/contract/index.ts";
import { connect } from "../../src/db/index.ts";
import { findAccounts, getAccount } from "../../src/domain/accounts/index.ts";
import { buildApp } from "../../src/server/app.ts";
import { loadConfig } from "../../src/server/config.ts";
import { handle } from "../../src/server/http.ts";

/**
 * What row-level security costs (issue 9), over HTTP in one server: the account list and one
 * account through their real routes (a workspace transaction as steward_app) and through twins
 * registered with the same `handle` on the system path (no transaction, no policy), alternating
 * which goes first, round after round. The figure is the median of the rounds' ratios of time per
 * request (RLS ÷ system; 1.05 means 5% slower). The load generator shares the process: compare the
 * ratio, not the requests per second with the separate-process figures above.
 */
export type RlsRatio = { target: string; rlsPerS: number; systemPerS: number; ratio: number };

const twin = <R extends { path: string; summary: string }>(route: R): R => ({
  ...route,
  path: route.path.replace("/api/v1/", "/api/v1/bench-system/"),
  summary: `${route.summary} (system path, for the benchmark)`,
});
const systemList = defineRoute(twin(routes.listAccounts));
const systemGet = defineRoute(twin(routes.getAccount));

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
};

/** Sends `paths` round-robin for `seconds` with `connections` at once (autocannon). */
export function loadPaths(
  url: string,
  headers: Record<string, string>,
  paths: string[],
  seconds: number,
  connections: number,
): Promise<autocannon.Result> {
  let i = 0;
  return autocannon({
    url,
    connections,
    duration: seconds,
    headers,
    requests: [
      {
        setupRequest: (req) => {
          req.path = paths[i++ % paths.length] ?? "/";
          return req;
        },
      },
    ],
  });
}

async function rps(
  url: string,
  headers: Record<string, string>,
  paths: string[],
  seconds: number,
  connections: number,
) {
  const r = await loadPaths(url, headers, paths, seconds, connections);
  if (r.errors || r.non2xx) throw new Error(`${paths[0]}: ${r.errors} errors, ${r.non2xx} answers not 2xx`);
  return r.requests.average;
}

export async function rlsRatios(
  env: Record<string, string>,
  headers: Record<string, string>,
  options: { rounds: number; seconds: number; connections: number; port: number },
): Promise<RlsRatio[]> {
  const database = env.DATABASE_URL
    ? await connect({ kind: "postgres", url: env.DATABASE_URL })
    : await connect({ kind: "pglite", dataDir: env.STEWARD_DATA_DIR as string });
  const config = loadConfig({ ...env, LOG_LEVEL: "silent", API_RATE_LIMIT: "100000000" });
  const app = await buildApp({
    database,
    config,
    webDir: "/nonexistent",
    extraRoutes: (app, state) => {
      handle(app, state, systemList, (ctx, { query }) => findAccounts(ctx, query), { path: "system" });
      handle(app, state, systemGet, (ctx, { params }) => getAccount(ctx, params.id), { path: "system" });
    },
  });
  try {
    const url = await app.listen({ port: options.port, host: "127.0.0.1" });
    const list = (await (await fetch(`${url}/api/v1/accounts?limit=200`, { headers })).json()) as {
      data: { id: string }[];
    };
    const ids = list.data.map((a) => a.id);
    const targets: [string, string[], string[]][] = [
      [
        "GET /api/v1/accounts?limit=50",
        ["/api/v1/accounts?limit=50"],
        ["/api/v1/bench-system/accounts?limit=50"],
      ],
      [
        "GET /api/v1/accounts/:id",
        ids.map((id) => `/api/v1/accounts/${id}`),
        ids.map((id) => `/api/v1/bench-system/accounts/${id}`),
      ],
    ];
    const out: RlsRatio[] = [];
    for (const [target, rlsPaths, systemPaths] of targets) {
      const load = (paths: string[]) => rps(url, headers, paths, options.seconds, options.connections);
      await load(rlsPaths); // warm-up
      const rls: number[] = [];
      const sys: number[] = [];
      const ratios: number[] = [];
      for (let round = 0; round < options.rounds; round++) {
        let r: number;
        let s: number;
        if (round % 2) {
          r = await load(rlsPaths);
          s = await load(systemPaths);
        } else {
          s = await load(systemPaths);
          r = await load(rlsPaths);
        }
        rls.push(r);
        sys.push(s);
        ratios.push(s / r);
      }
      out.push({
        target,
        rlsPerS: Math.round(median(rls)),
        systemPerS: Math.round(median(sys)),
        ratio: median(ratios),
      });
    }
    return out;
  } finally {
    await app.close();
    await database.close();
  }
}
