import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Database, queryRows } from "../../src/db/index.ts";
import { createAccount } from "../../src/domain/accounts/index.ts";
import type { Ctx } from "../../src/domain/context.ts";
import {
  authenticateSource,
  createSource,
  ingestEvents,
  markRollupsDirty,
  readRequest,
  type SourceAuth,
} from "../../src/domain/usage/index.ts";
import { type JobRunner, jobDefinitions, startJobRunner } from "../../src/jobs/index.ts";
import { makeWorkspace } from "../factories/index.ts";
import { createTestDb } from "../helpers/test-db.ts";
import { waitFor } from "./wait.ts";

/** The usage jobs through the real runner: the partition job and the rollup catch-up do their work. */
let database: Database;
let runner: JobRunner;
let ctx: Ctx;

const rows = <T>(q: ReturnType<typeof sql>) => queryRows<T>(database.db, q);
const def = (name: string) => {
  const d = jobDefinitions.find((j) => j.name === name);
  if (!d) throw new Error(`no job ${name}`);
  return d;
};

beforeAll(async () => {
  database = await createTestDb();
  ctx = (await makeWorkspace(database.db, { slug: "jobs-usage", name: "Jobs usage", withOwner: false }))
    .system;
  runner = await startJobRunner(database, jobDefinitions, { pollingIntervalSeconds: 0.5 });
}, 60_000);
afterAll(async () => {
  await runner?.stop();
  await database?.close();
});

describe("usage jobs", () => {
  it("every usage job has a schedule", () => {
    for (const name of [
      "usage.partitions",
      "usage.rollups",
      "usage.retention",
      "usage.non-usage",
      "usage.statistics",
    ]) {
      expect(def(name).schedule, name).toMatch(/^[\d*/ ,-]+$/);
    }
  });

  it("usage.partitions creates this month's partition and moves waiting events into it", async () => {
    const source = (await authenticateSource(
      database.db,
      (
        await createSource(ctx, { name: "S" })
      ).writeKey,
    )) as SourceAuth;
    const at = new Date();
    await ingestEvents(database.db, source, readRequest("track", { userId: "u", event: "E" }, 10, at), at);
    expect((await rows<{ n: number }>(sql`select count(*)::int as n from usage_events_default`))[0]?.n).toBe(
      1,
    );
    await runner.send(def("usage.partitions"), {});
    await waitFor("the event to leave the default partition", async () => {
      const [r] = await rows<{ n: number }>(sql`select count(*)::int as n from usage_events_default`);
      return r?.n === 0;
    });
    const [total] = await rows<{ n: number }>(sql`select count(*)::int as n from usage_events`);
    expect(total?.n).toBe(1);
  });

  it("usage.statistics analyzes the lookup tables", async () => {
    await runner.send(def("usage.statistics"), {});
    await waitFor("usage_user_accounts to be analyzed", async () => {
      const [r] = await rows<{ n: number }>(
        sql`select count(*)::int as n from pg_stat_user_tables where relname = 'usage_user_accounts' and last_analyze is not null`,
      );
      return r?.n === 1;
    });
  });

  it("usage.rollups rebuilds days marked dirty", async () => {
    const account = await createAccount(ctx, { name: "Dirty Co" });
    const day = new Date().toISOString().slice(0, 10);
    await database.db.execute(sql`
      insert into usage_account_event_days (workspace_id, account_id, day, event, events, users)
      values (${ctx.workspaceId}, ${account.id}, ${day}, 'Stale', 5, 1)`);
    await markRollupsDirty(database.db, ctx.workspaceId, [{ accountId: account.id, day }]);
    await runner.send(def("usage.rollups"), {});
    await waitFor("the stale rollup to be rebuilt away", async () => {
      const [r] = await rows<{ n: number }>(
        sql`select (select count(*) from usage_account_event_days where account_id = ${account.id})
              + (select count(*) from usage_rollup_dirty where account_id = ${account.id}) as n`,
      );
      return Number(r?.n) === 0;
    });
  });
});
