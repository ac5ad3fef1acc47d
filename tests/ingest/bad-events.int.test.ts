import zlib from "node:zlib";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { INGEST_LIMITS } from "../../src/domain/usage/index.ts";
import type { TestApp, TestWorkspace } from "../helpers/test-app.ts";
import { errorCode, ingestionFixture, post, rows, storedCounts, track } from "./helpers.ts";

/**
 * Events PostgreSQL cannot store (a NUL character) or that are nested too deep: each is refused
 * alone, named in the answer, and the rest of its batch is stored.
 */

let t: TestApp;
let base: string;
let ws: TestWorkspace;
let writeKey: string;
const db = () => t.database.db;

beforeAll(async () => {
  ({ t, base, ws, writeKey } = await ingestionFixture("bad-events"));
});
afterAll(() => t?.close());

/** `{"a":{"a":…{"a":1}…}}`, `levels` objects deep, built as text (JSON.stringify itself would overflow). */
const nested = (levels: number) =>
  JSON.parse(`${'{"a":'.repeat(levels - 1)}{"a":1}${"}".repeat(levels - 1)}`);

const rejections = () =>
  rows<{ code: string; message_id: string | null }>(
    db(),
    sql`select code, message_id from usage_rejections where workspace_id = ${ws.id} order by code, message_id`,
  );

describe("one bad event in a batch", () => {
  it("a NUL in a property value or a key is refused alone; the rest of the batch is stored (200)", async () => {
    const res = await post(
      base,
      "/v1/batch",
      {
        batch: [
          track("nul-ok-1"),
          track("nul-value", { properties: { note: "a\u0000b" } }),
          track("nul-key", { properties: { "k\u0000": 1 } }),
          track("nul-ok-2", { properties: { note: "a backslash and u0000 is not a NUL: \\u0000" } }),
        ],
      },
      { key: writeKey },
    );
    expect(res.status, res.text).toBe(200);
    expect(res.json).toMatchObject({
      stored: 2,
      rejected: [
        { index: 1, messageId: "nul-value", code: "invalid_character" },
        { index: 2, messageId: "nul-key", code: "invalid_character" },
      ],
    });
    const counts = await storedCounts(db(), ["nul-ok-1", "nul-value", "nul-key", "nul-ok-2"], ws.id);
    expect([...counts.keys()].sort()).toEqual(["nul-ok-1", "nul-ok-2"]);
    const [kept] = await rows<{ properties: { note: string } }>(
      db(),
      sql`select properties from usage_events where workspace_id = ${ws.id} and message_id = 'nul-ok-2'`,
    );
    expect(kept?.properties.note).toBe("a backslash and u0000 is not a NUL: \\u0000");
    expect((await rejections()).filter((r) => r.message_id?.startsWith("nul-"))).toEqual([
      { code: "invalid_character", message_id: "nul-key" },
      { code: "invalid_character", message_id: "nul-value" },
    ]);
  });

  it("half a surrogate pair alone is refused like a NUL; an escaped whole pair (as Python clients send) is stored", async () => {
    const body = `{"batch":[${JSON.stringify(track("pair-ok", { properties: { smile: "\ud83d\ude00" } }))},${JSON.stringify(
      track("pair-lone", { properties: { smile: "\ud83d" } }),
    )},{"type":"track","userId":"u-1","event":"E","messageId":"pair-escaped","properties":{"smile":"\\ud83d\\ude00"}},{"type":"track","userId":"u-\\udc00","event":"E","messageId":"pair-low"}]}`;
    const res = await post(base, "/v1/batch", body, { key: writeKey });
    expect(res.status, res.text).toBe(200);
    expect(res.json).toMatchObject({
      stored: 2,
      rejected: [
        { index: 1, messageId: "pair-lone", code: "invalid_character" },
        { index: 3, messageId: "pair-low", code: "invalid_character" },
      ],
    });
    const stored = await rows<{ message_id: string; smile: string }>(
      db(),
      sql`select message_id, properties->>'smile' as smile from usage_events
        where workspace_id = ${ws.id} and message_id like 'pair-%' order by message_id`,
    );
    expect(stored).toEqual([
      { message_id: "pair-escaped", smile: "😀" },
      { message_id: "pair-ok", smile: "😀" },
    ]);
  });

  it("a NUL in an id (userId, messageId) is refused alone too, and still recorded", async () => {
    const res = await post(
      base,
      "/v1/batch",
      { batch: [track("nul-id-ok"), track("nul-user", { userId: "u\u0000" }), track("nul-msg\u0000")] },
      { key: writeKey },
    );
    expect(res.status, res.text).toBe(200);
    expect(res.json).toMatchObject({
      stored: 1,
      rejected: [
        { index: 1, messageId: "nul-user", code: "invalid_character" },
        { index: 2, code: "invalid_character" },
      ],
    });
    expect((await storedCounts(db(), ["nul-id-ok"], ws.id)).get("nul-id-ok")).toBe(1);
    const [recorded] = await rows<{ n: number }>(
      db(),
      sql`select count(*)::int as n from usage_rejections
        where workspace_id = ${ws.id} and code = 'invalid_character' and excerpt like '%nul-msg%'`,
    );
    expect(recorded?.n).toBe(1);
  });

  it("a NUL in the batch's shared context refuses every event it would be merged into: 400, nothing stored", async () => {
    const res = await post(
      base,
      "/v1/batch",
      { batch: [track("nul-ctx-1"), track("nul-ctx-2")], context: { app: "x\u0000" } },
      { key: writeKey },
    );
    expect(res.status, res.text).toBe(400);
    expect(errorCode(res)).toBe("VALIDATION_FAILED");
    expect((await storedCounts(db(), ["nul-ctx-1", "nul-ctx-2"], ws.id)).size).toBe(0);
  });

  it(`an event nested 5,000 levels deep is refused alone (the limit is ${INGEST_LIMITS.maxDepth} levels); the rest is stored`, async () => {
    const body = `{"batch":[${JSON.stringify(track("deep-ok-1"))},${JSON.stringify(
      track("deep-ok-2", { properties: nested(INGEST_LIMITS.maxDepth - 1) }),
    )},{"type":"track","userId":"u-1","event":"Deep","messageId":"deep-5000","properties":${'{"a":'.repeat(4_999)}1${"}".repeat(4_999)}},{"type":"track","userId":"u-1","event":"Deep","messageId":"deep-one-over","properties":${JSON.stringify(
      nested(INGEST_LIMITS.maxDepth),
    )}}]}`;
    const res = await post(base, "/v1/batch", body, { key: writeKey });
    expect(res.status, res.text).toBe(200);
    expect(res.json).toMatchObject({
      stored: 2,
      rejected: [
        { index: 2, messageId: "deep-5000", code: "too_deep" },
        { index: 3, messageId: "deep-one-over", code: "too_deep" },
      ],
    });
    const counts = await storedCounts(db(), ["deep-ok-1", "deep-ok-2", "deep-5000", "deep-one-over"], ws.id);
    expect([...counts.keys()].sort()).toEqual(["deep-ok-1", "deep-ok-2"]);
  });

  it("a body nested far deeper than an event may be (1,000,000 levels) is answered, not crashed on", async () => {
    const levels = 1_000_000;
    const body = `{"batch":[${JSON.stringify(track("deeper-ok"))},{"type":"track","userId":"u-1","event":"Deep","messageId":"deeper","properties":${"[".repeat(levels)}${"]".repeat(levels)}}]}`;
    const res = await post(base, "/v1/batch", body, { key: writeKey });
    expect(res.status, res.text).toBe(200);
    expect(res.json).toMatchObject({ stored: 1, rejected: [{ index: 1, code: "too_deep" }] });
  });
});

describe("single-event endpoints", () => {
  it("an event with a NUL is a 400 naming the problem, and nothing is stored", async () => {
    const res = await post(base, "/v1/track", track("single-nul", { properties: { "\u0000": "x" } }), {
      key: writeKey,
    });
    expect(res.status, res.text).toBe(400);
    expect(errorCode(res)).toBe("VALIDATION_FAILED");
    expect(res.json?.error).toMatchObject({ details: { issues: [{ code: "invalid_character" }] } });
    expect((await storedCounts(db(), ["single-nul"], ws.id)).size).toBe(0);
  });

  it("an event nested too deep is a 400 naming the problem, and nothing is stored", async () => {
    const body = `{"type":"track","userId":"u-1","event":"Deep","messageId":"single-deep","properties":${'{"a":'.repeat(4_999)}1${"}".repeat(4_999)}}`;
    const res = await post(base, "/v1/track", body, { key: writeKey });
    expect(res.status, res.text).toBe(400);
    expect(errorCode(res)).toBe("VALIDATION_FAILED");
    expect(res.json?.error).toMatchObject({ details: { issues: [{ code: "too_deep" }] } });
    expect((await storedCounts(db(), ["single-deep"], ws.id)).size).toBe(0);
  });
});

describe("Content-Encoding", () => {
  it.each(["GZIP", "Gzip", "x-gzip", "X-GZIP"])("%s is read as gzip", async (encoding) => {
    const id = `enc-${encoding}`;
    const res = await post(base, "/v1/batch", zlib.gzipSync(JSON.stringify({ batch: [track(id)] })), {
      key: writeKey,
      headers: { "content-encoding": encoding },
    });
    expect(res.status, res.text).toBe(200);
    expect((await storedCounts(db(), [id], ws.id)).get(id)).toBe(1);
  });
});
