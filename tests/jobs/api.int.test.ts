import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Caller, createTestApp, type TestApp } from "../helpers/test-app.ts";

/** The server's job routes work without any runner: before pg-boss created its tables, there is nothing. */
let t: TestApp;
let admin: Caller;

beforeAll(async () => {
  t = await createTestApp();
  const ws = await t.workspace("nojobs");
  admin = await t.signIn(ws.users.admin.email);
}, 60_000);

afterAll(async () => {
  await t?.close();
});

describe("jobs API before any runner ran", () => {
  it("lists no jobs", async () => {
    for (const state of ["failed", "all"]) {
      const res = await t.request(admin, "GET", `/api/v1/jobs?state=${state}`);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toEqual({ data: [], nextCursor: null });
    }
  });

  it("finds no job to retry or discard", async () => {
    for (const action of ["retry", "discard"]) {
      const res = await t.request(
        admin,
        "POST",
        `/api/v1/jobs/0190a7a0-0000-7000-8000-000000000000/${action}`,
      );
      expect(res.statusCode).toBe(404);
    }
  });

  it("lists the kinds of job with nothing counted, and schedules that never ran", async () => {
    const queues = await t.request(admin, "GET", "/api/v1/jobs/queues");
    expect(queues.statusCode, queues.body).toBe(200);
    const counts = queues.json<{ data: { waiting: number; active: number; failed: number }[] }>().data;
    expect(counts.length).toBeGreaterThan(0);
    expect(counts.every((q) => q.waiting + q.active + q.failed === 0)).toBe(true);
    const schedules = await t.request(admin, "GET", "/api/v1/jobs/schedules");
    expect(schedules.statusCode, schedules.body).toBe(200);
    const runs = schedules.json<{ data: { lastRun: unknown; nextRunAt: string }[] }>().data;
    expect(runs.every((s) => s.lastRun === null && Date.parse(s.nextRunAt) > Date.now())).toBe(true);
  });

  it("refuses an unknown state", async () => {
    const res = await t.request(admin, "GET", "/api/v1/jobs?state=dead");
    expect(res.statusCode).toBe(400);
  });
});
