import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Caller, createTestApp, type TestApp, type TestWorkspace } from "../helpers/test-app.ts";

/** The smaller lists also filter and sort, like the big ones. */
let t: TestApp;
let ws: TestWorkspace;
let owner: Caller;
let accountId: string;

type Page<T> = { data: T[]; nextCursor: string | null };

async function get<T>(url: string): Promise<Page<T>> {
  const res = await t.request(owner, "GET", url);
  if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
  return res.json<Page<T>>();
}

async function post(url: string, body: unknown) {
  const res = await t.request(owner, "POST", url, body);
  if (res.statusCode !== 201) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
  return res.json<{ id: string }>();
}

beforeAll(async () => {
  t = await createTestApp();
  ws = await t.workspace("lists");
  owner = await t.signIn(ws.users.owner.email);
  accountId = (await post("/api/v1/accounts", { name: "Listed" })).id;
});

afterAll(async () => {
  await t?.close();
});

describe("members", () => {
  it("filters by role and function and sorts by name either way", async () => {
    const viewers = await get<{ role: string }>("/api/v1/members?role=viewer");
    expect(viewers.data.map((m) => m.role)).toEqual(["viewer"]);
    const sales = await get<{ function: string }>("/api/v1/members?function=sales");
    expect(sales.data).toEqual([]);
    const asc = (await get<{ name: string }>("/api/v1/members?sort=name")).data.map((m) => m.name);
    const desc = (await get<{ name: string }>("/api/v1/members?sort=-name")).data.map((m) => m.name);
    expect(asc).toEqual([...asc].sort());
    expect(desc).toEqual([...asc].reverse());
  });
});

describe("API keys", () => {
  it("filters active and revoked keys and sorts by name", async () => {
    const b = await post("/api/v1/api-keys", { name: "beta", scopes: ["read"] });
    await post("/api/v1/api-keys", { name: "alpha", scopes: ["read"] });
    expect((await t.request(owner, "DELETE", `/api/v1/api-keys/${b.id}`)).statusCode).toBe(204);
    const active = await get<{ name: string }>("/api/v1/api-keys?status=active&sort=name");
    expect(active.data.map((k) => k.name)).toEqual(["alpha"]);
    const revoked = await get<{ name: string }>("/api/v1/api-keys?status=revoked");
    expect(revoked.data.map((k) => k.name)).toEqual(["beta"]);
  });
});

describe("account team", () => {
  it("filters by team role and sorts by name", async () => {
    await post(`/api/v1/accounts/${accountId}/team`, { userId: ws.users.member.id, teamRole: "csm" });
    await post(`/api/v1/accounts/${accountId}/team`, {
      userId: ws.users.manager.id,
      teamRole: "executive_sponsor",
    });
    const csms = await get<{ teamRole: string }>(`/api/v1/accounts/${accountId}/team?teamRole=csm`);
    expect(csms.data.map((m) => m.teamRole)).toEqual(["csm"]);
    const byName = await get<{ userName: string }>(`/api/v1/accounts/${accountId}/team?sort=-name`);
    expect(byName.data.map((m) => m.userName)).toEqual(["member of lists", "manager of lists"]);
  });
});

describe("timeline", () => {
  it("sorts oldest first on request", async () => {
    await post(`/api/v1/accounts/${accountId}/timeline`, {
      title: "Old",
      occurredAt: "2024-01-01T00:00:00Z",
    });
    const oldest = await get<{ title: string }>(
      `/api/v1/accounts/${accountId}/timeline?sort=occurred&limit=1`,
    );
    expect(oldest.data[0]?.title).toBe("Old");
  });
});

describe("imports and audit log", () => {
  it("filters imports by entity and the audit log by actor", async () => {
    const res = await t.request(owner, "POST", "/api/v1/imports/accounts", {
      csv: "name\nAcme\n",
      dryRun: true,
    });
    expect(res.statusCode).toBe(200);
    expect((await get("/api/v1/imports?entity=accounts")).data).toHaveLength(1);
    expect((await get("/api/v1/imports?entity=contacts")).data).toHaveLength(0);
    const mine = await get<{ actorUserId: string }>(`/api/v1/audit-log?actorUserId=${ws.users.owner.id}`);
    expect(mine.data.length).toBeGreaterThan(0);
    expect(new Set(mine.data.map((e) => e.actorUserId))).toEqual(new Set([ws.users.owner.id]));
  });
});
