import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "../../src/db/index.ts";
import { createAccount } from "../../src/domain/accounts/index.ts";
import { createContact } from "../../src/domain/contacts/index.ts";
import { createSource, flushRollups } from "../../src/domain/usage/index.ts";
import { createTestApp, type TestApp, type TestWorkspace } from "../helpers/test-app.ts";

let t: TestApp;
let ws: TestWorkspace;
let writeKey: string;
let acme: string;

const basic = (key: string) => `Basic ${Buffer.from(`${key}:`).toString("base64")}`;

async function send(
  path: string,
  body: unknown,
  key: string | null = writeKey,
  headers: Record<string, string> = {},
) {
  return t.app.inject({
    method: "POST",
    url: path,
    headers: {
      "content-type": "application/json",
      ...(key ? { authorization: basic(key) } : {}),
      ...headers,
    },
    payload: typeof body === "string" ? body : JSON.stringify(body),
  });
}

const rows = <T>(q: ReturnType<typeof sql>) => queryRows<T>(t.database.db, q);

beforeAll(async () => {
  t = await createTestApp();
  ws = await t.workspace("ingest");
  acme = (await createAccount(ws.ctx, { name: "Acme", externalId: "acme" })).id;
  await createContact(ws.ctx, { accountId: acme, email: "dana@acme.test", firstName: "Dana" });
  writeKey = (await createSource(ws.ctx, { name: "Web app" })).writeKey;
});
afterAll(() => t.close());

describe("Segment tracking API", () => {
  it("identify, group and track in one batch: stored once, attributed to the account and contact", async () => {
    const batch = {
      batch: [
        {
          type: "identify",
          userId: "u-dana",
          messageId: "m1",
          traits: { email: "Dana@acme.test", title: "Ops lead" },
        },
        { type: "group", userId: "u-dana", groupId: "acme", messageId: "m2", traits: { name: "Acme Inc" } },
        {
          type: "track",
          userId: "u-dana",
          event: "Report Exported",
          messageId: "m3",
          properties: { format: "csv" },
        },
        { type: "page", userId: "u-dana", name: "Dashboard", messageId: "m4" },
      ],
      context: { library: { name: "test" } },
    };
    const res = await send("/v1/batch", batch);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ success: true, stored: 4, duplicates: 0 });

    const again = await send("/v1/batch", batch);
    expect(again.json()).toMatchObject({ success: true, stored: 0, duplicates: 4 });

    const events = await rows<{
      message_id: string;
      account_id: string | null;
      contact_id: string | null;
      context: { library?: unknown };
    }>(
      sql`select message_id, account_id, contact_id, context from usage_events where workspace_id = ${ws.id} order by message_id`,
    );
    expect(events).toHaveLength(4);
    const dana = await rows<{ id: string; title: string | null }>(
      sql`select id, title from contacts where workspace_id = ${ws.id} and email = 'dana@acme.test'`,
    );
    expect(dana).toHaveLength(1);
    expect(dana[0]?.title).toBe("Ops lead");
    const track = events.find((e) => e.message_id === "m3");
    expect(track?.account_id).toBe(acme);
    expect(track?.contact_id).toBe(dana[0]?.id);
    expect(track?.context.library).toEqual({ name: "test" });

    await flushRollups(t.database.db);
    const rollup = await rows<{ event: string; events: number; users: number }>(
      sql`select event, events, users from usage_account_event_days where workspace_id = ${ws.id} order by event`,
    );
    expect(rollup).toEqual([
      { event: "Page: Dashboard", events: 1, users: 1 },
      { event: "Report Exported", events: 1, users: 1 },
    ]);
  });

  it("later tracks from the linked user count for the account without a groupId; users counted once per day", async () => {
    const res = await send("/v1/batch", {
      batch: [
        { type: "track", userId: "u-dana", event: "Report Exported", messageId: "m5" },
        { type: "track", userId: "u-dana", event: "Report Exported", messageId: "m6" },
      ],
    });
    expect(res.json()).toMatchObject({ stored: 2 });
    await flushRollups(t.database.db);
    const [r] = await rows<{ events: number; users: number }>(
      sql`select events, users from usage_account_event_days where workspace_id = ${ws.id} and event = 'Report Exported'`,
    );
    expect(r).toEqual({ events: 3, users: 1 });
  });

  it("writeKey in the body authenticates (2.x clients); an unknown key is a 401", async () => {
    const ok = await send("/v1/track", { writeKey, userId: "u-dana", event: "Signed In" }, null);
    expect(ok.statusCode, ok.body).toBe(200);
    const bad = await send("/v1/track", { userId: "u-dana", event: "Signed In" }, "nope");
    expect(bad.statusCode).toBe(401);
    const none = await send("/v1/track", { userId: "u-dana", event: "Signed In" }, null);
    expect(none.statusCode).toBe(401);
  });

  it("bad JSON and malformed requests are 400 with a code; invalid items are reported and the rest stored", async () => {
    const badJson = await send("/v1/batch", "{nope");
    expect(badJson.statusCode).toBe(400);
    expect(badJson.json().error.code).toBe("BAD_REQUEST");
    const notArray = await send("/v1/batch", { batch: {} });
    expect(notArray.statusCode).toBe(400);
    expect(notArray.json().error.code).toBe("VALIDATION_FAILED");
    const mixed = await send("/v1/batch", {
      batch: [
        { type: "track", userId: "u-dana", event: "Ok", messageId: "m-ok" },
        { type: "track", event: "No user", messageId: "m-nouser" },
        { type: "track", userId: "u-dana", messageId: "m-noevent" },
        { type: "wat", userId: "u-dana", messageId: "m-type" },
      ],
    });
    expect(mixed.statusCode).toBe(200);
    expect(mixed.json().stored).toBe(1);
    expect(mixed.json().rejected.map((r: { code: string }) => r.code)).toEqual([
      "missing_user",
      "missing_event",
      "invalid_type",
    ]);
    const single = await send("/v1/track", { userId: "u-dana" });
    expect(single.statusCode).toBe(400);
    const kept = await rows<{ code: string }>(
      sql`select code from usage_rejections where workspace_id = ${ws.id} order by code`,
    );
    expect(kept.map((k) => k.code)).toContain("missing_user");
  });

  it("group with only a groupId is accepted", async () => {
    const res = await send("/v1/group", { groupId: "acme", traits: { plan: "pro" } });
    expect(res.statusCode, res.body).toBe(200);
  });

  it("a write key only ever writes into its own workspace: another workspace's group ids are unknown to it", async () => {
    const other = await t.workspace("ingest-other");
    const theirs = (await createAccount(other.ctx, { name: "Their Acme", externalId: "theirs" })).id;
    const res = await send("/v1/track", { userId: "u-x", event: "Probe", context: { groupId: "theirs" } });
    expect(res.statusCode).toBe(200);
    const stored = await rows<{ workspace_id: string; account_id: string | null; parked: boolean }>(
      sql`select workspace_id, account_id, parked from usage_events where event = 'Probe'`,
    );
    expect(stored).toEqual([{ workspace_id: ws.id, account_id: null, parked: true }]);
    await flushRollups(t.database.db);
    const leaked = await rows<{ n: number }>(
      sql`select count(*)::int as n from usage_account_event_days where account_id = ${theirs}`,
    );
    expect(leaked[0]?.n).toBe(0);
  });
});
