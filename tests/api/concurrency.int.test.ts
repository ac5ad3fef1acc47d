import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Account, Contact, Subscription } from "../../src/contract/index.ts";
import { type Caller, createTestApp, type TestApp, type TestWorkspace } from "../helpers/test-app.ts";

/**
 * Requests that race each other. On PGlite they queue on one connection; on PostgreSQL (run the
 * suite with DATABASE_URL) they really run side by side, which is what these cases are about.
 */
let t: TestApp;
let ws: TestWorkspace;
let key: Caller;

const N = 8;
const times = <T>(fn: (i: number) => Promise<T>) => Promise.all(Array.from({ length: N }, (_, i) => fn(i)));

async function newAccount(name: string): Promise<Account> {
  const res = await t.request(key, "POST", "/api/v1/accounts", { name });
  if (res.statusCode !== 201) throw new Error(`account: ${res.statusCode} ${res.body}`);
  return res.json<Account>();
}
const accountOf = async (id: string) =>
  (await t.request(key, "GET", `/api/v1/accounts/${id}`)).json<Account>();

beforeAll(async () => {
  t = await createTestApp();
  ws = await t.workspace("races");
  key = await t.apiKey(ws, ["read", "write", "admin"]);
});

afterAll(async () => {
  await t?.close();
});

describe("upserts of one external id at the same time", () => {
  it("accounts: every request succeeds, one creates, one row remains", async () => {
    const res = await times((i) =>
      t.request(key, "PUT", "/api/v1/accounts/by-external-id/RACE-A", { name: `Race ${i}` }),
    );
    expect(res.map((r) => r.statusCode)).toEqual(Array(N).fill(200));
    expect(res.filter((r) => r.headers["x-steward-created"] === "true")).toHaveLength(1);
    expect(new Set(res.map((r) => r.json<Account>().id)).size).toBe(1);
    const list = await t.request(key, "GET", "/api/v1/accounts?q=RACE-A");
    expect(list.json<{ data: Account[] }>().data).toHaveLength(1);
  });

  it("contacts: every request succeeds, one creates, one row remains", async () => {
    const a = await newAccount("Contact Race Co");
    const res = await times((i) =>
      t.request(key, "PUT", "/api/v1/contacts/by-external-id/RACE-C", {
        accountId: a.id,
        firstName: `C${i}`,
      }),
    );
    expect(res.map((r) => r.statusCode)).toEqual(Array(N).fill(200));
    expect(res.filter((r) => r.headers["x-steward-created"] === "true")).toHaveLength(1);
    const list = await t.request(key, "GET", `/api/v1/contacts?accountId=${a.id}`);
    expect(list.json<{ data: Contact[] }>().data).toHaveLength(1);
  });

  it("subscriptions: every request succeeds, one row remains and the account counts it once", async () => {
    const a = await newAccount("Subscription Race Co");
    const res = await times(() =>
      t.request(key, "PUT", "/api/v1/subscriptions/by-external-id/RACE-S", {
        accountId: a.id,
        product: "Platform",
        mrrMinor: 1_000,
        startDate: "2025-01-01",
      }),
    );
    expect(res.map((r) => r.statusCode)).toEqual(Array(N).fill(200));
    expect(res.filter((r) => r.headers["x-steward-created"] === "true")).toHaveLength(1);
    const list = await t.request(key, "GET", `/api/v1/subscriptions?accountId=${a.id}`);
    expect(list.json<{ data: Subscription[] }>().data).toHaveLength(1);
    expect((await accountOf(a.id)).mrrMinor).toBe(1_000);
  });
});

describe("creates that collide on a unique value", () => {
  it("one account with an external id wins; the others get 409, never 500", async () => {
    const res = await times((i) =>
      t.request(key, "POST", "/api/v1/accounts", { name: `Dup ${i}`, externalId: "RACE-DUP" }),
    );
    expect(res.filter((r) => r.statusCode === 201)).toHaveLength(1);
    expect(res.filter((r) => r.statusCode === 409)).toHaveLength(N - 1);
  });

  it("one new member with an email wins; the others get 409, never 500", async () => {
    const res = await times(() =>
      t.request(key, "POST", "/api/v1/members", {
        email: "racer@races.test",
        name: "Racer",
        role: "member",
        function: "sales",
        password: "a-long-enough-password",
      }),
    );
    expect(res.filter((r) => r.statusCode === 201)).toHaveLength(1);
    expect(res.filter((r) => r.statusCode === 409)).toHaveLength(N - 1);
  });
});

describe("account revenue under concurrent subscription writes", () => {
  it("sums subscriptions added at the same time", async () => {
    const a = await newAccount("Parallel Adds Co");
    const res = await times((i) =>
      t.request(key, "POST", "/api/v1/subscriptions", {
        accountId: a.id,
        product: `P${i}`,
        mrrMinor: (i + 1) * 100,
        startDate: "2025-01-01",
      }),
    );
    expect(res.map((r) => r.statusCode)).toEqual(Array(N).fill(201));
    expect((await accountOf(a.id)).mrrMinor).toBe(((N * (N + 1)) / 2) * 100);
  });

  it("drops subscriptions canceled and deleted at the same time", async () => {
    const a = await newAccount("Parallel Cancels Co");
    const subs: Subscription[] = [];
    for (let i = 0; i < N; i++) {
      const r = await t.request(key, "POST", "/api/v1/subscriptions", {
        accountId: a.id,
        product: `P${i}`,
        mrrMinor: 1_000,
        startDate: "2025-01-01",
      });
      subs.push(r.json<Subscription>());
    }
    expect((await accountOf(a.id)).mrrMinor).toBe(N * 1_000);
    // Cancel half and delete a quarter, all at once; a quarter stays live.
    const res = await Promise.all(
      subs.map((s, i) =>
        i < N / 2
          ? t.request(key, "PATCH", `/api/v1/subscriptions/${s.id}`, { status: "canceled" })
          : i < (3 * N) / 4
            ? t.request(key, "DELETE", `/api/v1/subscriptions/${s.id}`)
            : t.request(key, "PATCH", `/api/v1/subscriptions/${s.id}`, { mrrMinor: 2_000 }),
      ),
    );
    expect(res.every((r) => r.statusCode < 300)).toBe(true);
    expect((await accountOf(a.id)).mrrMinor).toBe((N / 4) * 2_000);
  });
});
