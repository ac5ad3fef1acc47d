import zlib from "node:zlib";
import { Analytics } from "@segment/analytics-node";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSource, updateSource } from "../../src/domain/usage/index.ts";
import type { TestApp, TestWorkspace } from "../helpers/test-app.ts";
import { capture, errorCode, ingestionFixture, post, rows, storedCounts, track } from "./helpers.ts";

/**
 * Sizes, keys, rates and transports: the oversized batch the 3.x client really builds, refused
 * keys and sources, the per-source rate limit, and the bodies browsers send.
 */

let t: TestApp;
let base: string;
let ws: TestWorkspace;
let writeKey: string;
const db = () => t.database.db;

beforeAll(async () => {
  ({ t, base, ws, writeKey } = await ingestionFixture("limits"));
});
afterAll(() => t?.close());

describe("the oversized batch the 3.x client sends", () => {
  it("over 500 KB in one request (its size guard counts the letter i, not bytes): 200 and every event stored", async () => {
    const client = new Analytics({ writeKey, host: base, path: "/v1/batch", flushAt: 100, maxRetries: 0 });
    const c = capture(client);
    // ~10 KB of properties without the letter "i": the client's calculateSize sees almost nothing.
    const notes = "0123456789abcdef".repeat(640);
    for (let n = 0; n < 99; n++) {
      client.track({
        userId: "u-1",
        event: "Report Saved",
        properties: { n, notes },
        context: { groupId: "initech" },
      });
    }
    // And one event over Segment's 32 KB, which its per-event guard lets through for the same reason.
    client.track({ userId: "u-1", event: "Report Saved", properties: { notes: notes.repeat(4) } });
    await client.closeAndFlush();

    expect(c.requests).toHaveLength(1);
    const [request] = c.requests;
    expect(request?.parsed.batch).toHaveLength(100);
    expect(Buffer.byteLength(request?.body ?? "")).toBeGreaterThan(500 * 1024);
    expect(c.statuses).toEqual([200]);
    expect(c.errors).toEqual([]);

    const sent = c.messageIds();
    const counts = await storedCounts(db(), sent, ws.id);
    expect(counts.size).toBe(100);
    for (const n of counts.values()) expect(n).toBe(1);

    const big = request?.parsed.batch[99]?.messageId as string;
    const [truncated] = await rows<{ properties: unknown; context: { _steward?: { truncated?: boolean } } }>(
      db(),
      sql`select properties, context from usage_events where workspace_id = ${ws.id} and message_id = ${big}`,
    );
    expect(truncated?.properties).toBeNull();
    expect(truncated?.context._steward?.truncated).toBe(true);
    const problems = await rows<{ code: string; message_id: string }>(
      db(),
      sql`select code, message_id from usage_rejections where workspace_id = ${ws.id}`,
    );
    expect(problems).toEqual([{ code: "event_truncated", message_id: big }]);
    // The same body replayed as is: nothing stored twice, and the answer says what Segment would refuse.
    const replay = await post(base, "/v1/batch", request?.body ?? "", {
      headers: { authorization: request?.headers.Authorization ?? "" },
    });
    expect(replay.status, replay.text).toBe(200);
    expect(replay.json).toMatchObject({
      stored: 0,
      duplicates: 100,
      truncated: [{ index: 99, messageId: big }],
    });
    expect(String(replay.json?.warnings)).toMatch(/over the limit of 500 KB/);
    const [kept] = await rows<{ n: number }>(
      db(),
      sql`select count(*)::int as n from usage_events where workspace_id = ${ws.id}
          and message_id = any(${sql.param(sent.slice(0, 99))}::text[]) and properties->>'notes' = ${notes}`,
    );
    expect(kept?.n).toBe(99);
  });

  it("over 16 MB (sent as is or gzipped) or over 20,000 events is a 413", async () => {
    const huge = JSON.stringify({
      batch: [track("too-big", { properties: { x: "y".repeat(17 * 1024 * 1024) } })],
    });
    const plain = await post(base, "/v1/batch", huge, { key: writeKey });
    expect(plain.status).toBe(413);
    const zipped = await post(base, "/v1/batch", zlib.gzipSync(huge), {
      key: writeKey,
      headers: { "content-encoding": "gzip" },
    });
    expect(zipped.status).toBe(413);
    expect(errorCode(zipped)).toBe("PAYLOAD_TOO_LARGE");
    const many = await post(
      base,
      "/v1/batch",
      { batch: Array.from({ length: 20_001 }, (_, n) => track(`many-${n}`)) },
      { key: writeKey },
    );
    expect(many.status).toBe(413);
    expect((await storedCounts(db(), ["too-big", "many-0", "many-20000"])).size).toBe(0);
  });
});

describe("keys and sources", () => {
  it("an unknown write key is a 401: the 3.x client gives up at once and nothing is stored", async () => {
    const client = new Analytics({
      writeKey: "wk_not-a-real-key",
      host: base,
      path: "/v1/batch",
      flushAt: 5,
      maxRetries: 3,
    });
    const c = capture(client);
    client.track({ userId: "u-1", event: "Report Saved" });
    client.identify({ userId: "u-1", traits: { email: "x@initech.test" } });
    await client.closeAndFlush();
    expect(c.statuses).toEqual([401]);
    expect(c.errors.map((e) => e.code)).toEqual(["delivery_failure", "delivery_failure"]);
    expect((await storedCounts(db(), c.messageIds())).size).toBe(0);
  });

  it("the Basic auth key wins over the body's writeKey", async () => {
    const headerWrong = await post(
      base,
      "/v1/batch",
      { batch: [track("key-1")], writeKey },
      { key: "wk_wrong" },
    );
    expect(headerWrong.status).toBe(401);
    const headerRight = await post(
      base,
      "/v1/batch",
      { batch: [track("key-2")], writeKey: "wk_wrong" },
      { key: writeKey },
    );
    expect(headerRight.status, headerRight.text).toBe(200);
    expect(Object.fromEntries(await storedCounts(db(), ["key-1", "key-2"]))).toEqual({ "key-2": 1 });
  });

  it("a disabled source is a 401 and stores nothing; enabled again, it is accepted", async () => {
    const source = await createSource(ws.ctx, { name: "Old app" });
    const ok = await post(base, "/v1/batch", { batch: [track("dis-1")] }, { key: source.writeKey });
    expect(ok.status, ok.text).toBe(200);
    await updateSource(ws.ctx, source.id, { status: "disabled" });
    const refused = await post(base, "/v1/batch", { batch: [track("dis-2")] }, { key: source.writeKey });
    expect(refused.status).toBe(401);
    expect(refused.json?.error).toMatchObject({
      code: "UNAUTHENTICATED",
      message: "This source is disabled",
    });
    await updateSource(ws.ctx, source.id, { status: "active" });
    const again = await post(base, "/v1/batch", { batch: [track("dis-3")] }, { key: source.writeKey });
    expect(again.status).toBe(200);
    const counts = await storedCounts(db(), ["dis-1", "dis-2", "dis-3"], ws.id);
    expect(Object.fromEntries(counts)).toEqual({ "dis-1": 1, "dis-3": 1 });
  });
});

describe("per-source rate limit", () => {
  it("10 events at once against a limit of 5 per second: 429 with Retry-After, refused events not stored", async () => {
    const { writeKey: key } = await createSource(ws.ctx, { name: "Chatty", rateLimit: 5 });
    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, n) => post(base, "/v1/track", track(`rl-${n}`), { key })),
    );
    const statuses = answers.map((a) => a.status);
    expect(
      statuses.every((s) => s === 200 || s === 429),
      statuses.join(),
    ).toBe(true);
    // A full bucket holds one second's worth; the time the requests take (a busy machine, the
    // embedded database working in-process) refills some, so only "some refused" is certain.
    const ok = statuses.filter((s) => s === 200).length;
    expect(ok).toBeGreaterThanOrEqual(5);
    const limited = answers.filter((a) => a.status === 429);
    expect(limited.length).toBeGreaterThanOrEqual(1);
    for (const a of limited) {
      expect(Number(a.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
      expect(errorCode(a)).toBe("RATE_LIMITED");
    }
    const counts = await storedCounts(
      db(),
      answers.map((_, n) => `rl-${n}`),
      ws.id,
    );
    const accepted = answers.flatMap((a, n) => (a.status === 200 ? [`rl-${n}`] : []));
    expect([...counts.keys()].sort()).toEqual(accepted.sort());
  });

  it("the 3.x client waits out Retry-After and delivers every event once", async () => {
    const { writeKey: key } = await createSource(ws.ctx, { name: "Chatty client", rateLimit: 5 });
    const client = new Analytics({ writeKey: key, host: base, path: "/v1/batch", flushAt: 1, maxRetries: 1 });
    const c = capture(client);
    for (let n = 0; n < 10; n++) client.track({ userId: "u-1", event: "Report Saved", properties: { n } });
    await client.closeAndFlush();
    expect(c.statuses).toContain(429);
    expect(c.errors).toEqual([]);
    const sent = c.messageIds();
    expect(sent).toHaveLength(10);
    const counts = await storedCounts(db(), sent, ws.id);
    expect(counts.size).toBe(10);
    for (const n of counts.values()) expect(n).toBe(1);
  });
});

describe("what browsers send", () => {
  it("text/plain with the key in the body (no preflight) is accepted", async () => {
    const res = await post(base, "/v1/batch", JSON.stringify({ batch: [track("txt-1")], writeKey }), {
      headers: { "content-type": "text/plain;charset=UTF-8" },
    });
    expect(res.status, res.text).toBe(200);
    expect(res.headers.get("access-control-allow-origin")).toBe("*");
    expect((await storedCounts(db(), ["txt-1"], ws.id)).get("txt-1")).toBe(1);
  });

  it("a gzipped body is accepted", async () => {
    const body = zlib.gzipSync(JSON.stringify({ batch: [track("gz-1"), track("gz-2")] }));
    const res = await post(base, "/v1/batch", body, {
      key: writeKey,
      headers: { "content-encoding": "gzip" },
    });
    expect(res.status, res.text).toBe(200);
    expect(res.json).toMatchObject({ stored: 2 });
    expect((await storedCounts(db(), ["gz-1", "gz-2"], ws.id)).size).toBe(2);
  });

  it("a CORS preflight is answered for every endpoint", async () => {
    for (const kind of ["batch", "track", "identify", "page", "group", "screen", "alias"]) {
      const res = await fetch(`${base}/v1/${kind}`, {
        method: "OPTIONS",
        headers: {
          origin: "https://app.example.com",
          "access-control-request-method": "POST",
          "access-control-request-headers": "authorization, content-type",
        },
      });
      expect(res.status, kind).toBe(204);
      expect(res.headers.get("access-control-allow-origin")).toBe("*");
      expect(res.headers.get("access-control-allow-methods")).toMatch(/POST/);
      const allowed = res.headers.get("access-control-allow-headers") ?? "";
      expect(allowed).toMatch(/authorization/);
      expect(allowed).toMatch(/content-type/);
    }
  });
});
