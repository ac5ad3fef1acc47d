import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RouteDef, routes } from "../../src/contract/index.ts";
import { createAccount } from "../../src/domain/accounts/index.ts";
import { encodeCursor } from "../../src/domain/kernel/pagination.queries.ts";
import { createRule } from "../../src/domain/rules/index.ts";
import { createSegment } from "../../src/domain/segments/index.ts";
import { createSource } from "../../src/domain/usage/index.ts";
import { type Caller, createTestApp, type TestApp } from "../helpers/test-app.ts";

/**
 * A cursor is client input. Whatever comes back in `cursor` — garbage, an edited value, one made
 * for another sort or another list — is a 400 INVALID_CURSOR on every list, never a 500 from a
 * failed cast in the database. The lists are read from the contract, so a new list is covered.
 */
const ID = "0190a4b0-1234-7000-8000-00000000abcd";
const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");

const forged: [string, string][] = [
  ["not base64 JSON", "%%%"],
  ["a JSON object", b64({ a: 1 })],
  ["a number where text is", b64([1, ID])],
  ["an id that is not a UUID", encodeCursor(["1", "42"])],
  ["a word", encodeCursor(["abc", ID])],
  ["a float too small for float8", encodeCursor(["1e-400", ID])],
  ["a float too large for float8", encodeCursor(["1e400", ID])],
  ["a number too large for bigint", encodeCursor(["99999999999999999999", ID])],
  ["NaN", encodeCursor(["NaN", ID])],
  ["a NUL character", encodeCursor(["a\u0000b", ID])],
  ["a timestamp", encodeCursor(["2026-05-01 06:04:54.123456+00", ID])],
  ["a date", encodeCursor(["2026-05-01", ID])],
  ["a date that does not exist", encodeCursor(["2026-02-30", ID])],
  ["an out-of-range time zone", encodeCursor(["2026-05-01 06:04:54+16", ID])],
];

/** Cursors a text-sorted list accepts as positions: forged, but harmless. */
const positionsForText = new Set([
  "a word",
  "a float too small for float8",
  "a float too large for float8",
  "a number too large for bigint",
  "NaN",
  "a timestamp",
  "a date",
  "a date that does not exist",
  "an out-of-range time zone",
]);

type Schema = { options?: unknown; def?: Record<string, Schema | undefined> };
/** The values of the enum inside a schema (through `.default()` and `.transform()`). */
function enumOptions(schema: Schema | undefined): string[] | undefined {
  if (!schema) return undefined;
  if (Array.isArray(schema.options)) return schema.options as string[];
  for (const inner of ["in", "innerType", "schema"]) {
    const found = enumOptions(schema.def?.[inner]);
    if (found) return found;
  }
  return undefined;
}

type ListRoute = { name: string; path: string; sorts: (string | undefined)[]; extra: string };

function listRoutes(): ListRoute[] {
  const lists: ListRoute[] = [];
  for (const [name, r] of Object.entries(routes) as [string, RouteDef][]) {
    const shape = (r.query as { shape?: Record<string, Schema> } | undefined)?.shape;
    if (r.method !== "GET" || !shape?.cursor) continue;
    // Every sort a list offers, each with its own key type (and `order` for the event list).
    const sorts = shape.sort ? (enumOptions(shape.sort) ?? []) : [undefined];
    const orders = shape.order ? (enumOptions(shape.order) ?? []) : [];
    if (orders.length === 0) lists.push({ name, path: r.path, sorts, extra: "" });
    for (const order of orders)
      lists.push({ name: `${name} (${order})`, path: r.path, sorts: [undefined], extra: `&order=${order}` });
  }
  return lists;
}

let t: TestApp;
let owner: Caller;
let accountId: string;
let sourceId: string;
let segmentId: string;
let ruleId: string;

beforeAll(async () => {
  t = await createTestApp();
  const ws = await t.workspace("cursors");
  owner = await t.signIn(ws.users.owner.email);
  accountId = (await createAccount(ws.ctx, { name: "Acme" })).id;
  sourceId = (await createSource(ws.ctx, { name: "Backend" })).id;
  const every = { match: "all" as const, conditions: [] };
  segmentId = (await createSegment(ws.ctx, { name: "Everyone", entity: "account", filter: every })).id;
  ruleId = (
    await createRule(ws.ctx, {
      name: "Weekly check",
      trigger: { kind: "schedule", cron: "0 8 * * 1" },
      actions: [{ kind: "set_coverage", coverage: "one_to_many" }],
    })
  ).id;
});
afterAll(async () => {
  await t?.close();
});

describe("forged cursors", () => {
  const lists = listRoutes();

  it("finds the lists (accounts, contacts, churn predictions, events, audit, …)", () => {
    const names = lists.map((l) => l.name);
    for (const name of [
      "listAccounts",
      "listContacts",
      "listSubscriptions",
      "listChurnPredictions",
      "listAuditLog",
      "listParkedGroups",
    ]) {
      expect(names).toContain(name);
    }
    expect(lists.find((l) => l.name === "listChurnPredictions")?.sorts).toContain("-probability");
  });

  it.each(lists.map((l) => [l.name, l] as const))(
    "%s: every forged cursor is a 400 INVALID_CURSOR",
    async (_name, list) => {
      const path = list.path
        .replace(":accountId", accountId)
        .replace(":id", sourceId)
        .replace(":segmentId", segmentId)
        .replace(":ruleId", ruleId);
      const failures: string[] = [];
      for (const sort of list.sorts) {
        for (const [label, cursor] of forged) {
          const url = `${path}?cursor=${encodeURIComponent(cursor)}${sort ? `&sort=${sort}` : ""}${list.extra}`;
          const res = await t.request(owner, "GET", url);
          if (res.statusCode === 200 && positionsForText.has(label)) continue;
          const code = res.statusCode === 400 ? res.json<{ error: { code: string } }>().error.code : "";
          if (res.statusCode !== 400 || code !== "INVALID_CURSOR") {
            failures.push(`sort=${sort ?? "-"} ${label}: ${res.statusCode} ${res.body.slice(0, 160)}`);
          }
        }
      }
      expect(failures).toEqual([]);
    },
  );
});
