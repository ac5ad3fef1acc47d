import type { LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Account, Contact } from "../../src/contract/index.ts";
import { type Caller, createTestApp, type TestApp, type TestWorkspace } from "../helpers/test-app.ts";

/** Contacts through the API: writes, the key-player flag, the name-or-email rule and filters. */
let t: TestApp;
let ws: TestWorkspace;
let writer: Caller;
let acme: Account;
let globex: Account;

type Issue = { path: string; message: string };
type ErrorBody = { error: { code: string; message: string; details?: { issues?: Issue[] } } };
const errorOf = (res: LightMyRequestResponse) => res.json<ErrorBody>().error;

async function post<T>(url: string, body: unknown): Promise<T> {
  const res = await t.request(writer, "POST", url, body);
  if (res.statusCode !== 201) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
  return res.json<T>();
}

const createContact = (body: Record<string, unknown>) => post<Contact>("/api/v1/contacts", body);

beforeAll(async () => {
  t = await createTestApp();
  ws = await t.workspace("contacts");
  writer = await t.signIn(ws.users.member.email);
  acme = await post<Account>("/api/v1/accounts", { name: "Acme" });
  globex = await post<Account>("/api/v1/accounts", { name: "Globex" });
});

afterAll(async () => {
  await t?.close();
});

describe("create, read, update, delete", () => {
  it("creates a contact on an account, lower-cases the email and records it on the timeline", async () => {
    const res = await t.request(writer, "POST", "/api/v1/contacts", {
      accountId: acme.id,
      firstName: "Ada",
      lastName: "Lovelace",
      email: "Ada@Example.COM",
      title: "CTO",
    });
    expect(res.statusCode).toBe(201);
    const c = res.json<Contact>();
    expect(c).toMatchObject({
      accountId: acme.id,
      accountName: "Acme",
      name: "Ada Lovelace",
      email: "ada@example.com",
      status: "active",
      leftCompany: false,
      decisionRole: null,
      influence: null,
      isKeyPlayer: false,
    });
    expect((await t.request(writer, "GET", `/api/v1/contacts/${c.id}`)).json()).toEqual(c);

    const timeline = await t.request(writer, "GET", `/api/v1/accounts/${acme.id}/timeline?kind=contact`);
    const entry = timeline.json<{ data: { title: string; contactId: string }[] }>().data[0];
    expect(entry).toMatchObject({ title: "Contact added: Ada Lovelace", contactId: c.id });
  });

  it("updates only the given fields and can move a contact to another account", async () => {
    const c = await createContact({ accountId: acme.id, firstName: "Bob", phone: "+1 555" });
    const res = await t.request(writer, "PATCH", `/api/v1/contacts/${c.id}`, {
      accountId: globex.id,
      title: "VP Sales",
    });
    expect(res.statusCode).toBe(200);
    expect(res.json<Contact>()).toMatchObject({
      accountId: globex.id,
      accountName: "Globex",
      firstName: "Bob",
      phone: "+1 555",
      title: "VP Sales",
    });
  });

  it("deletes a contact and audits it", async () => {
    const c = await createContact({ accountId: acme.id, email: "gone@example.com" });
    expect((await t.request(writer, "DELETE", `/api/v1/contacts/${c.id}`)).statusCode).toBe(204);
    expect((await t.request(writer, "GET", `/api/v1/contacts/${c.id}`)).statusCode).toBe(404);
    expect((await t.request(writer, "DELETE", `/api/v1/contacts/${c.id}`)).statusCode).toBe(404);
    const admin = await t.signIn(ws.users.admin.email);
    const log = await t.request(admin, "GET", "/api/v1/audit-log?action=contact.delete");
    expect(log.json<{ data: { targetId: string }[] }>().data.map((r) => r.targetId)).toContain(c.id);
  });

  it("upserts by external id: one row, created only the first time", async () => {
    const first = await t.request(writer, "PUT", "/api/v1/contacts/by-external-id/HS-7", {
      accountId: acme.id,
      firstName: "Cleo",
    });
    expect(first.statusCode).toBe(200);
    expect(first.headers["x-steward-created"]).toBe("true");
    const second = await t.request(writer, "PUT", "/api/v1/contacts/by-external-id/HS-7", {
      accountId: acme.id,
      firstName: "Cleo",
      lastName: "Patra",
      influence: 5,
    });
    expect(second.statusCode).toBe(200);
    expect(second.headers["x-steward-created"]).toBeUndefined();
    expect(second.json<Contact>()).toMatchObject({
      id: first.json<Contact>().id,
      externalId: "HS-7",
      name: "Cleo Patra",
      influence: 5,
      isKeyPlayer: true,
    });
    const list = await t.request(writer, "GET", "/api/v1/contacts?q=HS-7");
    expect(list.json<{ data: Contact[] }>().data).toHaveLength(1);
  });
});

describe("rules", () => {
  it("marks key players: a deciding role, or influence 4–5", async () => {
    const cases: [Record<string, unknown>, boolean][] = [
      [{ decisionRole: "champion" }, true],
      [{ decisionRole: "economic_buyer", influence: 1 }, true],
      [{ decisionRole: "detractor" }, true],
      [{ decisionRole: "user", influence: 4 }, true],
      [{ influence: 5 }, true],
      [{ decisionRole: "user", influence: 3 }, false],
      [{ influence: 3 }, false],
      [{}, false],
    ];
    for (const [fields, expected] of cases) {
      const c = await createContact({ accountId: globex.id, firstName: "Kp", ...fields });
      expect(c.isKeyPlayer, JSON.stringify(fields)).toBe(expected);
    }
    const promoted = await createContact({ accountId: globex.id, firstName: "Later", influence: 2 });
    const res = await t.request(writer, "PATCH", `/api/v1/contacts/${promoted.id}`, { influence: 4 });
    expect(res.json<Contact>().isKeyPlayer).toBe(true);
  });

  it("refuses influence outside 1–5 and non-integers", async () => {
    for (const influence of [0, 6, -1, 2.5, "3"]) {
      const res = await t.request(writer, "POST", "/api/v1/contacts", {
        accountId: acme.id,
        firstName: "I",
        influence,
      });
      expect(res.statusCode, String(influence)).toBe(400);
      expect(errorOf(res).details?.issues?.map((i) => i.path)).toEqual(["influence"]);
    }
  });

  it("needs a first name, a last name or an email, on create and after an update", async () => {
    const none = await t.request(writer, "POST", "/api/v1/contacts", { accountId: acme.id, phone: "+1" });
    expect(none.statusCode).toBe(400);
    expect(errorOf(none).details?.issues?.[0]?.path).toBe("firstName");
    const blank = await t.request(writer, "POST", "/api/v1/contacts", {
      accountId: acme.id,
      firstName: "  ",
    });
    expect(blank.statusCode).toBe(400);

    for (const body of [{ lastName: "Only" }, { email: "only@example.com" }]) {
      expect(
        (await t.request(writer, "POST", "/api/v1/contacts", { accountId: acme.id, ...body })).statusCode,
      ).toBe(201);
    }

    const c = await createContact({ accountId: acme.id, firstName: "Fay", email: "fay@example.com" });
    const ok = await t.request(writer, "PATCH", `/api/v1/contacts/${c.id}`, { firstName: null });
    expect(ok.statusCode).toBe(200);
    expect(ok.json<Contact>().name).toBe("fay@example.com");
    const emptied = await t.request(writer, "PATCH", `/api/v1/contacts/${c.id}`, { email: null });
    expect(emptied.statusCode).toBe(400);
    expect((await t.request(writer, "GET", `/api/v1/contacts/${c.id}`)).json<Contact>().email).toBe(
      "fay@example.com",
    );
  });

  it("refuses an invalid email, decision role or status", async () => {
    for (const [field, value] of [
      ["email", "not-an-email"],
      ["decisionRole", "kingmaker"],
      ["status", "retired"],
      ["seniority", "intern"],
    ] as const) {
      const res = await t.request(writer, "POST", "/api/v1/contacts", {
        accountId: acme.id,
        firstName: "V",
        [field]: value,
      });
      expect(res.statusCode, field).toBe(400);
      expect(errorOf(res).details?.issues?.map((i) => i.path)).toEqual([field]);
    }
  });

  it("never creates a contact on another workspace's account", async () => {
    const other = await t.workspace("contacts-other");
    const theirs = await t.request(await t.apiKey(other, ["write"]), "POST", "/api/v1/accounts", {
      name: "Theirs",
    });
    const theirId = theirs.json<Account>().id;

    const res = await t.request(writer, "POST", "/api/v1/contacts", { accountId: theirId, firstName: "Spy" });
    expect([400, 404]).toContain(res.statusCode);
    const put = await t.request(writer, "PUT", "/api/v1/contacts/by-external-id/SPY-1", {
      accountId: theirId,
      firstName: "Spy",
    });
    expect([400, 404]).toContain(put.statusCode);
    const c = await createContact({ accountId: acme.id, firstName: "Mover" });
    const move = await t.request(writer, "PATCH", `/api/v1/contacts/${c.id}`, { accountId: theirId });
    expect([400, 404]).toContain(move.statusCode);

    const mine = await t.request(writer, "GET", "/api/v1/contacts?q=Spy");
    expect(mine.json<{ data: Contact[] }>().data).toEqual([]);
    const theirList = await t.request(await t.apiKey(other, ["read"]), "GET", "/api/v1/contacts");
    expect(theirList.json<{ data: Contact[] }>().data).toEqual([]);
    expect((await t.request(writer, "GET", `/api/v1/contacts/${c.id}`)).json<Contact>().accountId).toBe(
      acme.id,
    );
  });
});

describe("filters", () => {
  let fresh: Account;
  let people: Record<string, Contact>;

  beforeAll(async () => {
    fresh = await post<Account>("/api/v1/accounts", { name: "Filtered Corp" });
    people = {
      buyer: await createContact({ accountId: fresh.id, firstName: "Bea", decisionRole: "economic_buyer" }),
      champ: await createContact({
        accountId: fresh.id,
        firstName: "Cam",
        decisionRole: "champion",
        status: "inactive",
      }),
      user: await createContact({
        accountId: fresh.id,
        firstName: "Uma",
        decisionRole: "user",
        influence: 2,
      }),
      loud: await createContact({
        accountId: fresh.id,
        firstName: "Lou",
        influence: 4,
        title: "Head of Ops",
      }),
      quiet: await createContact({ accountId: fresh.id, firstName: "Quinn" }),
    };
  });

  const names = async (query: string) => {
    const res = await t.request(writer, "GET", `/api/v1/contacts?accountId=${fresh.id}&${query}`);
    expect(res.statusCode, query).toBe(200);
    return res.json<{ data: Contact[] }>().data.map((c) => c.firstName);
  };

  it("filters by account, sorted by name", async () => {
    expect(await names("")).toEqual(["Bea", "Cam", "Lou", "Quinn", "Uma"]);
  });

  it("filters by decision role, one or several", async () => {
    expect(await names("decisionRole=champion")).toEqual(["Cam"]);
    expect(await names("decisionRole=champion,economic_buyer")).toEqual(["Bea", "Cam"]);
    expect((await t.request(writer, "GET", "/api/v1/contacts?decisionRole=boss")).statusCode).toBe(400);
  });

  it("filters key players in or out, agreeing with the isKeyPlayer flag", async () => {
    expect(await names("keyPlayers=true")).toEqual(["Bea", "Cam", "Lou"]);
    expect(await names("keyPlayers=false")).toEqual(["Quinn", "Uma"]);
    const flagged = Object.values(people)
      .filter((c) => c.isKeyPlayer)
      .map((c) => c.firstName)
      .sort();
    expect(flagged).toEqual(["Bea", "Cam", "Lou"]);
    expect((await t.request(writer, "GET", "/api/v1/contacts?keyPlayers=yes")).statusCode).toBe(400);
  });

  it("filters by status and searches names and titles", async () => {
    expect(await names("status=inactive")).toEqual(["Cam"]);
    expect(await names("q=ops")).toEqual(["Lou"]);
    expect(await names("q=uma")).toEqual(["Uma"]);
  });

  it("sorts by influence and paginates", async () => {
    expect(await names("sort=-influence&limit=2")).toEqual(["Lou", "Uma"]);
    const first = await t.request(writer, "GET", `/api/v1/contacts?accountId=${fresh.id}&limit=3`);
    const page1 = first.json<{ data: Contact[]; nextCursor: string }>();
    const second = await t.request(
      writer,
      "GET",
      `/api/v1/contacts?accountId=${fresh.id}&limit=3&cursor=${page1.nextCursor}`,
    );
    const page2 = second.json<{ data: Contact[]; nextCursor: string | null }>();
    expect([...page1.data, ...page2.data].map((c) => c.firstName)).toEqual([
      "Bea",
      "Cam",
      "Lou",
      "Quinn",
      "Uma",
    ]);
    expect(page2.nextCursor).toBeNull();
  });
});
