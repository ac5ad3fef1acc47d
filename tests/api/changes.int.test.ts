import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Account, ChangesPage, Contact } from "../../src/contract/index.ts";
import { type Caller, createTestApp, type TestApp, type TestWorkspace } from "../helpers/test-app.ts";

/** An integrator follows a workspace's domain events with GET /api/v1/changes. */
let t: TestApp;
let ws: TestWorkspace;
let otherWs: TestWorkspace;
let writer: Caller;
let reader: Caller;

beforeAll(async () => {
  t = await createTestApp();
  ws = await t.workspace("changes");
  otherWs = await t.workspace("changes-other");
  writer = await t.signIn(ws.users.member.email);
  reader = await t.apiKey(ws, ["read"]);
});

afterAll(async () => {
  await t?.close();
});

const changes = async (caller: Caller, query = "") => {
  const res = await t.request(caller, "GET", `/api/v1/changes${query}`);
  if (res.statusCode !== 200) throw new Error(`${res.statusCode} ${res.body}`);
  return res.json<ChangesPage>();
};

describe("GET /api/v1/changes", () => {
  it("pages through what changed, in order, with ids and no personal data", async () => {
    const start = await changes(reader);
    const account = (await t.request(writer, "POST", "/api/v1/accounts", { name: "Hooli" })).json<Account>();
    const contact = (
      await t.request(writer, "POST", "/api/v1/contacts", {
        accountId: account.id,
        firstName: "Gavin",
        email: "gavin@hooli.example",
      })
    ).json<Contact>();
    await t.request(writer, "PATCH", `/api/v1/accounts/${account.id}`, { tier: "gold" });

    const first = await changes(reader, `?after=${start.next}&limit=2`);
    expect(first.hasMore).toBe(true);
    const second = await changes(reader, `?after=${first.next}&limit=100`);
    const events = [...first.data, ...second.data].filter((e) => e.accountId === account.id);
    expect(events.map((e) => e.type)).toEqual(["account.created", "contact.created", "account.changed"]);
    expect(events[1]).toMatchObject({
      data: { accountId: account.id, contactId: contact.id },
      actor: { kind: "user", userId: ws.users.member.id, apiKeyId: null },
    });
    expect(JSON.stringify(events)).not.toMatch(/Gavin|hooli\.example/);
    expect((await changes(reader, `?after=${second.next}`)).data).toEqual([]);

    // A first subscription makes it a scored customer: rescoring ran before the answer, and the
    // band it gave is an event of its own.
    await t.request(writer, "POST", "/api/v1/subscriptions", {
      accountId: account.id,
      product: "Core",
      mrrMinor: 50_000,
      startDate: "2025-01-01",
    });
    const third = await changes(reader, `?after=${second.next}`);
    expect(third.data.map((e) => e.type)).toEqual(["subscription.created", "health.band_changed"]);
    expect(third.data[1]).toMatchObject({
      accountId: account.id,
      data: { from: null, to: expect.any(String) },
    });
  });

  it("shows nothing of another workspace", async () => {
    const other = await t.signIn(otherWs.users.member.email);
    const account = (
      await t.request(other, "POST", "/api/v1/accounts", { name: "Pied Piper" })
    ).json<Account>();
    const mine = await changes(reader, "?limit=1000");
    expect(mine.data.some((e) => e.accountId === account.id)).toBe(false);
    const theirs = await changes(other, "?limit=1000");
    expect(theirs.data.map((e) => e.accountId)).toContain(account.id);
  });

  it("refuses a forged cursor with 400, and anonymous callers with 401", async () => {
    const forged = await t.request(reader, "GET", "/api/v1/changes?after=MTIzLjQ1Ng-x");
    expect(forged.statusCode).toBe(400);
    expect(forged.json().error.code).toBe("INVALID_CURSOR");
    const anonymous = await t.request(null, "GET", "/api/v1/changes");
    expect(anonymous.statusCode).toBe(401);
  });
});
