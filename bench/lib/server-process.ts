import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";

const repoRoot = path.resolve(import.meta.dirname, "../..");
const bin = path.join(repoRoot, "bin/steward.mjs");

export type BenchDb = { kind: "pglite" | "postgres"; env: Record<string, string>; cleanup(): Promise<void> };

/** A fresh embedded data dir, or a fresh database on the PostgreSQL server at `pgUrl`. */
export async function freshDatabase(kind: "pglite" | "postgres", pgUrl: string): Promise<BenchDb> {
  if (kind === "pglite") {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "steward-bench-"));
    return {
      kind,
      env: { STEWARD_DATA_DIR: dir },
      cleanup: async () => fs.rmSync(dir, { recursive: true, force: true }),
    };
  }
  const name = `steward_bench_${Date.now()}`;
  const admin = new pg.Client({ connectionString: pgUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(pgUrl);
  url.pathname = `/${name}`;
  return {
    kind,
    env: { DATABASE_URL: url.toString() },
    cleanup: async () => {
      const c = new pg.Client({ connectionString: pgUrl });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

/** Runs a CLI command to completion and returns its stdout. */
export function steward(args: string[], env: Record<string, string>): string {
  return execFileSync(process.execPath, [bin, ...args], {
    cwd: repoRoot,
    env: { ...process.env, LOG_LEVEL: "warn", ...env },
    encoding: "utf8",
  });
}

export type ServerHandle = {
  url: string;
  pid: number;
  peakRssMb(): number;
  /** The resident set size now (VmRSS). */
  rssMb(): number;
  /** CPU time (user + system) the process has used since it started, in seconds. */
  cpuSeconds(): number;
  stop(): Promise<void>;
};

/** USER_HZ: 100 on Linux on every architecture Node runs on. */
const CLOCK_TICKS = 100;

const statusKb = (pid: number, field: string): number => {
  const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  return Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
};

/**
 * Starts `steward serve` and waits until /readyz answers. `nodeArgs` go to the server's Node
 * (e.g. `--cpu-prof`).
 */
export async function startServer(
  env: Record<string, string>,
  port: number,
  nodeArgs: string[] = [],
): Promise<ServerHandle> {
  const child: ChildProcess = spawn(process.execPath, [...nodeArgs, bin, "serve", "--no-demo"], {
    cwd: repoRoot,
    env: { ...process.env, LOG_LEVEL: "warn", PORT: String(port), ...env },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${url}/readyz`)).ok) break;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  const pid = child.pid ?? 0;
  return {
    url,
    pid,
    // VmHWM is the process's peak resident set size since it started.
    peakRssMb: () => Math.round(statusKb(pid, "VmHWM") / 1024),
    rssMb: () => Math.round(statusKb(pid, "VmRSS") / 1024),
    cpuSeconds: () => {
      // Fields 14 and 15 of /proc/<pid>/stat, after the command name in parentheses; in clock ticks.
      const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
    },
    stop: () =>
      new Promise((resolve) => {
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}
