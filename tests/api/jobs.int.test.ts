import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Job, JobQueue, JobSchedule } from "../../src/contract/index.ts";
import { queryRows } from "../../src/db/index.ts";
import { listAllJobs } from "../../src/domain/jobs/index.ts";
import { type JobRunner, jobDefinitions, startJobRunner } from "../../src/jobs/index.ts";
import { type Caller, createTestApp, type TestApp, type TestWorkspace } from "../helpers/test-app.ts";
import { waitFor } from "../jobs/wait.ts";

/**
 * The jobs page's routes: queues with the workspace's jobs counted by state, the installation's
 * schedules with their last and next runs, and discarding a failed job. The runner here runs two
 * real jobs (unscheduled, so no cron fires during the test). A workspace's failed job is one an
 * older release could have left: `tasks.escalate` with a payload this release refuses.
 */
let t: TestApp;
let ws: TestWorkspace;
let other: TestWorkspace;
let runner: JobRunner;
const callers: Record<"admin" | "member" | "otherAdmin", Caller> = {} as never;

const real = (name: string) => {
  const d = jobDefinitions.find((j) => j.name === name);
  if (!d) throw new Error(`no job ${name}`);
  return { ...d, schedule: undefined };
};
const escalate = real("tasks.escalate");
const revenue = real("revenue.refresh");

const jobState = async (id: string) =>
  (await listAllJobs(t.database.db, { state: "all", limit: 200 })).data.find((j) => j.id === id)?.state;

/** A job of the workspace queued behind the runner's back, as an older release would have. */
async function queueForWorkspace(workspaceId: string, state?: "completed"): Promise<string> {
  const [row] = await queryRows<{ id: string }>(
    t.database.db,
    state
      ? sql`insert into pgboss.job (name, data, state, started_on, completed_on)
            values ('tasks.escalate', ${JSON.stringify({ workspaceId })}::jsonb, 'completed', now(), now()) returning id`
      : sql`insert into pgboss.job (name, data, retry_limit)
            values ('tasks.escalate', ${JSON.stringify({ workspaceId })}::jsonb, 3) returning id`,
  );
  return row?.id as string;
}

const get = async <T>(who: Caller, url: string) => {
  const res = await t.request(who, "GET", url);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{ data: T[] }>().data;
};
const queueOf = async (who: Caller, name: string) =>
  (await get<JobQueue>(who, "/api/v1/jobs/queues")).find((q) => q.name === name);

let failedId: string;

beforeAll(async () => {
  t = await createTestApp();
  ws = await t.workspace("jobs-admin");
  other = await t.workspace("jobs-other");
  callers.admin = await t.signIn(ws.users.admin.email);
  callers.member = await t.signIn(ws.users.member.email);
  callers.otherAdmin = await t.signIn(other.users.admin.email);
  runner = await startJobRunner(t.database, [escalate, revenue], { pollingIntervalSeconds: 0.5 });
  failedId = await queueForWorkspace(ws.id);
  await waitFor("the refused job to fail", async () => (await jobState(failedId)) === "failed");
  const revenueRun = (await runner.send(revenue, {})) as string;
  await waitFor("revenue.refresh to complete", async () => (await jobState(revenueRun)) === "completed");
}, 60_000);

afterAll(async () => {
  await runner?.stop();
  await t?.close();
});

describe("jobs page routes", () => {
  it("lists every kind of job, with this workspace's jobs counted by state", async () => {
    const queues = await get<JobQueue>(callers.admin, "/api/v1/jobs/queues");
    expect(queues.map((q) => q.name).sort()).toEqual(jobDefinitions.map((d) => d.name).sort());
    expect(queues.find((q) => q.name === "tasks.escalate")).toEqual({
      name: "tasks.escalate",
      description: expect.stringContaining("overdue inbox items"),
      schedule: "5 * * * *",
      waiting: 0,
      active: 0,
      failed: 1,
      completedLast24h: 0,
    });
    // Installation-wide runs are nobody's workspace's: the schedules show them.
    expect((await queueOf(callers.admin, "revenue.refresh"))?.completedLast24h).toBe(0);
    expect((await queueOf(callers.otherAdmin, "tasks.escalate"))?.failed).toBe(0);

    await queueForWorkspace(ws.id, "completed");
    expect((await queueOf(callers.admin, "tasks.escalate"))?.completedLast24h).toBe(1);
  });

  it("lists the schedules with what each does, when it last ran and when it runs next", async () => {
    const before = Date.now();
    const schedules = await get<JobSchedule>(callers.admin, "/api/v1/jobs/schedules");
    expect(schedules.map((s) => s.name).sort()).toEqual(
      jobDefinitions
        .filter((d) => d.schedule)
        .map((d) => d.name)
        .sort(),
    );
    const revenueRefresh = schedules.find((s) => s.name === "revenue.refresh");
    expect(revenueRefresh).toMatchObject({
      cron: "0 */3 * * *",
      timezone: "UTC",
      description: expect.stringContaining("MRR"),
      lastRun: { state: "completed", startedAt: expect.any(String), finishedAt: expect.any(String) },
    });
    const next = Date.parse(revenueRefresh?.nextRunAt ?? "");
    expect(next).toBeGreaterThan(before);
    expect(new Date(next).getUTCHours() % 3).toBe(0);
    // A workspace's own run of a scheduled job is not the schedule's.
    expect(schedules.find((s) => s.name === "tasks.escalate")?.lastRun).toBeNull();
    // Nothing of any payload or error leaves through the schedules.
    expect(JSON.stringify(schedules)).not.toMatch(/workspaceId|Invalid payload/);
  });

  it("discards a failed job: it leaves the failures, is never run again and keeps its reason", async () => {
    const theirs = await t.request(callers.otherAdmin, "POST", `/api/v1/jobs/${failedId}/discard`);
    expect(theirs.statusCode).toBe(404);
    expect(theirs.json<{ error: { code: string } }>().error.code).toBe("NOT_FOUND");
    const byMember = await t.request(callers.member, "POST", `/api/v1/jobs/${failedId}/discard`);
    expect(byMember.statusCode).toBe(403);

    const res = await t.request(callers.admin, "POST", `/api/v1/jobs/${failedId}/discard`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<Job>()).toMatchObject({
      id: failedId,
      state: "cancelled",
      error: expect.stringMatching(/Invalid payload for job tasks\.escalate/),
    });
    const failures = await get<Job>(callers.admin, "/api/v1/jobs?state=failed");
    expect(failures.map((j) => j.id)).not.toContain(failedId);
    expect((await queueOf(callers.admin, "tasks.escalate"))?.failed).toBe(0);

    // Neither a second discard nor a retry: it is gone for good.
    for (const action of ["discard", "retry"]) {
      const again = await t.request(callers.admin, "POST", `/api/v1/jobs/${failedId}/${action}`);
      expect(again.statusCode).toBe(409);
      expect(again.json<{ error: { code: string; message: string } }>().error).toMatchObject({
        code: "CONFLICT",
        message: expect.stringContaining("was discarded"),
      });
    }
    await new Promise((r) => setTimeout(r, 1200));
    expect(await jobState(failedId)).toBe("cancelled");
  });

  it("refuses to discard a job that is not failed, saying how it stands", async () => {
    const done = await queueForWorkspace(ws.id, "completed");
    const res = await t.request(callers.admin, "POST", `/api/v1/jobs/${done}/discard`);
    expect(res.statusCode).toBe(409);
    expect(res.json<{ error: { code: string; message: string; details: unknown } }>().error).toEqual({
      code: "CONFLICT",
      message: `Job ${done} has completed: only failed jobs can be discarded`,
      details: { state: "completed", archived: false },
    });
    const missing = await t.request(callers.admin, "POST", "/api/v1/jobs/not-a-job/discard");
    expect(missing.statusCode).toBe(400);
  });
});
