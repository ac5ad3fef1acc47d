import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { type Database, queryRows } from "../../src/db/index.ts";
import { listAllJobs } from "../../src/domain/jobs/index.ts";
import { revenueRefresh } from "../../src/jobs/definitions/revenue-refresh.job.ts";
import { defineJob, type JobRunner, jobDefinitions, startJobRunner } from "../../src/jobs/index.ts";
import { createTestDb } from "../helpers/test-db.ts";
import { waitFor } from "./wait.ts";

let database: Database;
let runner: JobRunner | null = null;
const fired: number[] = [];

// Every minute: the latest firing time is always under a minute old, so pg-boss sends it as soon
// as its cron check runs (every second here instead of every 30).
const everyMinute = defineJob({
  name: "test.every-minute",
  description: "Test job test.every-minute.",
  schedule: "* * * * *",
  payload: z.strictObject({}),
  retry: { limit: 0, delaySeconds: 0, backoff: false },
  handler: async () => {
    fired.push(Date.now());
  },
});

beforeAll(async () => {
  database = await createTestDb();
  runner = await startJobRunner(database, [...jobDefinitions, everyMinute], {
    pollingIntervalSeconds: 0.5,
    cronMonitorIntervalSeconds: 1,
    cronWorkerIntervalSeconds: 1,
  });
}, 60_000);

afterAll(async () => {
  await runner?.stop();
  await database?.close();
});

const completed = async (name: string) =>
  (await listAllJobs(database.db, { state: "completed", limit: 200 })).data.filter((j) => j.name === name);

describe("schedules", () => {
  it("registers each definition's cron schedule in UTC", async () => {
    const rows = await queryRows<{ name: string; cron: string; timezone: string }>(
      database.db,
      sql`select name, cron, timezone from pgboss.schedule order by name`,
    );
    expect(rows).toEqual(
      expect.arrayContaining([
        { name: "revenue.refresh", cron: "0 */3 * * *", timezone: "UTC" },
        { name: "test.every-minute", cron: "* * * * *", timezone: "UTC" },
      ]),
    );
    const scheduled = [...jobDefinitions, everyMinute].filter((d) => d.schedule).map((d) => d.name);
    expect(rows.map((r) => r.name).sort()).toEqual(scheduled.sort());
  });

  it("fires a due schedule as a job", async () => {
    await waitFor(
      "the every-minute schedule to fire",
      async () => (await completed("test.every-minute")).length > 0,
    );
    expect(fired.length).toBeGreaterThanOrEqual(1);
  });

  it("runs revenue.refresh", async () => {
    const id = await runner?.send(revenueRefresh, {});
    await waitFor("revenue.refresh to complete", async () =>
      (await completed("revenue.refresh")).some((j) => j.id === id),
    );
  });
});
