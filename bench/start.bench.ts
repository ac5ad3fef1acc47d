/**
 * First-start benchmark (issue 9): `npm start`'s command on a fresh copy of the working tree (no
 * dist/, no data dir, node_modules linked), timed until the sign-in page answers (its HTML and
 * the script it loads, both 200) and until the demo workspace is complete (the setup status says
 * `ready`), against the targets (15 s and 60 s); also how long the setup status took to answer
 * while the demo loaded. Several rounds; medians, as the machine is shared.
 *
 *   npm run bench:start
 *   BENCH_ROUNDS=1 npm run bench:start
 *
 * The developer's own dist/ and .steward are never touched: each round works in a temporary copy.
 */

import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { type Check, met, printChecks } from "./lib/report.ts";

const repoRoot = path.resolve(import.meta.dirname, "..");
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const PORT = Number(process.env.BENCH_PORT ?? 3917);
const TARGET_SIGN_IN_S = 15;
const TARGET_DEMO_S = 60;
const TIMEOUT_S = 300;
/** Not copied: what a fresh clone does not have, and what a start makes. */
const SKIP = new Set(["node_modules", "dist", ".steward", ".git", "coverage", "test-results"]);

type Round = { signInS: number; demoS: number; statusMedianMs: number; statusMaxMs: number };

/** A fresh copy of the working tree (uncommitted changes included) with the same node_modules. */
function freshCopy(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "steward-start-"));
  for (const entry of fs.readdirSync(repoRoot)) {
    if (SKIP.has(entry)) continue;
    fs.cpSync(path.join(repoRoot, entry), path.join(dir, entry), { recursive: true });
  }
  fs.symlinkSync(path.join(repoRoot, "node_modules"), path.join(dir, "node_modules"));
  return dir;
}

const get = async (url: string): Promise<Response | null> => {
  try {
    return await fetch(url, { signal: AbortSignal.timeout(10_000) });
  } catch {
    return null;
  }
};

/** The sign-in page answers: its HTML, and the script it loads, both 200. */
async function signInPageAnswers(url: string): Promise<boolean> {
  const page = await get(`${url}/login`);
  if (page?.status !== 200) return false;
  const html = await page.text();
  const script = /<script[^>]+src="([^"]+)"/.exec(html)?.[1];
  return script !== undefined && (await get(`${url}${script}`))?.status === 200;
}

async function round(n: number): Promise<Round> {
  const dir = freshCopy();
  const url = `http://127.0.0.1:${PORT}`;
  const started = performance.now();
  const seconds = () => (performance.now() - started) / 1000;
  // npm start's command (`node bin/steward.mjs serve --build-if-needed`), without npm's own start-up.
  const child: ChildProcess = spawn(process.execPath, ["bin/steward.mjs", "serve", "--build-if-needed"], {
    cwd: dir,
    env: {
      ...process.env,
      PORT: String(PORT),
      LOG_LEVEL: "warn",
      STEWARD_DATA_DIR: path.join(dir, ".steward"),
    },
    stdio: ["ignore", "pipe", "inherit"],
  });
  let output = "";
  child.stdout?.on("data", (d) => {
    // Each line with the second it came at: where the time went (bundle, web build, database).
    output += String(d).replace(/^(?=.)/gm, () => `[${seconds().toFixed(1)} s] `);
  });
  try {
    let signInS: number | null = null;
    let demoS: number | null = null;
    const latencies: number[] = [];
    while (demoS === null) {
      if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}:\n${output}`);
      if (seconds() > TIMEOUT_S) throw new Error(`not ready after ${TIMEOUT_S} s:\n${output}`);
      if (signInS === null && (await signInPageAnswers(url))) signInS = seconds();
      const asked = performance.now();
      const res = await get(`${url}/api/v1/setup/status`);
      if (res?.status === 200) {
        const { demo } = (await res.json()) as { demo: { state: string; message?: string } };
        if (demo.state === "loading") latencies.push(performance.now() - asked);
        if (demo.state === "failed") throw new Error(`the demo failed to load: ${demo.message}\n${output}`);
        if (demo.state === "none") throw new Error(`the server is not loading the demo:\n${output}`);
        if (demo.state === "ready" && signInS !== null) demoS = seconds();
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    latencies.sort((a, b) => a - b);
    const r: Round = {
      signInS: signInS ?? Number.NaN,
      demoS,
      statusMedianMs: Math.round(latencies[latencies.length >> 1] ?? 0),
      statusMaxMs: Math.round(latencies.at(-1) ?? 0),
    };
    console.log(output.trim());
    console.log(JSON.stringify({ bench: "start", round: n, ...r, load: os.loadavg()[0] }));
    return r;
  } finally {
    if (child.exitCode === null) {
      await new Promise<void>((resolve) => {
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      });
    }
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1] ?? Number.NaN;
};

try {
  const rounds: Round[] = [];
  for (let i = 1; i <= ROUNDS; i++) rounds.push(await round(i));
  const fig = (v: number) => Math.round(v * 10) / 10;
  const checks: Check[] = [
    {
      db: "pglite",
      what: "seconds to the sign-in page (median)",
      value: fig(median(rounds.map((r) => r.signInS))),
      unit: "s",
      op: "<",
      target: TARGET_SIGN_IN_S,
    },
    {
      db: "pglite",
      what: "seconds to a complete demo (median)",
      value: fig(median(rounds.map((r) => r.demoS))),
      unit: "s",
      op: "<",
      target: TARGET_DEMO_S,
    },
    {
      db: "pglite",
      what: "setup status while loading, median ms (median of rounds)",
      value: median(rounds.map((r) => r.statusMedianMs)),
      unit: "ms",
      op: "report",
      target: null,
    },
    {
      db: "pglite",
      what: "setup status while loading, max ms (median of rounds)",
      value: median(rounds.map((r) => r.statusMaxMs)),
      unit: "ms",
      op: "report",
      target: null,
    },
  ];
  printChecks("start", checks);
  console.log(`machine load (1 min): ${os.loadavg()[0]?.toFixed(1)} on ${os.cpus().length} cores`);
  if (checks.some((c) => met(c) === false)) process.exitCode = 2;
} catch (e) {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
}
