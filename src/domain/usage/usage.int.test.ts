import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeWorkspace } from "../../../tests/factories/index.ts";
import { createTestDb } from "../../../tests/helpers/test-db.ts";
import { type Database, queryRows } from "../../db/index.ts";
import { createAccount } from "../accounts/index.ts";
import type { Ctx } from "../context.ts";
import {
  applyUsageRetention,
  authenticateSource,
  catchUpRollups,
  createSource,
  deleteSource,
  ensureUsagePartitions,
  findEvents,
  findParkedGroups,
  flushRollups,
  ingestEvents,
  markRollupsDirty,
  readRequest,
  resolveParkedGroup,
  rotateSourceKey,
  type SourceAuth,
  updateSource,
} from "./index.ts";

let database: Database;
let ctx: Ctx;
let source: SourceAuth;

const rows = <T>(q: ReturnType<typeof sql>) => queryRows<T>(database.db, q);

/** Stores a batch and lets the roller add it to the rollups at once (it otherwise runs moments later). */
async function ingest(batch: unknown[], receivedAt = new Date()) {
  const result = await ingestEvents(
    database.db,
    source,
    readRequest("batch", { batch }, 100, receivedAt),
    receivedAt,
  );
  await flushRollups(database.db);
  return result;
}

beforeAll(async () => {
  database = await createTestDb();
  ctx = (await makeWorkspace(database.db, { slug: "usage", name: "Usage", withOwner: false })).system;
  const created = await createSource(ctx, { name: "App" });
  source = (await authenticateSource(database.db, created.writeKey)) as SourceAuth;
});
afterAll(() => database.close());

describe("partitions and retention", () => {
  it("creates monthly partitions, moves waiting events out of the default one, and drops old months but keeps rollups", async () => {
    const acme = await createAccount(ctx, { name: "Old Co", externalId: "old" });
    // Events from 14 months ago land in the default partition: no month partition exists yet.
    const long = new Date(Date.UTC(2025, 8, 15));
    await ingest([
      {
        type: "track",
        userId: "o1",
        event: "Old",
        timestamp: long.toISOString(),
        context: { groupId: "old" },
      },
    ]);
    const [inDefault] = await rows<{ n: number }>(sql`select count(*)::int as n from usage_events_default`);
    expect(inDefault?.n).toBe(1);

    const now = new Date(Date.UTC(2026, 10, 24));
    const created = await ensureUsagePartitions(database.db, { now });
    // Last month to three months ahead, plus the month the waiting event belongs to.
    expect(created).toEqual([
      "usage_events_p202509",
      "usage_events_p202610",
      "usage_events_p202611",
      "usage_events_p202612",
      "usage_events_p202701",
      "usage_events_p202702",
    ]);
    expect(await ensureUsagePartitions(database.db, { now })).toEqual([]);
    const [moved] = await rows<{ n: number; d: number }>(
      sql`select (select count(*)::int from usage_events_p202509) as n, (select count(*)::int from usage_events_default) as d`,
    );
    expect(moved).toEqual({ n: 1, d: 0 });

    const dropped = await applyUsageRetention(database.db, { months: 12, now });
    expect(dropped).toEqual(["usage_events_p202509"]);
    const [left] = await rows<{ raw: number; rollup: number }>(sql`
      select (select count(*)::int from usage_events where account_id = ${acme.id}) as raw,
             (select coalesce(sum(events), 0)::int from usage_account_event_days where account_id = ${acme.id}) as rollup`);
    expect(left).toEqual({ raw: 0, rollup: 1 });
  });
});

describe("parked groups", () => {
  it("parks events for an unknown group, lists them, and on linking gives them to the account with rollups", async () => {
    const t0 = new Date(Date.now() - 1);
    await ingest([
      { type: "identify", userId: "p1", traits: { email: "pat@initech.test", name: "Pat Lee" } },
      { type: "group", userId: "p1", groupId: "initech", traits: { name: "Initech" } },
      { type: "track", userId: "p1", event: "Report Run", context: { groupId: "initech" } },
      { type: "track", userId: "p1", event: "Report Run", context: { groupId: "initech" } },
    ]);
    const parked = await findParkedGroups(ctx, { limit: 10 });
    expect(parked.data).toEqual([
      expect.objectContaining({ groupId: "initech", events: 3, users: 1, suggestedName: "Initech" }),
    ]);
    const account = await createAccount(ctx, { name: "Initech Corp" });
    const result = await resolveParkedGroup(ctx, "initech", { action: "link", accountId: account.id });
    expect(result).toEqual({ events: 3, accountId: account.id });
    expect((await findParkedGroups(ctx, { limit: 10 })).data).toEqual([]);
    const [rollup] = await rows<{ events: number; users: number }>(
      sql`select events, users from usage_account_event_days where account_id = ${account.id} and event = 'Report Run'`,
    );
    expect(rollup).toEqual({ events: 2, users: 1 });
    const [pat] = await rows<{ email: string }>(
      sql`select email from contacts where account_id = ${account.id}`,
    );
    expect(pat?.email).toBe("pat@initech.test");
    // Later events with the group id now find the account directly.
    await ingest([{ type: "track", userId: "p1", event: "Report Run", context: { groupId: "initech" } }]);
    const recent = await findEvents(ctx, {
      limit: 10,
      order: "received",
      receivedAfter: t0.toISOString(),
      account: account.id,
    });
    expect(recent.data.filter((e) => e.event === "Report Run")).toHaveLength(3);
    expect(recent.data[0]?.contactName).toBe("Pat Lee");
  });

  it("creates an account for a parked group, or discards its events", async () => {
    await ingest([{ type: "track", userId: "q1", event: "X", context: { groupId: "hooli" } }]);
    await ingest([{ type: "track", userId: "q2", event: "X", context: { groupId: "spam" } }]);
    const created = await resolveParkedGroup(ctx, "hooli", { action: "create", name: "Hooli" });
    const [acct] = await rows<{ name: string; external_id: string }>(
      sql`select name, external_id from accounts where id = ${created.accountId}`,
    );
    expect(acct).toEqual({ name: "Hooli", external_id: "hooli" });
    expect(await resolveParkedGroup(ctx, "spam", { action: "discard" })).toEqual({
      events: 1,
      accountId: null,
    });
    await expect(resolveParkedGroup(ctx, "spam", { action: "discard" })).rejects.toThrow("not found");
  });

  it("a source set to create accounts creates them from group calls", async () => {
    await updateSource(ctx, source.sourceId, { unknownAccounts: "create" });
    const creating = { ...source, unknownAccounts: "create" as const };
    const at = new Date();
    await ingestEvents(
      database.db,
      creating,
      readRequest("group", { userId: "z1", groupId: "umbrella", traits: { name: "Umbrella" } }, 10, at),
      at,
    );
    const [acct] = await rows<{ name: string }>(
      sql`select name from accounts where workspace_id = ${ctx.workspaceId} and external_id = 'umbrella'`,
    );
    expect(acct?.name).toBe("Umbrella");
  });
});

describe("rollup catch-up", () => {
  it("rebuilds marked days from raw events, idempotently", async () => {
    const account = await createAccount(ctx, { name: "Catch Co", externalId: "catch" });
    await ingest([{ type: "track", userId: "c1", event: "E", context: { groupId: "catch" } }]);
    // Break the rollup on purpose, mark the day, and let the catch-up repair it.
    await database.db.execute(
      sql`update usage_account_event_days set events = 99 where account_id = ${account.id}`,
    );
    const [day] = await rows<{ day: string }>(
      sql`select day::text from usage_account_event_days where account_id = ${account.id}`,
    );
    await markRollupsDirty(database.db, ctx.workspaceId, [
      { accountId: account.id, day: day?.day as string },
    ]);
    expect(await catchUpRollups(database.db)).toBe(1);
    expect(await catchUpRollups(database.db)).toBe(0);
    const [fixed] = await rows<{ events: number }>(
      sql`select events from usage_account_event_days where account_id = ${account.id}`,
    );
    expect(fixed?.events).toBe(1);
  });
});

describe("sources", () => {
  it("rotating the key stops the old one at once; disabling keeps the source known but inactive; deleting forgets it", async () => {
    const created = await createSource(ctx, { name: "Mobile", rateLimit: 10 });
    expect(await authenticateSource(database.db, created.writeKey)).toMatchObject({
      status: "active",
      rateLimit: 10,
    });
    const rotated = await rotateSourceKey(ctx, created.id);
    expect(rotated.writeKey).not.toBe(created.writeKey);
    expect(await authenticateSource(database.db, created.writeKey)).toBeNull();
    await updateSource(ctx, created.id, { status: "disabled" });
    expect(await authenticateSource(database.db, rotated.writeKey)).toMatchObject({ status: "disabled" });
    await deleteSource(ctx, created.id);
    expect(await authenticateSource(database.db, rotated.writeKey)).toBeNull();
  });
});
