import { sql } from "drizzle-orm";
import type { LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Account, ApiKey, Member, TimelineEntry } from "../../src/contract/index.ts";
import type { Ctx } from "../../src/domain/context.ts";
import { issueApiKey } from "../../src/domain/workflows/index.ts";
import { makeWorkspace } from "../factories/index.ts";
import { type Caller, createTestApp, type TestApp, type TestWorkspace } from "../helpers/test-app.ts";

/**
 * Every API key belongs to a person and acts as them, limited by its scopes: a key made with a key
 * belongs to that key's person, dies when they leave, grants only scopes it holds, and loses at
 * once what its person's role loses, whether or not the key was revoked.
 */
let t: TestApp;
let ws: TestWorkspace;
let owner: Caller;

type Page<T> = { data: T[]; nextCursor: string | null };
type ErrorBody = { error: { code: string; message: string } };
type NewKey = ApiKey & { key: string };
const errorOf = (res: LightMyRequestResponse) => res.json<ErrorBody>().error;
const bearer = (key: string): Caller => ({ headers: { authorization: `Bearer ${key}` } });

let seq = 0;
/** A new member with this role who has signed in once (which makes them a member). */
async function person(role: string): Promise<{ member: Member; session: Caller }> {
  seq++;
  const email = `person${seq}@key-person.test`;
  const res = await t.request(owner, "POST", "/api/v1/members", {
    email,
    name: `Person ${seq}`,
    role,
    function: "sales",
    password: "twelve-chars-or-more",
  });
  expect(res.statusCode).toBe(201);
  const session = await t.signIn(email, "twelve-chars-or-more");
  const listed = await t.request(owner, "GET", `/api/v1/members?q=${encodeURIComponent(email)}`);
  return { member: listed.json<Page<Member>>().data[0] as Member, session };
}

async function newKey(by: Caller, scopes: ApiKey["scopes"], name = scopes.join("+")): Promise<NewKey> {
  const res = await t.request(by, "POST", "/api/v1/api-keys", { name, scopes });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<NewKey>();
}

const listedKey = async (id: string) =>
  (await t.request(owner, "GET", "/api/v1/api-keys?limit=200"))
    .json<Page<ApiKey>>()
    .data.find((k) => k.id === id);

beforeAll(async () => {
  t = await createTestApp();
  ws = await t.workspace("key-person");
  owner = await t.signIn(ws.users.owner.email);
});

afterAll(async () => {
  await t?.close();
});

describe("a key made with a key", () => {
  it("belongs to that key's person and dies with their access, so it cannot make a login after", async () => {
    const { member, session } = await person("admin");
    const parent = await newKey(session, ["admin", "read"]);
    const childRes = await t.request(bearer(parent.key), "POST", "/api/v1/api-keys", {
      name: "made by a key",
      scopes: ["admin"],
    });
    expect(childRes.statusCode).toBe(201);
    const child = childRes.json<NewKey>();
    expect(child.userId).toBe(member.userId);
    expect((await listedKey(child.id))?.userId).toBe(member.userId);

    expect((await t.request(owner, "DELETE", `/api/v1/members/${member.userId}`)).statusCode).toBe(204);
    expect((await listedKey(child.id))?.revokedAt).not.toBeNull();
    // The probe's next step: the surviving key invited an admin with a password it chose.
    const invite = await t.request(bearer(child.key), "POST", "/api/v1/members", {
      email: "backdoor@key-person.test",
      name: "Backdoor",
      role: "admin",
      function: "sales",
      password: "twelve-chars-or-more",
    });
    expect(invite.statusCode).toBe(401);
    expect((await t.request(bearer(parent.key), "GET", "/api/v1/accounts")).statusCode).toBe(401);
    const invited = await t.request(owner, "GET", "/api/v1/invitations?limit=200");
    expect(invited.body).not.toContain("backdoor@key-person.test");
  });

  it("grants only scopes the making key holds: admin implies neither read nor write", async () => {
    const adminOnly = await newKey(owner, ["admin"]);
    const before = (await t.request(owner, "GET", "/api/v1/api-keys?limit=200")).json<Page<ApiKey>>().data
      .length;
    for (const scopes of [["read"], ["write"], ["admin", "ingest"]]) {
      const res = await t.request(bearer(adminOnly.key), "POST", "/api/v1/api-keys", {
        name: "More",
        scopes,
      });
      expect(res.statusCode, scopes.join()).toBe(403);
      expect(errorOf(res)).toMatchObject({ code: "FORBIDDEN" });
      expect(errorOf(res).message).toContain("only grant scopes it holds");
    }
    const after = (await t.request(owner, "GET", "/api/v1/api-keys?limit=200")).json<Page<ApiKey>>().data
      .length;
    expect(after).toBe(before);
    // An admin key alone cannot read, either.
    expect((await t.request(bearer(adminOnly.key), "GET", "/api/v1/accounts")).statusCode).toBe(403);

    const wider = await newKey(owner, ["admin", "read", "write"]);
    const narrower = await t.request(bearer(wider.key), "POST", "/api/v1/api-keys", {
      name: "Reader",
      scopes: ["read"],
    });
    expect(narrower.statusCode).toBe(201);
  });
});

describe("a key acts as its person, by their current role", () => {
  let account: Account;
  let authorNote: TimelineEntry;

  beforeAll(async () => {
    const writer = await t.signIn(ws.users.member.email);
    account = (await t.request(writer, "POST", "/api/v1/accounts", { name: "Notes Co" })).json<Account>();
    const res = await t.request(writer, "POST", `/api/v1/accounts/${account.id}/timeline`, { title: "Mine" });
    authorNote = res.json<TimelineEntry>();
  });
  const noteUrl = (note: TimelineEntry) => `/api/v1/accounts/${account.id}/timeline/${note.id}`;

  it("a write key whose person is demoted to member may no longer edit other people's notes", async () => {
    const { member, session } = await person("admin");
    const key = await newKey(session, ["read", "write"]);
    // Allowed while the person may (and the key is now in the process's cache).
    expect(
      (await t.request(bearer(key.key), "PATCH", noteUrl(authorNote), { body: "Synced" })).statusCode,
    ).toBe(200);
    const demoted = await t.request(owner, "PATCH", `/api/v1/members/${member.userId}`, { role: "member" });
    expect(demoted.statusCode).toBe(200);
    // Members may hold `write`, so the key is not revoked; its person's role still bounds it.
    expect((await listedKey(key.id))?.revokedAt).toBeNull();
    const edit = await t.request(bearer(key.key), "PATCH", noteUrl(authorNote), { title: "Theirs now" });
    expect(edit.statusCode).toBe(403);
    expect(errorOf(edit)).toMatchObject({
      code: "FORBIDDEN",
      message: "Only the note's author or a manager can change it",
    });
    expect((await t.request(bearer(key.key), "DELETE", noteUrl(authorNote))).statusCode).toBe(403);
    const kept = await t.request(owner, "GET", noteUrl(authorNote));
    expect(kept.json<TimelineEntry>().title).toBe("Mine");
    // What a member may do, the key still does.
    expect(
      (
        await t.request(bearer(key.key), "POST", `/api/v1/accounts/${account.id}/timeline`, {
          title: "Still here",
        })
      ).statusCode,
    ).toBe(201);
  });

  it("the role bounds even a key that was never revoked", async () => {
    const { member, session } = await person("admin");
    const key = await newKey(session, ["admin", "read", "write"]);
    const unused = await newKey(session, ["read"]);
    // The role changes behind the workflows' back: no revocation happens, the key is not cached.
    await t.database.db.execute(
      sql`update memberships set role = 'viewer' where workspace_id = ${ws.id} and user_id = ${member.userId}`,
    );
    expect((await listedKey(key.id))?.revokedAt).toBeNull();
    const list = await t.request(bearer(key.key), "GET", "/api/v1/api-keys");
    expect(list.statusCode).toBe(403);
    expect(errorOf(list).message).toContain("role viewer");
    expect((await t.request(bearer(key.key), "POST", "/api/v1/accounts", { name: "Nope" })).statusCode).toBe(
      403,
    );
    expect((await t.request(bearer(key.key), "GET", "/api/v1/accounts")).statusCode).toBe(200);

    // Nor does a key outlive its person's membership, revoked or not.
    await t.database.db.execute(
      sql`delete from memberships where workspace_id = ${ws.id} and user_id = ${member.userId}`,
    );
    expect((await listedKey(unused.id))?.revokedAt).toBeNull();
    expect((await t.request(bearer(unused.key), "GET", "/api/v1/accounts")).statusCode).toBe(401);
  });

  it("a key cannot reset its own person's password (that would make it their login)", async () => {
    const { member, session } = await person("admin");
    const key = await newKey(session, ["admin"]);
    const res = await t.request(bearer(key.key), "POST", `/api/v1/members/${member.userId}/password`, {
      password: "a-brand-new-long-password",
    });
    expect(res.statusCode).toBe(403);
    expect(errorOf(res).code).toBe("FORBIDDEN");
    expect(
      (
        await t.app.inject({
          method: "POST",
          url: "/api/v1/auth/login",
          payload: { email: member.email, password: "a-brand-new-long-password" },
        })
      ).statusCode,
    ).toBe(401);
  });
});

describe("keys made by Steward itself (the CLI)", () => {
  const systemCtx = (workspaceId: string): Ctx => ({
    db: t.database.db,
    workspaceId,
    actor: { kind: "system", label: "cli" },
  });

  it("belong by default to the workspace's first owner, or to the member named", async () => {
    const byDefault = await issueApiKey(ws.ctx, { name: "default", scopes: ["read"] });
    expect(byDefault).toMatchObject({ userId: ws.users.owner.id, person: ws.users.owner.email });
    const named = await issueApiKey(ws.ctx, {
      name: "named",
      scopes: ["write"],
      email: ws.users.member.email,
    });
    expect(named.userId).toBe(ws.users.member.id);
  });

  it("refuse scopes the person's role may not hold, and someone who is not a member", async () => {
    await expect(
      issueApiKey(ws.ctx, { name: "too much", scopes: ["admin"], email: ws.users.manager.email }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(
      issueApiKey(ws.ctx, { name: "stranger", scopes: ["read"], email: "nobody@key-person.test" }),
    ).rejects.toMatchObject({ code: "VALIDATION_FAILED" });
    const names = (await t.request(owner, "GET", "/api/v1/api-keys?limit=200")).json<Page<ApiKey>>().data;
    expect(names.map((k) => k.name)).not.toContain("too much");
  });

  it("in a workspace without anyone belong to a login-less operator owner, made once", async () => {
    const { workspace: bare } = await makeWorkspace(t.database.db, {
      slug: "key-bare",
      name: "Bare",
      withOwner: false,
    });
    const first = await issueApiKey(systemCtx(bare.id), { name: "sync", scopes: ["read", "admin"] });
    const second = await issueApiKey(systemCtx(bare.id), { name: "sync 2", scopes: ["read"] });
    expect(second.userId).toBe(first.userId);
    const members = await t.request(bearer(first.key), "GET", "/api/v1/members");
    expect(members.json<Page<Member>>().data).toEqual([
      expect.objectContaining({
        userId: first.userId,
        name: "Steward operator",
        role: "owner",
        email: first.person,
      }),
    ]);
    const login = await t.app.inject({
      method: "POST",
      url: "/api/v1/auth/login",
      payload: { email: first.person, password: "twelve-chars-or-more" },
    });
    expect(login.statusCode).toBe(401);
    // Its keys die with the workspace.
    await t.database.db.execute(sql`delete from workspaces where id = ${bare.id}`);
    expect((await t.request(bearer(second.key), "GET", "/api/v1/accounts")).statusCode).toBe(401);
  });
});
