import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAccount } from "../../src/domain/accounts/index.ts";
import { createSource, flushRollups } from "../../src/domain/usage/index.ts";
import { createTestApp, type TestApp, type TestWorkspace } from "../helpers/test-app.ts";
import { listen, post, rows, storedCounts } from "./helpers.ts";

/**
 * Requests replayed as Segment's libraries really send them, over a real socket: retries of the
 * same batch, batch-level context, the many shapes of timestamps, and group calls without a user.
 */

let t: TestApp;
let base: string;
let ws: TestWorkspace;
let writeKey: string;
let acme: string;
const db = () => t.database.db;

beforeAll(async () => {
  t = await createTestApp();
  base = await listen(t.app);
  ws = await t.workspace("replay");
  acme = (await createAccount(ws.ctx, { name: "Acme", externalId: "acme" })).id;
  writeKey = (await createSource(ws.ctx, { name: "Backend" })).writeKey;
  // u-1 belongs to Acme from here on.
  const linked = await post(base, "/v1/group", { userId: "u-1", groupId: "acme" }, { key: writeKey });
  expect(linked.status, linked.text).toBe(200);
});
afterAll(() => t?.close());

const send = (body: unknown, headers: Record<string, string> = {}) =>
  post(base, "/v1/batch", body, { key: writeKey, headers });

type Stored = {
  message_id: string;
  ts: Date;
  received_at: Date;
  event: string | null;
  account_id: string | null;
  context: Record<string, unknown> | null;
};
async function stored(messageId: string): Promise<Stored> {
  const found = await rows<Stored>(
    db(),
    sql`select message_id, ts, received_at, event, account_id, context from usage_events
        where workspace_id = ${ws.id} and message_id = ${messageId}`,
  );
  expect(found, messageId).toHaveLength(1);
  return {
    ...(found[0] as Stored),
    ts: new Date(found[0]?.ts as Date),
    received_at: new Date(found[0]?.received_at as Date),
  };
}

const eventTotal = async (event: string) => {
  await flushRollups(db());
  return (
    await rows<{ n: number }>(
      db(),
      sql`select coalesce(sum(events), 0)::int as n from usage_account_event_days
          where workspace_id = ${ws.id} and account_id = ${acme} and event = ${event}`,
    )
  )[0]?.n;
};

describe("replayed and repeated messages", () => {
  it("a messageId repeated inside a batch is stored once (the first one)", async () => {
    const res = await send({
      batch: [
        { type: "track", userId: "u-1", event: "Dup Within", messageId: "in-1" },
        { type: "track", userId: "u-1", event: "Dup Within (again)", messageId: "in-1" },
        { type: "track", userId: "u-1", event: "Dup Within", messageId: "in-2" },
      ],
    });
    expect(res.status, res.text).toBe(200);
    expect(res.json).toMatchObject({ stored: 2, duplicates: 1 });
    expect((await stored("in-1")).event).toBe("Dup Within");
    expect(await eventTotal("Dup Within")).toBe(2);
    expect(await eventTotal("Dup Within (again)")).toBe(0);
  });

  it("a retried batch (X-Retry-Count, new sentAt) stores nothing again; an overlapping one only what is new", async () => {
    const batch = (sentAt: string) => ({
      batch: ["r-1", "r-2", "r-3"].map((messageId) => ({
        type: "track",
        userId: "u-1",
        event: "Retried",
        messageId,
        timestamp: "2024-06-01T12:00:00.000Z",
      })),
      sentAt,
    });
    const first = await send(batch("2024-06-01T12:00:01.000Z"));
    expect(first.json).toMatchObject({ stored: 3, duplicates: 0 });
    for (const n of [1, 2]) {
      const retry = await send(batch(`2024-06-01T12:00:0${n + 1}.000Z`), { "x-retry-count": String(n) });
      expect(retry.status).toBe(200);
      expect(retry.json).toMatchObject({ stored: 0, duplicates: 3 });
    }
    const overlap = await send({
      batch: ["r-3", "r-4"].map((messageId) => ({
        type: "track",
        userId: "u-1",
        event: "Retried",
        messageId,
      })),
    });
    expect(overlap.json).toMatchObject({ stored: 1, duplicates: 1 });
    const counts = await storedCounts(db(), ["r-1", "r-2", "r-3", "r-4"], ws.id);
    expect([...counts.values()]).toEqual([1, 1, 1, 1]);
    expect(await eventTotal("Retried")).toBe(4);
  });

  it("the same batch sent twice at once (a client timing out and retrying) is stored once", async () => {
    const body = {
      batch: Array.from({ length: 50 }, (_, i) => ({
        type: "track",
        userId: "u-1",
        event: "Raced",
        messageId: `race-${i}`,
      })),
    };
    const answers = await Promise.all([send(body), send(body), send(body)]);
    for (const a of answers) expect(a.status, a.text).toBe(200);
    const storedTotal = answers.reduce((n, a) => n + Number(a.json?.stored), 0);
    expect(storedTotal).toBe(50);
    const counts = await storedCounts(
      db(),
      body.batch.map((e) => e.messageId),
      ws.id,
    );
    expect(counts.size).toBe(50);
    for (const n of counts.values()) expect(n).toBe(1);
    expect(await eventTotal("Raced")).toBe(50);
  });
});

describe("batch-level fields", () => {
  it("the batch's context is merged into each item's, the item's keys winning; integrations are tolerated", async () => {
    const res = await send({
      batch: [
        {
          type: "track",
          userId: "u-2",
          event: "Ctx Merged",
          messageId: "ctx-1",
          context: { ip: "203.0.113.9", page: { path: "/reports" } },
          integrations: { All: false, Mixpanel: true },
        },
        { type: "track", userId: "u-2", event: "Ctx Merged", messageId: "ctx-2" },
      ],
      context: {
        ip: "198.51.100.1",
        library: { name: "analytics-python", version: "2.3.0" },
        groupId: "acme",
      },
      integrations: { "Google Analytics": false },
    });
    expect(res.status, res.text).toBe(200);
    expect(res.json).toMatchObject({ stored: 2, duplicates: 0 });
    const own = await stored("ctx-1");
    expect(own.context).toEqual({
      ip: "203.0.113.9",
      page: { path: "/reports" },
      library: { name: "analytics-python", version: "2.3.0" },
      groupId: "acme",
    });
    const inherited = await stored("ctx-2");
    expect(inherited.context).toMatchObject({ ip: "198.51.100.1", library: { name: "analytics-python" } });
    // The batch's groupId counts both for Acme.
    expect(own.account_id).toBe(acme);
    expect(inherited.account_id).toBe(acme);
  });

  it("group with only a groupId (no user) is stored for the account, alone and in a batch", async () => {
    const single = await post(
      base,
      "/v1/group",
      { groupId: "acme", traits: { plan: "pro" }, messageId: "grp-1" },
      {
        key: writeKey,
      },
    );
    expect(single.status, single.text).toBe(200);
    expect(single.json).toMatchObject({ stored: 1 });
    const inBatch = await send({ batch: [{ type: "group", groupId: "acme", messageId: "grp-2" }] });
    expect(inBatch.json).toMatchObject({ stored: 1 });
    const found = await rows<{
      message_id: string;
      type: string;
      group_id: string;
      account_id: string;
      user_id: null;
    }>(
      db(),
      sql`select message_id, type, group_id, account_id, user_id from usage_events
          where workspace_id = ${ws.id} and message_id in ('grp-1', 'grp-2') order by message_id`,
    );
    expect(found).toEqual([
      { message_id: "grp-1", type: "group", group_id: "acme", account_id: acme, user_id: null },
      { message_id: "grp-2", type: "group", group_id: "acme", account_id: acme, user_id: null },
    ]);
  });
});

describe("timestamps", () => {
  const cases: [string, unknown, string][] = [
    ["no milliseconds", "2024-03-05T10:20:30Z", "2024-03-05T10:20:30.000Z"],
    ["no seconds", "2024-03-05T10:20Z", "2024-03-05T10:20:00.000Z"],
    ["an offset", "2024-03-05T12:20:30+02:00", "2024-03-05T10:20:30.000Z"],
    ["epoch seconds", 1709634030, "2024-03-05T10:20:30.000Z"],
    ["epoch milliseconds", 1709634030123, "2024-03-05T10:20:30.123Z"],
    ["epoch seconds as text", "1709634030", "2024-03-05T10:20:30.000Z"],
    ["epoch milliseconds as text", "1709634030123", "2024-03-05T10:20:30.123Z"],
    ["missing zeros (Segment's own example)", "2015-2-02T00:30:08.276Z", "2015-02-02T00:30:08.276Z"],
    ["microseconds (cut to milliseconds)", "2024-03-05T10:20:30.123456Z", "2024-03-05T10:20:30.123Z"],
  ];

  it.each(cases)("%s: %s is read as %s", async (name, timestamp, expected) => {
    const messageId = `ts-${name.replaceAll(/\W+/g, "-")}`;
    const res = await send({
      batch: [{ type: "track", userId: "u-1", event: "Timed", messageId, timestamp }],
    });
    expect(res.status, res.text).toBe(200);
    expect(res.json).toMatchObject({ stored: 1 });
    const e = await stored(messageId);
    expect(e.ts.toISOString()).toBe(expected);
    expect(e.context?._steward).toBeUndefined();
  });

  it.each([
    ["words", "yesterday"],
    ["before 1970", "1969-12-31T23:59:59Z"],
    ["a day the month lacks", "2015-02-31T10:00:00Z"],
  ])(
    "an unreadable timestamp (%s) is stored with the time received, and context._steward says so",
    async (name, timestamp) => {
      const before = Date.now();
      const messageId = `ts-bad-${name.replaceAll(/\W+/g, "-")}`;
      const res = await send({
        batch: [{ type: "track", userId: "u-1", event: "Timed", messageId, timestamp }],
      });
      expect(res.status, res.text).toBe(200);
      const e = await stored(messageId);
      expect(e.ts.getTime()).toBe(e.received_at.getTime());
      expect(e.ts.getTime()).toBeGreaterThanOrEqual(before - 1000);
      expect(e.context?._steward).toEqual({
        given: timestamp,
        timestamp: expect.stringMatching(/unreadable/),
      });
    },
  );

  it("a device clock an hour ahead: timestamp = receivedAt − (sentAt − timestamp)", async () => {
    const deviceNow = Date.now() + 3_600_000;
    const iso = (ms: number) => new Date(ms).toISOString();
    const res = await send({
      batch: [
        // Batch sentAt: the event happened 10 s before the batch was sent.
        {
          type: "track",
          userId: "u-1",
          event: "Skewed",
          messageId: "skew-1",
          timestamp: iso(deviceNow - 10_000),
        },
        // An item's own sentAt wins over the batch's (and originalTimestamp is read like timestamp).
        {
          type: "track",
          userId: "u-1",
          event: "Skewed",
          messageId: "skew-2",
          originalTimestamp: iso(deviceNow - 90_000),
          sentAt: iso(deviceNow - 30_000),
        },
      ],
      sentAt: iso(deviceNow),
    });
    expect(res.status, res.text).toBe(200);
    const one = await stored("skew-1");
    expect(one.ts.getTime()).toBe(one.received_at.getTime() - 10_000);
    const two = await stored("skew-2");
    expect(two.ts.getTime()).toBe(two.received_at.getTime() - 60_000);
  });
});
