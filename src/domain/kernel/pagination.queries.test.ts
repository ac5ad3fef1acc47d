import { sql } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import { describe, expect, it } from "vitest";
import { AppError } from "../../common/errors.ts";
import {
  afterCursor,
  cursorValueFits,
  decodeCursor,
  encodeCursor,
  orderBy,
  type SortKey,
  toPage,
} from "./pagination.queries.ts";

const ID = "0190a4b0-1234-7000-8000-00000000abcd";
const dialect = new PgDialect();
const render = (q: ReturnType<typeof sql>) => dialect.sqlToQuery(q);

const expectInvalid = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).code).toBe("INVALID_CURSOR");
    expect((e as AppError).status).toBe(400);
    return;
  }
  throw new Error("expected an invalid-cursor error");
};

describe("cursor encoding", () => {
  it("round-trips the sort value and id, including awkward text", () => {
    for (const value of ["acme", "", 'O\'Brien & "Sons" ✓', "12345", "2026-01-01 00:00:00+00"]) {
      const cursor = encodeCursor([value, ID]);
      expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
      expect(decodeCursor(cursor)).toEqual([value, ID]);
    }
  });

  it.each([
    ["not base64 JSON", "%%%"],
    ["a JSON object", Buffer.from('{"a":1}').toString("base64url")],
    ["one element", encodeCursor(["acme"])],
    ["three elements", encodeCursor(["a", ID, "x"])],
    ["a number value", Buffer.from(JSON.stringify([1, ID])).toString("base64url")],
    ["an id that is not a UUID", encodeCursor(["acme", "42"])],
    ["an id with SQL in it", encodeCursor(["acme", `${ID}'; drop table accounts; --`])],
    ["empty", ""],
  ])("refuses %s", (_label, cursor) => {
    expectInvalid(() => decodeCursor(cursor));
  });
});

describe("cursor values by sort type", () => {
  it.each([
    ["text", "anything at all", true],
    ["text", "nul\u0000inside", false],
    ["integer", "0", true],
    ["integer", "-2147483648", true],
    ["integer", "2147483648", false],
    ["integer", "1.5", false],
    ["integer", "abc", false],
    ["bigint", "9223372036854775807", true],
    ["bigint", "-9223372036854775808", true],
    ["bigint", "9223372036854775808", false],
    ["bigint", "", false],
    ["float8", "0.8125", true],
    ["float8", "1.5e-07", true],
    ["float8", "-3", true],
    ["float8", "NaN", false],
    ["float8", "Infinity", false],
    ["float8", "1e400", false],
    // Rounds to zero: an underflow PostgreSQL refuses to cast.
    ["float8", "1e-400", false],
    ["float8", "-0.5e-330", false],
    ["float8", "0e-400", true],
    ["float8", "4.9e-324", true],
    ["float8", "1.7976931348623157e+308", true],
    ["float8", "0x10", false],
    ["date", "2026-02-28", true],
    ["date", "9999-12-31", true],
    ["date", "2026-02-30", false],
    ["date", "2026-13-01", false],
    ["date", "0000-00-00", false],
    ["date", "26-01-01", false],
    ["timestamptz", "2026-05-01 06:04:54.123456+00", true],
    ["timestamptz", "2026-05-01 06:04:54+05:30", true],
    ["timestamptz", "2026-05-01T06:04:54Z", false],
    ["timestamptz", "2026-05-01 24:00:00+00", false],
    ["timestamptz", "2026-02-31 10:00:00+00", false],
    ["timestamptz", "acme", false],
  ] as const)("%s %j fits: %s", (type, value, fits) => {
    expect(cursorValueFits[type](value)).toBe(fits);
  });
});

describe("keyset SQL", () => {
  const key = (desc: boolean): SortKey => ({ expr: sql`lower(name)`, type: "text", desc });

  it("adds no condition without a cursor", () => {
    expect(afterCursor(key(false), sql`id`, undefined)).toBeUndefined();
  });

  it("compares (key, id) as a row, > ascending and < descending, with the values as parameters", () => {
    const cursor = encodeCursor(["acme", ID]);
    const asc = render(afterCursor(key(false), sql`id`, cursor) ?? sql``);
    expect(asc.sql).toBe("(lower(name), id) > ($1::text, $2::uuid)");
    expect(asc.params).toEqual(["acme", ID]);
    const desc = render(afterCursor(key(true), sql`id`, cursor) ?? sql``);
    expect(desc.sql).toBe("(lower(name), id) < ($1::text, $2::uuid)");
  });

  it("refuses a cursor whose value does not fit the sort's type", () => {
    const arr: SortKey = { expr: sql`mrr_minor`, type: "bigint", desc: true };
    expectInvalid(() => afterCursor(arr, sql`id`, encodeCursor(["acme", ID])));
  });

  it("orders by the key and then the id, in the same direction", () => {
    expect(orderBy(key(true), sql`id`).map((s) => render(s).sql)).toEqual(["lower(name) desc", "id desc"]);
    expect(orderBy(key(false), sql`id`).map((s) => render(s).sql)).toEqual(["lower(name) asc", "id asc"]);
  });
});

describe("toPage", () => {
  const rows = (n: number) =>
    Array.from({ length: n }, (_, i) => ({
      id: `0190a4b0-0000-7000-8000-00000000000${i}`,
      sortKey: `k${i}`,
      n: i,
    }));

  it("returns all rows and no cursor when there is no extra row", () => {
    const page = toPage(rows(3), 3);
    expect(page.nextCursor).toBeNull();
    expect(page.data).toEqual(
      [0, 1, 2].map((i) => ({ id: `0190a4b0-0000-7000-8000-00000000000${i}`, n: i })),
    );
  });

  it("drops the extra row and points the cursor at the last row kept", () => {
    const page = toPage(rows(4), 3);
    expect(page.data).toHaveLength(3);
    expect(page.data[0]).not.toHaveProperty("sortKey");
    expect(decodeCursor(page.nextCursor ?? "")).toEqual(["k2", "0190a4b0-0000-7000-8000-000000000002"]);
  });

  it("handles an empty page", () => {
    expect(toPage([], 10)).toEqual({ data: [], nextCursor: null });
  });
});
