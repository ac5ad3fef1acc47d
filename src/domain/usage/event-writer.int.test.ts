import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeWorkspace } from "../../../tests/factories/index.ts";
import { createTestDb } from "../../../tests/helpers/test-db.ts";
import { type Database, queryRows } from "../../db/index.ts";
import { createAccount } from "../accounts/index.ts";
import type { Ctx } from "../context.ts";
import { eventWriter } from "./event-writer.ts";
import {
  authenticateSource,
  createSource,
  flushRollups,
  ingestEvents,
  readRequest,
  type SourceAuth,
} from "./index.ts";

/** Concurrent requests are stored together (group commit): each still gets its own answer. */
let database: Database;
let ctx: Ctx;
let source: SourceAuth;

const batch = (prefix: string, n: number, extra: Record<string, unknown> = {}) => ({
  batch: Array.from({ length: n }, (_, i) => ({
    type: "track",
    userId: `user-${i % 3}`,
    event: "Merged",
    messageId: `${prefix}-${i}`,
    context: { groupId: "merge" },
    ...extra,
  })),
});

function send(body: unknown) {
  const at = new Date();
  return ingestEvents(database.db, source, readRequest("batch", body, 100, at), at);
}

beforeAll(async () => {
  database = await createTestDb();
  ctx = (await makeWorkspace(database.db, { slug: "writer", name: "Writer", withOwner: false })).system;
  await createAccount(ctx, { name: "Merge Co", externalId: "merge" });
  source = (await authenticateSource(
    database.db,
    (
      await createSource(ctx, { name: "S" })
    ).writeKey,
  )) as SourceAuth;
  // Link the users first, so the requests below take the merged path (no links to write).
  await send(batch("warm", 3, { type: "group", groupId: "merge", event: undefined }));
});
afterAll(() => {
  eventWriter.maxInFlight = 4;
  return database.close();
});

describe("group commit", () => {
  it("answers each of many concurrent requests with its own count, and overlapping ids are stored once", async () => {
    // One statement at a time: everything that arrives meanwhile is merged into the next.
    eventWriter.maxInFlight = 1;
    const before = { ...eventWriter };
    const bodies = ["a", "b", "c", "d", "e", "f"].map((p, i) => batch(p, 10 + i));
    // g repeats the first five events of a: stored by whichever comes first, once.
    bodies.push({ batch: batch("a", 5).batch });
    const results = await Promise.all(bodies.map(send));
    const own = results.slice(0, 6).map((r) => r.stored + r.duplicates);
    expect(own).toEqual([10, 11, 12, 13, 14, 15]);
    const storedA = (results[0]?.stored ?? 0) + (results[6]?.stored ?? 0);
    expect(storedA).toBe(10);
    expect(results.slice(1, 6).map((r) => r.stored)).toEqual([11, 12, 13, 14, 15]);
    expect(eventWriter.requests - before.requests).toBe(7);
    expect(eventWriter.statements - before.statements).toBeLessThan(7);
    await flushRollups(database.db);
    const [n] = await queryRows<{ n: number; r: number }>(
      database.db,
      sql`select (select count(*)::int from usage_events where event = 'Merged') as n,
                 (select sum(events)::int from usage_account_event_days where event = 'Merged') as r`,
    );
    expect(n).toEqual({ n: 75, r: 75 });
  });

  it("one request's unstorable text fails that request alone, even merged with others", async () => {
    eventWriter.maxInFlight = 1;
    // Reading a request refuses a NUL on its own; the writer must still isolate text that reaches it.
    const at = new Date();
    const bad = readRequest("batch", batch("bad", 2), 100, at);
    for (const e of bad.events) e.properties = { note: "nul \u0000 here" };
    const results = await Promise.allSettled([
      send(batch("ok1", 4)),
      ingestEvents(database.db, source, bad, at),
      send(batch("ok2", 5)),
    ]);
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
    const [n] = await queryRows<{ n: number }>(
      database.db,
      sql`select count(*)::int as n from usage_events where message_id like 'ok%' or message_id like 'bad%'`,
    );
    expect(n?.n).toBe(9);
  });
});
