import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { sql } from "drizzle-orm";
import pg from "pg";
import PgBoss from "pg-boss";
import { afterAll, describe, expect, it } from "vitest";
import { addDays, utcToday } from "../../src/common/dates.ts";
import { connect, type Database, migrate, queryRows } from "../../src/db/index.ts";
import { createTask } from "../../src/domain/tasks/index.ts";
import { makeAccount, makeWorkspace } from "../factories/index.ts";
import { createPgDatabase } from "../helpers/test-db.ts";
import { leaseHolders as holders } from "./leases.ts";
import { waitFor } from "./wait.ts";

/**
 * Several `steward worker` processes on one PostgreSQL database: a worker is killed (SIGKILL) in
 * the middle of a job, the other takes the job over within 60 s, and the job's effect happens
 * once. The job is a real one, the hourly `tasks.escalate`: an overdue inbox item goes to the
 * admins with one email each. To catch it mid-run, this test holds the item's row lock, so the
 * handler's update waits (as it would behind a slow transaction) until the test lets go.
 *
 * Which worker runs the job is read from PostgreSQL: a running job's lease is an advisory lock
 * held by the worker's lease connection (`./leases.ts`).
 */
const root = path.resolve(import.meta.dirname, "../..");
const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c().catch(() => {});
});

type Worker = { pid: number; child: ChildProcess; output: () => string };

/** Starts `steward worker` on the database; resolves once it says it is running. */
async function startWorker(url: string): Promise<Worker> {
  const child = spawn(process.execPath, [path.join(root, "bin/steward.mjs"), "worker"], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: url, LOG_LEVEL: "warn" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  const keep = (d: Buffer) => {
    out = (out + d.toString()).slice(-8000);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  cleanups.push(async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  });
  await waitFor(
    "a worker to start",
    () => {
      if (child.exitCode !== null) throw new Error(`the worker exited while starting:\n${out}`);
      return out.includes("Steward worker is running");
    },
    90_000,
  );
  return { pid: child.pid as number, child, output: () => out };
}

/** The processes holding the job's lease. */
const leaseHolders = async (db: Database, jobId: string) => (await holders(db.db, jobId)).map((h) => h.pid);

type JobRow = { state: string; retry_count: number };
const jobRow = async (db: Database, id: string) =>
  (
    await queryRows<JobRow>(
      db.db,
      sql`select state::text, retry_count from pgboss.job where id = ${id}::uuid`,
    )
  )[0];

/** The hourly escalation fires at :05 UTC; a run of it during the test would hold a worker behind the same lock. */
async function keepClearOfTheHourlyRun(): Promise<void> {
  const now = new Date();
  const fire = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), now.getUTCHours(), 5);
  const untilFire = fire - now.getTime();
  if (untilFire > -60_000 && untilFire < 120_000) await sleep(untilFire + 60_000);
}

describe("workers on PostgreSQL", { timeout: 420_000 }, () => {
  it.runIf(process.env.DATABASE_URL)(
    "a worker killed mid-job: the other takes it over within 60 s and its effect happens once",
    async () => {
      await keepClearOfTheHourlyRun();
      const fresh = await createPgDatabase(process.env.DATABASE_URL ?? "");
      cleanups.push(fresh.drop);
      const database = await connect({ kind: "postgres", url: fresh.url, poolSize: 3 });
      cleanups.push(() => database.close());
      await migrate(database);

      // An item due yesterday, owned by the workspace's owner, who has no manager: it goes to the owner.
      const ws = await makeWorkspace(database.db, { slug: "kill" });
      const account = await makeAccount(ws.ctx);
      const task = await createTask(ws.ctx, {
        accountId: account.id,
        title: "Send the renewal quote",
        dueDate: addDays(utcToday(), -1),
      });

      // Both workers bundle the CLI when it is stale: build it once, not twice at once.
      await new Promise((resolve) =>
        spawn(process.execPath, [path.join(root, "bin/steward.mjs"), "--version"], { cwd: root }).on(
          "exit",
          resolve,
        ),
      );
      const workers = await Promise.all([startWorker(fresh.url), startWorker(fresh.url)]);

      const blocker = new pg.Client({ connectionString: fresh.url });
      await blocker.connect();
      cleanups.push(() => blocker.end());
      await blocker.query("begin");
      await blocker.query("select id from tasks where id = $1 for update", [task.id]);

      const boss = new PgBoss({
        connectionString: fresh.url,
        schema: "pgboss",
        supervise: false,
        schedule: false,
      });
      await boss.start();
      const jobId = (await boss.send("tasks.escalate", {})) as string;
      await boss.stop({ graceful: false });
      expect(jobId).toBeTruthy();

      // The job is running, its handler waiting on the row lock.
      const [first] = await waitFor("a worker to take the job", async () => {
        const holders = await leaseHolders(database, jobId);
        return holders.length === 1 ? holders : null;
      });
      await waitFor("the handler to wait on the lock", async () => {
        const rows = await queryRows(
          database.db,
          sql`select 1 from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`,
        );
        return rows.length > 0;
      });
      const victim = workers.find((w) => w.pid === first);
      const survivor = workers.find((w) => w.pid !== first);
      if (!victim || !survivor) throw new Error(`the lease holder ${first} is not one of the workers`);

      victim.child.kill("SIGKILL");
      const killedAt = Date.now();
      const holdersSeen: number[][] = [];
      const [second] = await waitFor(
        "the other worker to take the job over",
        async () => {
          const holders = await leaseHolders(database, jobId);
          holdersSeen.push(holders);
          // The dead worker's lease lasts until PostgreSQL notices its connection closed.
          return holders.some((pid) => pid !== victim.pid) ? holders : null;
        },
        60_000,
      );
      const resumedAfter = Date.now() - killedAt;
      expect(second).toBe(survivor.pid);
      expect(resumedAfter).toBeLessThan(60_000);
      // Never two holders at once: the dead worker's lease ended before the other's began.
      expect(holdersSeen.every((h) => h.length <= 1)).toBe(true);
      expect(await jobRow(database, jobId)).toEqual({ state: "active", retry_count: 1 });

      // Let the handlers through: the dead worker's statement, still queued in the database, and the survivor's.
      await blocker.query("rollback");
      const done = await waitFor("the job to complete", async () => {
        const row = await jobRow(database, jobId);
        expect(await leaseHolders(database, jobId).then((h) => h.length)).toBeLessThanOrEqual(1);
        return row?.state === "completed" ? row : null;
      });
      expect(done.retry_count).toBe(1);

      // Its effect, once: the item escalated once, one email to the owner, one event.
      const mails = await queryRows<{ to_address: string }>(
        database.db,
        sql`select to_address from mail_messages where workspace_id = ${ws.workspace.id} and purpose = 'task_escalation'`,
      );
      expect(mails.map((m) => m.to_address)).toEqual([ws.owner.email]);
      const events = await queryRows<{ n: number }>(
        database.db,
        sql`select count(*)::int as n from domain_events
            where workspace_id = ${ws.workspace.id} and type = 'task.changed' and data->'fields' ? 'escalated'`,
      );
      expect(events[0]?.n).toBe(1);
      const [escalated] = await queryRows<{ escalated_at: Date | null }>(
        database.db,
        sql`select escalated_at from tasks where id = ${task.id}::uuid`,
      );
      expect(escalated?.escalated_at).toBeTruthy();
      expect(survivor.output()).toContain("runs again now");
      console.log(`worker-kill: the job ran again ${(resumedAfter / 1000).toFixed(1)} s after the kill`);
    },
  );
});
