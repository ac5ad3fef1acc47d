import { setTimeout as sleep } from "node:timers/promises";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import type { Job } from "../../src/contract/index.ts";
import { listAllJobs, listJobs } from "../../src/domain/jobs/index.ts";
import { defineJob, type JobRunner, startJobRunner } from "../../src/jobs/index.ts";
import { type Caller, createTestApp, type TestApp, type TestWorkspace } from "../helpers/test-app.ts";
import { leaseHolders } from "./leases.ts";
import { waitFor } from "./wait.ts";

/**
 * The runner on a real database (PGlite here, PostgreSQL under `npm run test:pg`) with test
 * definitions whose handlers count their runs. pg-boss polls every half second.
 */
let t: TestApp;
let ws: TestWorkspace;
let other: TestWorkspace;
let runner: JobRunner;
const callers: Record<"admin" | "otherAdmin", Caller> = {} as never;

const runs: Record<string, number[]> = {};
const ran = (key: string) => {
  runs[key] ??= [];
  runs[key].push(Date.now());
  return runs[key].length;
};
const runCount = (key: string) => runs[key]?.length ?? 0;

const ZTestPayload = z.strictObject({ key: z.string(), workspaceId: z.uuid().optional() });
const once = defineJob({
  name: "test.once",
  description: "Test job test.once.",
  payload: ZTestPayload,
  retry: { limit: 2, delaySeconds: 1, backoff: false },
  handler: async (_job, p) => ({ run: ran(p.key) }),
});
const flaky = defineJob({
  name: "test.flaky",
  description: "Test job test.flaky.",
  payload: ZTestPayload,
  retry: { limit: 3, delaySeconds: 1, backoff: true },
  handler: async (_job, p) => {
    if (ran(p.key) <= 2) throw new Error(`flaky failure ${runCount(p.key)}`);
    return { ok: true };
  },
});
let brokenHealed = false;
const broken = defineJob({
  name: "test.broken",
  description: "Test job test.broken.",
  payload: ZTestPayload,
  retry: { limit: 1, delaySeconds: 1, backoff: false },
  handler: async (_job, p) => {
    ran(p.key);
    if (!brokenHealed) throw new Error("the remote system is down");
    return { healed: true };
  },
});
let slowStarted = false;
let slowFinished = false;
const slow = defineJob({
  name: "test.slow",
  description: "Test job test.slow.",
  payload: ZTestPayload,
  retry: { limit: 0, delaySeconds: 0, backoff: false },
  handler: async () => {
    slowStarted = true;
    await sleep(1500);
    slowFinished = true;
  },
});

// Outlives its time limit on the first run: pg-boss gives up on it and hands the job out again.
let overrunning = 0;
let overrunPeak = 0;
const overrun = defineJob({
  name: "test.overrun",
  description: "Test job test.overrun.",
  payload: ZTestPayload,
  retry: { limit: 1, delaySeconds: 1, backoff: false },
  expireInSeconds: 2,
  handler: async (job, p) => {
    overrunning += 1;
    overrunPeak = Math.max(overrunPeak, overrunning);
    if (job.retryCount === 0) await sleep(4000);
    overrunning -= 1;
    return { run: ran(p.key), retryCount: job.retryCount };
  },
});

// Runs until the test lets it finish.
let finishHeld = () => {};
const held = defineJob({
  name: "test.held",
  description: "Test job test.held.",
  payload: ZTestPayload,
  retry: { limit: 1, delaySeconds: 1, backoff: false },
  handler: async (_job, p) => {
    ran(p.key);
    await new Promise<void>((resolve) => {
      finishHeld = resolve;
    });
  },
});

const allJobs = async () => (await listAllJobs(t.database.db, { state: "all", limit: 200 })).data as Job[];
const jobById = async (id: string) => (await allJobs()).find((j) => j.id === id);
const settledJob = (id: string, state: Job["state"]) =>
  waitFor(`job ${id} to be ${state}`, async () => {
    const job = await jobById(id);
    return job?.state === state ? job : undefined;
  });

beforeAll(async () => {
  t = await createTestApp();
  ws = await t.workspace("jobs");
  other = await t.workspace("other");
  callers.admin = await t.signIn(ws.users.admin.email);
  callers.otherAdmin = await t.signIn(other.users.admin.email);
  runner = await startJobRunner(t.database, [once, flaky, broken, slow, overrun, held], {
    pollingIntervalSeconds: 0.5,
  });
}, 60_000);

afterAll(async () => {
  await runner?.stop();
  await t?.close();
});

describe("job runner", () => {
  it("runs a job once", async () => {
    const id = await runner.send(once, { key: "once" });
    expect(id).toBeTruthy();
    const job = await settledJob(id as string, "completed");
    expect(job.retryCount).toBe(0);
    await sleep(1200); // more than two polling intervals: nothing runs it again
    expect(runCount("once")).toBe(1);
  });

  it("retries a failing handler with growing delays until it succeeds", async () => {
    const id = await runner.send(flaky, { key: "flaky" });
    const job = await settledJob(id as string, "completed");
    expect(job.retryCount).toBe(2);
    const [first, second, third] = runs.flaky as [number, number, number];
    // Backoff with a 1 s delay: the first retry waits 1–2 s, the second 2–4 s.
    expect(second - first).toBeGreaterThanOrEqual(950);
    expect(third - second).toBeGreaterThanOrEqual(1950);
  });

  it("keeps a job that exhausted its retries as failed, lists it, and retries it on request", async () => {
    const id = (await runner.send(broken, { key: "broken", workspaceId: ws.id })) as string;
    const failed = await settledJob(id, "failed");
    expect(runCount("broken")).toBe(2); // the first run and its one retry
    expect(failed).toMatchObject({ name: "test.broken", retryCount: 1, retryLimit: 1, archived: false });
    expect(failed.error).toBe("the remote system is down");

    // The domain listing: the workspace's own failed jobs, nobody else's.
    const mine = await listJobs(ws.ctx, { state: "failed", limit: 50 });
    expect(mine.data.map((j) => j.id)).toEqual([id]);
    expect((await listJobs(other.ctx, { state: "failed", limit: 50 })).data).toEqual([]);

    // The API route, for the workspace's admin and for another workspace's.
    const res = await t.request(callers.admin, "GET", "/api/v1/jobs?state=failed");
    expect(res.statusCode).toBe(200);
    const body = res.json<{ data: Job[]; nextCursor: string | null }>();
    expect(body.data.map((j) => j.id)).toEqual([id]);
    expect(body.data[0]).toMatchObject({ state: "failed", error: "the remote system is down" });
    expect(JSON.stringify(body)).not.toContain("stack");
    const theirs = await t.request(callers.otherAdmin, "GET", "/api/v1/jobs?state=all");
    expect(theirs.json<{ data: Job[] }>().data).toEqual([]);
    const reach = await t.request(callers.otherAdmin, "POST", `/api/v1/jobs/${id}/retry`);
    expect(reach.statusCode).toBe(404);

    // Retried through the API, it runs once more and completes.
    brokenHealed = true;
    const retried = await t.request(callers.admin, "POST", `/api/v1/jobs/${id}/retry`);
    expect(retried.statusCode, retried.body).toBe(200);
    const done = await settledJob(id, "completed");
    expect(runCount("broken")).toBe(3);
    expect(done.retryCount).toBe(2);
    const again = await t.request(callers.admin, "POST", `/api/v1/jobs/${id}/retry`);
    expect(again.statusCode).toBe(409);
  });

  it("refuses a bad payload, and never runs the handler on one", async () => {
    await expect(runner.send(once, { key: 7 } as never)).rejects.toMatchObject({ code: "VALIDATION_FAILED" });
    await expect(runner.send(once, { key: "x", extra: true } as never)).rejects.toMatchObject({
      code: "VALIDATION_FAILED",
    });
    expect(runCount("7")).toBe(0);

    // A job queued behind the runner's back (another release, a hand-made insert) fails for good.
    const [row] = (
      (await t.database.db.execute(
        sql`insert into pgboss.job (name, data, retry_limit) values ('test.once', '{"key": 42}', 3) returning id`,
      )) as unknown as { rows: { id: string }[] }
    ).rows;
    const job = await settledJob(row?.id as string, "failed");
    expect(job.retryCount).toBe(0);
    expect(job.error).toMatch(/Invalid payload for job test\.once/);
    expect(runCount("42")).toBe(0);
  });

  it("never runs a job twice at once: a run past its time limit finishes before the job runs again", async () => {
    const id = (await runner.send(overrun, { key: "overrun" })) as string;
    const done = await settledJob(id, "completed");
    expect(overrunPeak).toBe(1);
    expect(runCount("overrun")).toBe(2);
    // The second run's outcome stands; the first, written late, changed nothing.
    expect(done.retryCount).toBe(1);
    await sleep(500);
    expect((await jobById(id))?.state).toBe("completed");
  });

  // Only PostgreSQL has lease connections (the embedded database is one process).
  it.runIf(process.env.DATABASE_URL)("takes its leases back when their connection drops", async () => {
    const id = (await runner.send(held, { key: "held" })) as string;
    await waitFor("the handler to start", () => runCount("held") === 1);
    const [before] = await waitFor("the lease", async () => {
      const h = await leaseHolders(t.database.db, id);
      return h.length === 1 ? h : null;
    });
    await t.database.db.execute(sql`select pg_terminate_backend(${before?.backend})`);
    await waitFor("the lease taken back on a new connection", async () => {
      const h = await leaseHolders(t.database.db, id);
      return h.length === 1 && h[0]?.backend !== before?.backend;
    });
    finishHeld();
    const done = await settledJob(id, "completed");
    expect(done.retryCount).toBe(0);
    expect(runCount("held")).toBe(1);
  });

  it("stop() waits for a running handler", async () => {
    const id = (await runner.send(slow, { key: "slow" })) as string;
    await waitFor("the slow handler to start", () => slowStarted);
    expect(slowFinished).toBe(false);
    await runner.stop();
    expect(slowFinished).toBe(true);
    // Its completion was written before stop() returned.
    expect((await jobById(id))?.state).toBe("completed");
  });
});
