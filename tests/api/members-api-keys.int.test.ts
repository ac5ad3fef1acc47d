import type { LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ApiKey, Invitation, Member } from "../../src/contract/index.ts";
import { type Caller, createTestApp, type TestApp, type TestWorkspace } from "../helpers/test-app.ts";

/** Workspace administration: members and their roles, API keys, and the audit trail of both. */
let t: TestApp;
let ws: TestWorkspace;
let owner: Caller;
let admin: Caller;

type ErrorBody = { error: { code: string; message: string; details?: { issues?: { path: string }[] } } };
type Page<T> = { data: T[]; nextCursor: string | null };
type AuditRow = {
  action: string;
  actorUserId: string | null;
  actorApiKeyId: string | null;
  targetId: string;
  details: Record<string, unknown>;
};
const errorOf = (res: LightMyRequestResponse) => res.json<ErrorBody>().error;

const audit = async (action: string) =>
  (await t.request(owner, "GET", `/api/v1/audit-log?action=${action}&limit=200`)).json<Page<AuditRow>>().data;

let seq = 0;
/** Invites a new person and signs them in once, which makes them a member; returns the member. */
async function addPerson(role: string, by: Caller = admin): Promise<Member> {
  seq++;
  const email = `person${seq}@members.test`;
  const res = await t.request(by, "POST", "/api/v1/members", {
    email,
    name: `Person ${seq}`,
    role,
    function: "sales",
    password: "twelve-chars-or-more",
  });
  if (res.statusCode !== 201) throw new Error(`invite: ${res.statusCode} ${res.body}`);
  await t.signIn(email, "twelve-chars-or-more");
  return memberByEmail(email);
}

const memberByEmail = async (email: string): Promise<Member> => {
  const list = await t.request(owner, "GET", `/api/v1/members?q=${encodeURIComponent(email)}`);
  const found = list.json<Page<Member>>().data[0];
  if (!found) throw new Error(`${email} is not a member`);
  return found;
};

const pending = async (by: Caller = admin) =>
  (await t.request(by, "GET", "/api/v1/invitations?limit=200")).json<Page<Invitation>>().data;

beforeAll(async () => {
  t = await createTestApp();
  ws = await t.workspace("members");
  owner = await t.signIn(ws.users.owner.email);
  admin = await t.signIn(ws.users.admin.email);
});

afterAll(async () => {
  await t?.close();
});

describe("members", () => {
  it("an admin invites a new person, whose login's first sign-in makes them a member", async () => {
    const res = await t.request(admin, "POST", "/api/v1/members", {
      email: "New.Person@Members.test",
      name: "New Person",
      role: "manager",
      function: "customer_success",
      title: "Team lead",
      password: "a-good-long-password",
    });
    expect(res.statusCode).toBe(201);
    const invitation = res.json<Invitation>();
    expect(invitation).toMatchObject({
      email: "new.person@members.test",
      name: "New Person",
      role: "manager",
      function: "customer_success",
      title: "Team lead",
    });
    expect((await pending()).map((i) => i.id)).toContain(invitation.id);
    expect((await t.request(admin, "GET", "/api/v1/members?q=new.person")).json<Page<Member>>().data).toEqual(
      [],
    );

    const signedIn = await t.signIn("new.person@members.test", "a-good-long-password");
    const session = await t.request(signedIn, "GET", "/api/v1/auth/session");
    expect(session.json<{ role: string }>().role).toBe("manager");
    const m = await memberByEmail("new.person@members.test");
    expect(m).toMatchObject({ name: "New Person", role: "manager", title: "Team lead" });
    expect((await pending()).map((i) => i.id)).not.toContain(invitation.id);

    const invited = (await audit("member.invite")).find((r) => r.targetId === invitation.id);
    expect(invited).toMatchObject({ actorUserId: ws.users.admin.id, details: { role: "manager" } });
    const added = (await audit("member.add")).find((r) => r.targetId === m.userId);
    expect(added).toMatchObject({
      actorUserId: m.userId,
      details: { role: "manager", invitation: invitation.id },
    });
    expect(JSON.stringify(await audit("member.invite"))).not.toContain("a-good-long-password");
  });

  it("needs no password, but judges one given; a short one is refused at the field", async () => {
    const base = { email: "nopass@members.test", name: "No Pass", role: "member", function: "sales" };
    const short = await t.request(admin, "POST", "/api/v1/members", { ...base, password: "elevenchars" });
    expect(short.statusCode).toBe(400);
    expect(errorOf(short).details?.issues?.[0]?.path).toBe("password");
    expect((await pending()).map((i) => i.email)).not.toContain("nopass@members.test");
    // Without a password nobody can sign in as them yet (the emailed link comes later): invited only.
    const missing = await t.request(admin, "POST", "/api/v1/members", base);
    expect(missing.statusCode).toBe(201);
    expect((await pending()).map((i) => i.email)).toContain("nopass@members.test");
    const list = await t.request(admin, "GET", "/api/v1/members?q=nopass");
    expect(list.json<Page<Member>>().data).toEqual([]);
  });

  it("refuses an easily guessed password at the field, saying why, and stores nothing", async () => {
    const base = { email: "weak@members.test", name: "Weak Pass", role: "member", function: "sales" };
    for (const password of ["            ", "password1234"]) {
      const res = await t.request(admin, "POST", "/api/v1/members", { ...base, password });
      expect(res.statusCode, password).toBe(400);
      const error = errorOf(res);
      expect(error.code).toBe("VALIDATION_FAILED");
      expect(error.details?.issues?.[0]?.path).toBe("password");
      expect(error.message).toMatch(/too easy to guess/);
    }
    const list = await t.request(admin, "GET", "/api/v1/members?q=weak");
    expect(list.json<Page<Member>>().data).toEqual([]);
    const signIn = await t.app.inject({
      method: "POST",
      url: "/api/v1/auth/login",
      payload: { email: base.email, password: "password1234" },
    });
    expect(signIn.statusCode).toBe(401);
  });

  it("refuses to add a member twice", async () => {
    const res = await t.request(admin, "POST", "/api/v1/members", {
      email: ws.users.member.email,
      name: "Again",
      role: "member",
      function: "sales",
    });
    expect(res.statusCode).toBe(409);
  });

  it("changes a role, audited with from and to", async () => {
    const m = await addPerson("member");
    const res = await t.request(admin, "PATCH", `/api/v1/members/${m.userId}`, {
      role: "leader",
      title: "Lead",
    });
    expect(res.statusCode).toBe(200);
    expect(res.json<Member>()).toMatchObject({ role: "leader", title: "Lead" });
    const row = (await audit("member.role_change")).find((r) => r.targetId === m.userId);
    expect(row).toMatchObject({ actorUserId: ws.users.admin.id, details: { from: "member", to: "leader" } });

    // A change that leaves the role alone is not a role change.
    await t.request(admin, "PATCH", `/api/v1/members/${m.userId}`, { title: "Lead 2" });
    expect((await audit("member.role_change")).filter((r) => r.targetId === m.userId)).toHaveLength(1);
  });

  it("an admin cannot grant, change or remove the owner role", async () => {
    const m = await addPerson("member");
    const grant = await t.request(admin, "PATCH", `/api/v1/members/${m.userId}`, { role: "owner" });
    expect(grant.statusCode).toBe(403);
    expect(errorOf(grant).code).toBe("FORBIDDEN");
    const addOwner = await t.request(admin, "POST", "/api/v1/members", {
      email: "wannabe@members.test",
      name: "Wannabe",
      role: "owner",
      function: "sales",
      password: "twelve-chars-or-more",
    });
    expect(addOwner.statusCode).toBe(403);
    const demote = await t.request(admin, "PATCH", `/api/v1/members/${ws.users.owner.id}`, {
      role: "viewer",
    });
    expect(demote.statusCode).toBe(403);
    expect((await t.request(admin, "DELETE", `/api/v1/members/${ws.users.owner.id}`)).statusCode).toBe(403);

    const members = (await t.request(admin, "GET", "/api/v1/members?role=owner")).json<Page<Member>>().data;
    expect(members.map((x) => x.userId)).toEqual([ws.users.owner.id]);
  });

  it("an owner can make another owner; the last owner can be neither demoted nor removed", async () => {
    const solo = await t.workspace("solo-owner");
    const soloOwner = await t.signIn(solo.users.owner.email);
    const demoteSelf = await t.request(soloOwner, "PATCH", `/api/v1/members/${solo.users.owner.id}`, {
      role: "admin",
    });
    expect(demoteSelf.statusCode).toBe(409);
    expect(errorOf(demoteSelf).code).toBe("CONFLICT");
    expect((await t.request(soloOwner, "DELETE", `/api/v1/members/${solo.users.owner.id}`)).statusCode).toBe(
      409,
    );

    const promote = await t.request(soloOwner, "PATCH", `/api/v1/members/${solo.users.admin.id}`, {
      role: "owner",
    });
    expect(promote.statusCode).toBe(200);
    // With a second owner, the first may step down.
    const stepDown = await t.request(soloOwner, "PATCH", `/api/v1/members/${solo.users.owner.id}`, {
      role: "admin",
    });
    expect(stepDown.statusCode).toBe(200);
    const newOwner = await t.signIn(solo.users.admin.email);
    expect((await t.request(newOwner, "DELETE", `/api/v1/members/${solo.users.admin.id}`)).statusCode).toBe(
      409,
    );
  });

  it("removes a member, audited, and 404s for someone who is not one", async () => {
    const m = await addPerson("viewer");
    expect((await t.request(admin, "DELETE", `/api/v1/members/${m.userId}`)).statusCode).toBe(204);
    expect((await t.request(admin, "DELETE", `/api/v1/members/${m.userId}`)).statusCode).toBe(404);
    const row = (await audit("member.remove")).find((r) => r.targetId === m.userId);
    expect(row).toMatchObject({ actorUserId: ws.users.admin.id, details: { role: "viewer" } });
    const list = (await t.request(admin, "GET", `/api/v1/members?q=${encodeURIComponent(m.email)}`)).json<
      Page<Member>
    >();
    expect(list.data).toEqual([]);
  });

  it("lists members by name, filtered by role and search, treating % literally", async () => {
    const all = (await t.request(admin, "GET", "/api/v1/members?limit=200")).json<Page<Member>>().data;
    const names = all.map((m) => m.name.toLowerCase());
    expect(names).toEqual([...names].sort());
    const viewers = (await t.request(admin, "GET", "/api/v1/members?role=viewer")).json<Page<Member>>().data;
    expect(viewers.length).toBeGreaterThan(0);
    expect(viewers.every((m) => m.role === "viewer")).toBe(true);
    const percent = await t.request(admin, "GET", "/api/v1/members?q=%25");
    expect(percent.json<Page<Member>>().data).toEqual([]);
  });
});

describe("API keys", () => {
  it("shows the secret once: in the create answer, never in the list", async () => {
    const res = await t.request(admin, "POST", "/api/v1/api-keys", {
      name: "CRM sync",
      scopes: ["read", "write"],
    });
    expect(res.statusCode).toBe(201);
    const created = res.json<ApiKey & { key: string }>();
    expect(created.key).toMatch(/^stw_[A-Za-z0-9]{8}_[A-Za-z0-9_-]{20,}$/);
    expect(created.key.startsWith(`${created.prefix}_`)).toBe(true);
    expect(created).toMatchObject({
      name: "CRM sync",
      scopes: ["read", "write"],
      lastUsedAt: null,
      revokedAt: null,
    });

    const list = await t.request(admin, "GET", "/api/v1/api-keys");
    expect(list.statusCode).toBe(200);
    const listed = list.json<Page<ApiKey & { key?: string }>>().data.find((k) => k.id === created.id);
    expect(listed).toMatchObject({ name: "CRM sync", prefix: created.prefix });
    expect(listed).not.toHaveProperty("key");
    const secret = created.key.slice(created.prefix.length + 1);
    expect(list.body).not.toContain(secret);

    const row = (await audit("api_key.create")).find((r) => r.targetId === created.id);
    expect(row).toMatchObject({
      actorUserId: ws.users.admin.id,
      details: { name: "CRM sync", scopes: ["read", "write"] },
    });
    expect(JSON.stringify(row)).not.toContain(secret);
  });

  it("works as a Bearer token within its scopes only", async () => {
    const res = await t.request(admin, "POST", "/api/v1/api-keys", { name: "Reader", scopes: ["read"] });
    const key = res.json<{ id: string; key: string }>();
    const reader: Caller = { headers: { authorization: `Bearer ${key.key}` } };

    expect((await t.request(reader, "GET", "/api/v1/accounts")).statusCode).toBe(200);
    const write = await t.request(reader, "POST", "/api/v1/accounts", { name: "Nope" });
    expect(write.statusCode).toBe(403);
    expect(errorOf(write).message).toContain('"write"');
    // A key is never a browser session.
    expect((await t.request(reader, "GET", "/api/v1/auth/session")).statusCode).toBe(403);

    const listed = (await t.request(admin, "GET", "/api/v1/api-keys")).json<Page<ApiKey>>().data;
    expect(listed.find((k) => k.id === key.id)?.lastUsedAt).not.toBeNull();

    const writerKey = await t.request(admin, "POST", "/api/v1/api-keys", {
      name: "Writer",
      scopes: ["write"],
    });
    const writer: Caller = { headers: { authorization: `Bearer ${writerKey.json<{ key: string }>().key}` } };
    const created = await t.request(writer, "POST", "/api/v1/accounts", { name: "Made by key" });
    expect(created.statusCode).toBe(201);
    // Writes made with a key need no CSRF token, and the timeline names no person.
    const entries = await t.request(
      reader,
      "GET",
      `/api/v1/accounts/${created.json<{ id: string }>().id}/timeline`,
    );
    expect(entries.json<Page<{ authorId: string | null }>>().data[0]?.authorId).toBeNull();
  });

  it("refuses a malformed, unknown or tampered key with 401 even when a cookie is also sent", async () => {
    const res = await t.request(admin, "POST", "/api/v1/api-keys", { name: "Real", scopes: ["read"] });
    const real = res.json<{ key: string }>().key;
    expect(
      (await t.request({ headers: { authorization: `Bearer ${real}` } }, "GET", "/api/v1/accounts"))
        .statusCode,
    ).toBe(200);
    const tampered = `${real.slice(0, -4)}${real.endsWith("AAAA") ? "BBBB" : "AAAA"}`;
    for (const authorization of [
      `Bearer ${tampered}`,
      "Bearer stw_abcdefgh_thisisnotarealkeyatallnope",
      "Bearer nonsense",
      `Basic ${real}`,
      "Bearer",
    ]) {
      const r = await t.request(
        { headers: { authorization, cookie: admin.headers.cookie ?? "" } },
        "GET",
        "/api/v1/accounts",
      );
      expect(r.statusCode, authorization).toBe(401);
      expect(errorOf(r).code).toBe("UNAUTHENTICATED");
    }
  });

  it("a revoked key answers 401 at once, and the revocation is audited", async () => {
    const res = await t.request(admin, "POST", "/api/v1/api-keys", { name: "Short-lived", scopes: ["read"] });
    const key = res.json<{ id: string; key: string }>();
    const caller: Caller = { headers: { authorization: `Bearer ${key.key}` } };
    // Used just before: the key now sits in the in-process cache of valid keys.
    expect((await t.request(caller, "GET", "/api/v1/accounts")).statusCode).toBe(200);

    expect((await t.request(admin, "DELETE", `/api/v1/api-keys/${key.id}`)).statusCode).toBe(204);
    const after = await t.request(caller, "GET", "/api/v1/accounts");
    expect(after.statusCode).toBe(401);
    expect(errorOf(after).code).toBe("UNAUTHENTICATED");

    const listed = (await t.request(admin, "GET", "/api/v1/api-keys")).json<Page<ApiKey>>().data;
    expect(listed.find((k) => k.id === key.id)?.revokedAt).not.toBeNull();
    const row = (await audit("api_key.revoke")).find((r) => r.targetId === key.id);
    expect(row).toMatchObject({ actorUserId: ws.users.admin.id, details: { name: "Short-lived" } });

    // Revoking again changes nothing and records nothing more.
    expect((await t.request(admin, "DELETE", `/api/v1/api-keys/${key.id}`)).statusCode).toBe(204);
    expect((await audit("api_key.revoke")).filter((r) => r.targetId === key.id)).toHaveLength(1);
  });

  it("an admin key can manage keys, and its actions are audited under the key", async () => {
    // Scopes are independent: the key holds `read` to grant it (api-key-person tests the refusal).
    const adminKey = await t.request(admin, "POST", "/api/v1/api-keys", {
      name: "Admin bot",
      scopes: ["admin", "read"],
    });
    const bot = adminKey.json<{ id: string; key: string }>();
    const caller: Caller = { headers: { authorization: `Bearer ${bot.key}` } };
    const made = await t.request(caller, "POST", "/api/v1/api-keys", {
      name: "Made by bot",
      scopes: ["read"],
    });
    expect(made.statusCode).toBe(201);
    const row = (await audit("api_key.create")).find((r) => r.targetId === made.json<{ id: string }>().id);
    expect(row).toMatchObject({ actorUserId: null, actorApiKeyId: bot.id });
  });

  it("refuses a key with no scopes or an unknown scope", async () => {
    for (const scopes of [[], ["superuser"]]) {
      const res = await t.request(admin, "POST", "/api/v1/api-keys", { name: "Bad", scopes });
      expect(res.statusCode).toBe(400);
    }
  });

  it("answers 404 when revoking another workspace's key", async () => {
    const other = await t.workspace("keys-other");
    const theirOwner = await t.signIn(other.users.owner.email);
    const theirs = await t.request(theirOwner, "POST", "/api/v1/api-keys", {
      name: "Theirs",
      scopes: ["read"],
    });
    const { id, key } = theirs.json<{ id: string; key: string }>();
    expect((await t.request(admin, "DELETE", `/api/v1/api-keys/${id}`)).statusCode).toBe(404);
    expect(
      (await t.request({ headers: { authorization: `Bearer ${key}` } }, "GET", "/api/v1/accounts"))
        .statusCode,
    ).toBe(200);
  });
});
