import { describe, expect, it } from "vitest";
import { AppError } from "../../common/errors.ts";
import { assertReadable, LIMITS, readRequest } from "./segment.rules.ts";

const received = new Date("2026-05-01T12:00:00.000Z");

describe("readRequest", () => {
  it("merges batch-level context into each item (the item's keys win) and takes sentAt from the batch", () => {
    const r = readRequest(
      "batch",
      {
        batch: [
          {
            type: "track",
            userId: "u",
            event: "x",
            timestamp: "2026-05-01T12:59:00Z",
            context: { ip: "1.2.3.4" },
          },
        ],
        context: { ip: "9.9.9.9", library: { name: "lib" } },
        integrations: { All: false },
        sentAt: "2026-05-01T13:00:00Z",
        unknownKey: true,
      },
      100,
      received,
    );
    expect(r.problems).toEqual([]);
    expect(r.events[0]?.context).toEqual({ ip: "1.2.3.4", library: { name: "lib" } });
    expect(r.events[0]?.ts.toISOString()).toBe("2026-05-01T11:59:00.000Z");
  });

  it(`refuses an event nested more than ${LIMITS.maxDepth} levels (the event being level 1), alone`, () => {
    // An array of arrays `levels` deep, built as text.
    const nest = (levels: number) => JSON.parse(`${"[".repeat(levels)}${"]".repeat(levels)}`);
    const ok = { type: "track", userId: "u", event: "x", properties: { a: nest(LIMITS.maxDepth - 2) } };
    const deep = { type: "track", userId: "u", event: "x", properties: { a: nest(LIMITS.maxDepth - 1) } };
    const r = readRequest("batch", { batch: [ok, deep] }, 100, received);
    expect(r.events.map((e) => e.index)).toEqual([0]);
    expect(r.problems).toMatchObject([{ index: 1, code: "too_deep", excerpt: null, stored: false }]);
  });

  it("looks for NUL characters only in a request whose text may hold one", () => {
    const body = { batch: [{ type: "track", userId: "u", event: "x\u0000", messageId: "m" }] };
    expect(readRequest("batch", body, 100, received).problems).toMatchObject([
      { index: 0, messageId: "m", code: "invalid_character", stored: false },
    ]);
    // The route passes false when the request's text has no `\u` escape, the only way JSON carries one.
    expect(readRequest("batch", body, 100, received, false).problems).toEqual([]);
  });

  it("takes the type from the endpoint for single calls, and ids given as numbers", () => {
    const r = readRequest("track", { userId: 42, event: "Signed In", messageId: 7 }, 10, received);
    expect(r.events[0]).toMatchObject({ type: "track", userId: "42", messageId: "7", event: "Signed In" });
  });

  it("gives an event without a messageId one, so it is still stored", () => {
    const r = readRequest("page", { anonymousId: "a" }, 10, received);
    expect(r.events[0]?.messageId).toMatch(/^steward-/);
    expect(r.events[0]?.event).toBeNull();
  });

  it("keeps identify and group traits as the stored properties", () => {
    const r = readRequest("identify", { userId: "u", traits: { email: "a@b.c" } }, 10, received);
    expect(r.events[0]?.properties).toEqual({ email: "a@b.c" });
  });

  it("reports items it cannot read and keeps the rest", () => {
    const r = readRequest(
      "batch",
      {
        batch: [
          { type: "track", userId: "u", event: "ok" },
          "not an object",
          { type: "alias", userId: "u" },
          { type: "group", userId: "u" },
          { type: "track", userId: "x".repeat(LIMITS.idLength + 1), event: "e" },
          { type: "track", userId: { id: 1 }, event: "e" },
        ],
      },
      100,
      received,
    );
    expect(r.events).toHaveLength(1);
    expect(r.problems.map((p) => [p.index, p.code])).toEqual([
      [1, "invalid_event"],
      [2, "missing_previous_id"],
      [3, "missing_group_id"],
      [4, "value_too_long"],
      [5, "invalid_event"],
    ]);
  });

  it("stores an event over 32 KB without its payload and says so", () => {
    const big = { type: "track", userId: "u", event: "Big", properties: { blob: "x".repeat(40_000) } };
    const r = readRequest("batch", { batch: [big] }, 41_000, received);
    expect(r.events[0]?.properties).toBeNull();
    expect(r.events[0]?.context).toEqual({ _steward: { truncated: true, bytes: expect.any(Number) } });
    expect(r.problems[0]).toMatchObject({ code: "event_truncated", stored: true });
  });

  it("reads requests over Segment's 500 KB and 2,500 events, with warnings; refuses past Steward's ceilings", () => {
    const many = Array.from({ length: 2_600 }, (_, i) => ({
      type: "track",
      userId: "u",
      event: "e",
      messageId: `m${i}`,
    }));
    const r = readRequest("batch", { batch: many }, 600 * 1024, received);
    expect(r.events).toHaveLength(2_600);
    expect(r.warnings).toHaveLength(2);
    const tooMany = Array.from({ length: LIMITS.maxBatchEvents + 1 }, () => ({}));
    expect(() => readRequest("batch", { batch: tooMany }, 10, received)).toThrow(AppError);
  });

  it("refuses what is not a request, and a request with nothing readable", () => {
    expect(() => readRequest("batch", [1, 2], 10, received)).toThrow("JSON object");
    expect(() => readRequest("batch", { batch: "no" }, 10, received)).toThrow("batch must be an array");
    const nothing = readRequest("batch", { batch: [{ type: "track" }] }, 10, received);
    expect(() => assertReadable("batch", nothing)).toThrow("No event of the batch could be read");
    expect(() => assertReadable("batch", readRequest("batch", { batch: [] }, 10, received))).not.toThrow();
  });
});
