import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Caller, createTestApp, type TestApp } from "../helpers/test-app.ts";

/** Inputs at the edges of what PostgreSQL and the URL parser accept answer 4xx, never 500. */
let t: TestApp;
let owner: Caller;
let accountId: string;

beforeAll(async () => {
  t = await createTestApp();
  const ws = await t.workspace("edges");
  owner = await t.signIn(ws.users.owner.email);
  const res = await t.request(owner, "POST", "/api/v1/accounts", { name: "Edge" });
  accountId = res.json<{ id: string }>().id;
});

afterAll(async () => {
  await t?.close();
});

describe("edge input", () => {
  it("refuses year 0000 dates and timestamps with 400", async () => {
    const sub = await t.request(owner, "POST", "/api/v1/subscriptions", {
      accountId,
      product: "P",
      mrrMinor: 1,
      startDate: "0000-01-01",
    });
    expect(sub.statusCode).toBe(400);
    const note = await t.request(owner, "POST", `/api/v1/accounts/${accountId}/timeline`, {
      title: "t",
      occurredAt: "0000-01-01T00:00:00Z",
    });
    expect(note.statusCode).toBe(400);
    expect((await t.request(owner, "GET", "/api/v1/accounts?renewalBefore=0000-01-01")).statusCode).toBe(400);
    const cursor = Buffer.from(JSON.stringify(["0000-01-01", accountId])).toString("base64url");
    expect((await t.request(owner, "GET", `/api/v1/accounts?sort=renewal&cursor=${cursor}`)).statusCode).toBe(
      400,
    );
  });

  it("pages through accounts whose long multi-byte names make long cursors", async () => {
    for (const suffix of ["a", "b", "c"]) {
      const res = await t.request(owner, "POST", "/api/v1/accounts", { name: `${"€".repeat(199)}${suffix}` });
      expect(res.statusCode).toBe(201);
    }
    const first = await t.request(owner, "GET", "/api/v1/accounts?sort=-name&limit=1");
    const { nextCursor } = first.json<{ nextCursor: string }>();
    expect(nextCursor.length).toBeGreaterThan(500);
    const second = await t.request(owner, "GET", `/api/v1/accounts?sort=-name&limit=1&cursor=${nextCursor}`);
    expect(second.statusCode).toBe(200);
    expect(second.json<{ data: { name: string }[] }>().data[0]?.name.endsWith("b")).toBe(true);
  });

  it("answers a malformed URL in the error envelope", async () => {
    const res = await t.request(owner, "GET", "/api/v1/accounts/%E0%A4%A");
    expect(res.statusCode).toBe(400);
    expect(res.json<{ error: { code: string } }>().error.code).toBe("BAD_REQUEST");
  });
});
