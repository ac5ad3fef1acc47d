import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import type { Job } from "../../src/contract/index.ts";
import { listAllJobs } from "../../src/domain/jobs/index.ts";
import { defineJob, type JobRunner, startJobRunner } from "../../src/jobs/index.ts";
import { createTestApp, type TestApp } from "../helpers/test-app.ts";
import { leaseHolders } from "./leases.ts";
import { gate, waitFor } from "./wait.ts";

/**
 * A worker takes several waiting jobs of one kind at once and runs them side by side: each under
 * its own lease, each with its own outcome. And it does not wait for its polling interval when
 * there is work: a send wakes it, and after a batch it looks again at once. PGlite here,
 * PostgreSQL under `npm run test:pg`.
 */
let t: TestApp;

const runs: Record<string, number> = {};
const ran = (key: string) => {
  runs[key] = (runs[key] ?? 0) + 1;
};

let inFlight = 0;
let peak = 0;
const batchGate = gate();
const ZPayload = z.strictObject({ key: z.string() });
const batched = defineJob({
  name: "test.batched",
  description: "Test job test.batched.",
  payload: ZPayload,
  retry: { limit: 1, delaySeconds: 1, backoff: false },
  handler: async (job, p) => {
    inFlight += 1;
    peak = Math.max(peak, inFlight);
    ran(p.key);
    await batchGate.passed;
    inFlight -= 1;
    if (p.key === "fails-once" && job.retryCount === 0) throw new Error("the first run of this one fails");
    // PostgreSQL's jsonb refuses \u0000: this run's outcome cannot be stored.
    if (p.key === "unstorable") return { text: "nul \u0000 here" };
    return { key: p.key };
  },
});

const quickRuns: number[] = [];
const quick = defineJob({
  name: "test.quick",
  description: "Test job test.quick.",
  payload: ZPayload,
  retry: { limit: 0, delaySeconds: 0, backoff: false },
  handler: async () => {
    quickRuns.push(Date.now());
  },
});

const allJobs = async () => (await listAllJobs(t.database.db, { state: "all", limit: 200 })).data as Job[];
const jobs = async (name: string) => (await allJobs()).filter((j) => j.name === name);
/** Queues jobs straight in pg-boss's table, in one statement: nothing wakes a worker. */
const queueQuietly = (name: string, keys: string[]) =>
  t.database.db.execute(
    sql`insert into pgboss.job (name, data, retry_limit, retry_delay)
        select ${name}, jsonb_build_object('key', k), 1, 1 from unnest(${sql.param(keys)}::text[]) as k`,
  );

beforeAll(async () => {
  t = await createTestApp();
}, 60_000);

afterAll(async () => {
  await t?.close();
});

describe("a batch of jobs", () => {
  let runner: JobRunner;
  beforeAll(async () => {
    runner = await startJobRunner(t.database, [batched], { pollingIntervalSeconds: 0.5, batchSize: 4 });
  }, 60_000);
  afterAll(async () => {
    batchGate.open();
    await runner?.stop();
  });

  it("runs side by side, each job under its own lease, and one's failure is its own", async () => {
    // Queued in one statement: the worker's next look takes all four at once.
    await queueQuietly("test.batched", ["fine-1", "fine-2", "fails-once", "unstorable"]);
    await waitFor("the four handlers to run at once", () => inFlight === 4);
    const ids = (await jobs("test.batched")).map((j) => j.id);
    expect(ids).toHaveLength(4);
    if (process.env.DATABASE_URL) {
      for (const id of ids) {
        expect((await leaseHolders(t.database.db, id)).map((h) => h.pid)).toEqual([process.pid]);
      }
    }
    batchGate.open();

    const settled = await waitFor("every job to settle", async () => {
      const all = await jobs("test.batched");
      const done = all.every((j) => j.state === "completed" || j.state === "failed");
      return done ? new Map(all.map((j) => [(j.payload as { key: string }).key, j])) : null;
    });
    expect(peak).toBe(4);
    // The neighbours completed on their first run, and ran once.
    for (const key of ["fine-1", "fine-2"]) {
      expect(settled.get(key)).toMatchObject({ state: "completed", retryCount: 0 });
      expect(runs[key]).toBe(1);
    }
    // The failing one alone was retried, and completed then.
    expect(settled.get("fails-once")).toMatchObject({ state: "completed", retryCount: 1 });
    expect(runs["fails-once"]).toBe(2);
    // The one whose outcome the database refused failed alone, its completion the reason.
    expect(settled.get("unstorable")).toMatchObject({ state: "failed", retryCount: 1 });
    expect(settled.get("unstorable")?.error).toMatch(/update pgboss\.job .*set state = 'completed'/);
    expect(runs.unstorable).toBe(2);
    if (process.env.DATABASE_URL) {
      for (const id of ids) expect(await leaseHolders(t.database.db, id)).toEqual([]);
    }
  });
});

describe("a worker with work", () => {
  let runner: JobRunner;
  beforeAll(async () => {
    // Polling every 30 s: only being woken explains jobs starting sooner.
    runner = await startJobRunner(t.database, [quick], { pollingIntervalSeconds: 30, batchSize: 2 });
  }, 60_000);
  afterAll(async () => {
    await runner?.stop();
  });

  it("is woken by a send, and looks again at once after each batch until none is left", async () => {
    await queueQuietly("test.quick", ["q1", "q2", "q3", "q4", "q5"]);
    const sent = Date.now();
    await runner.send(quick, { key: "q6" });
    // Three batches of two; without the wakes, the first would wait up to 30 s and each next 30 s.
    await waitFor("all six to run", () => quickRuns.length === 6);
    expect(Math.max(...quickRuns) - sent).toBeLessThan(15_000);
    await waitFor("all six completed", async () =>
      (await jobs("test.quick")).every((j) => j.state === "completed"),
    );
  });
});

// Two runners (two worker processes, as far as the jobs are concerned) only share jobs on PostgreSQL.
describe.runIf(process.env.DATABASE_URL)("a failed job while its batch still runs", () => {
  const runners: JobRunner[] = [];
  const slowGate = gate();
  const retryGate = gate();
  let retryStarted = false;
  const handoff = defineJob({
    name: "test.handoff",
    description: "Test job test.handoff.",
    payload: ZPayload,
    retry: { limit: 1, delaySeconds: 0, backoff: false },
    handler: async (job, p) => {
      ran(p.key);
      if (p.key === "slow") return slowGate.passed;
      if (job.retryCount === 0) throw new Error("the first run fails");
      retryStarted = true;
      await retryGate.passed;
      throw new Error("the retry fails too");
    },
  });
  beforeAll(async () => {
    for (let i = 0; i < 2; i++) {
      runners.push(
        await startJobRunner(t.database, [handoff], { pollingIntervalSeconds: 0.5, batchSize: 2 }),
      );
    }
  }, 60_000);
  afterAll(async () => {
    slowGate.open();
    retryGate.open();
    for (const r of runners) await r.stop();
  });

  it("is retried once the batch is done, and its retry's outcome is its own", async () => {
    await queueQuietly("test.handoff", ["slow", "fails"]);
    await waitFor("both to run", () => runs.slow === 1 && runs.fails === 1);
    // Its failure waits for the batch: the other runner, polling every half second, cannot take it.
    await new Promise((resolve) => setTimeout(resolve, 2000));
    expect(retryStarted).toBe(false);
    expect((await jobs("test.handoff")).map((j) => j.state)).toEqual(["active", "active"]);
    slowGate.open();
    await waitFor("the retry to start", () => retryStarted);
    retryGate.open();
    const settled = await waitFor("both to settle", async () => {
      const all = await jobs("test.handoff");
      const done = all.every((j) => j.state === "completed" || j.state === "failed");
      return done ? new Map(all.map((j) => [(j.payload as { key: string }).key, j])) : null;
    });
    expect(settled.get("slow")).toMatchObject({ state: "completed", retryCount: 0 });
    // Had it been handed back at once, pg-boss would have marked its running retry completed.
    expect(settled.get("fails")).toMatchObject({
      state: "failed",
      retryCount: 1,
      error: "the retry fails too",
    });
    expect(runs.fails).toBe(2);
  });
});
