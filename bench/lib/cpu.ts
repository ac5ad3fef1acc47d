import fs from "node:fs";
import pg from "pg";

/**
 * Where the machine's CPU goes during a measurement: the whole machine (/proc/stat), and the
 * PostgreSQL backends serving one database (their /proc/<pid>/stat), in cores used.
 */

/** USER_HZ: 100 on Linux on every architecture Node runs on. */
const TICKS = 100;

function machineTicks(): { busy: number; total: number } {
  const cpu =
    fs.readFileSync("/proc/stat", "utf8").split("\n")[0]?.trim().split(/\s+/).slice(1).map(Number) ?? [];
  const total = cpu.reduce((a, b) => a + b, 0);
  // idle and iowait
  const idle = (cpu[3] ?? 0) + (cpu[4] ?? 0);
  return { busy: total - idle, total };
}

function processTicks(pid: number): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return 0; // the process ended
  }
}

export type CpuWindow = { stop(): Promise<{ machineBusy: number; cores: number; dbCores: number | null }> };

/**
 * Starts measuring. For PostgreSQL, the backends of `databaseUrl`'s database are found after
 * `settleMs` (when the server's pool is open) and followed until `stop`.
 */
export function cpuWindow(databaseUrl: string | undefined, settleMs = 1_000): CpuWindow {
  const m0 = machineTicks();
  const t0 = performance.now();
  let backends: Promise<{ pids: number[]; ticks: number; at: number }> | null = null;
  if (databaseUrl) {
    backends = new Promise((resolve) => setTimeout(resolve, settleMs)).then(async () => {
      const c = new pg.Client({ connectionString: databaseUrl });
      await c.connect();
      const rows = (
        await c.query<{ pid: number }>(
          "select pid from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()",
        )
      ).rows;
      await c.end();
      const pids = rows.map((r) => r.pid);
      return { pids, ticks: pids.reduce((s, p) => s + processTicks(p), 0), at: performance.now() };
    });
  }
  return {
    async stop() {
      const m1 = machineTicks();
      const cores = (m1.total - m0.total) / ((performance.now() - t0) / 1000) / TICKS;
      const machineBusy = (m1.busy - m0.busy) / Math.max(1, m1.total - m0.total);
      let dbCores: number | null = null;
      if (backends) {
        const b = await backends;
        const ticks = b.pids.reduce((s, p) => s + processTicks(p), 0) - b.ticks;
        dbCores = ticks / TICKS / ((performance.now() - b.at) / 1000);
      }
      return { machineBusy, cores: Math.round(cores), dbCores };
    },
  };
}
