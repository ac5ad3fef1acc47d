import type { LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addMember } from "../../src/domain/members/index.ts";
import {
  type Caller,
  createTestApp,
  TEST_PASSWORD,
  type TestApp,
  type TestWorkspace,
} from "../helpers/test-app.ts";

/** People change their own password; owners and admins give members a temporary one. */
let t: TestApp;
let ws: TestWorkspace;
let owner: Caller;

type ErrorBody = {
  error: { code: string; message: string; details?: { issues?: { path: string; message: string }[] } };
};
type AuditRow = { action: string; actorUserId: string | null; targetId: string | null; success: boolean };
type Session = { mustChangePassword: boolean; csrfToken: string; user: { email: string } };

const errorOf = (res: LightMyRequestResponse) => res.json<ErrorBody>().error;
const signInRaw = (email: string, password: string) =>
  t.app.inject({ method: "POST", url: "/api/v1/auth/login", payload: { email, password } });
const callerFrom = (res: LightMyRequestResponse): Caller => {
  const cookie = res.cookies.find((c) => c.name === "steward_session");
  if (!cookie) throw new Error(`no session cookie in ${res.statusCode} ${res.body}`);
  return {
    headers: { cookie: `steward_session=${cookie.value}`, "x-csrf-token": res.json<Session>().csrfToken },
  };
};
const audit = async (action: string) =>
  (await t.request(owner, "GET", `/api/v1/audit-log?action=${action}&limit=200`)).json<{ data: AuditRow[] }>()
    .data;
const alive = async (caller: Caller) => (await t.request(caller, "GET", "/api/v1/auth/session")).statusCode;

/** A fresh member of `ws` with this role, so each test owns its person. */
let seq = 0;
async function person(role: "admin" | "member" | "owner" = "member") {
  seq++;
  const email = `pw${seq}@passwords.test`;
  const m = await addMember(ws.ctx, {
    email,
    name: `Pat Person${seq}`,
    role,
    function: "sales",
    password: TEST_PASSWORD,
  });
  return { id: m.userId, email };
}

beforeAll(async () => {
  t = await createTestApp();
  ws = await t.workspace("passwords");
  owner = await t.signIn(ws.users.owner.email);
});

afterAll(async () => {
  await t?.close();
});

describe("changing one's own password", () => {
  it("needs the current password, ends the other sessions and renews this one, audited", async () => {
    const p = await person();
    const here = await t.signIn(p.email);
    const elsewhere = await t.signIn(p.email);
    const res = await t.request(here, "POST", "/api/v1/auth/password", {
      currentPassword: TEST_PASSWORD,
      newPassword: "plum-orchard-at-dusk-41",
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<Session>()).toMatchObject({ mustChangePassword: false, user: { email: p.email } });
    const renewed = callerFrom(res);
    expect(renewed.headers.cookie).not.toBe(here.headers.cookie);
    expect(await alive(here)).toBe(401);
    expect(await alive(elsewhere)).toBe(401);
    expect(await alive(renewed)).toBe(200);
    expect((await signInRaw(p.email, TEST_PASSWORD)).statusCode).toBe(401);
    expect((await signInRaw(p.email, "plum-orchard-at-dusk-41")).statusCode).toBe(200);
    const row = (await audit("auth.password_change")).find((r) => r.actorUserId === p.id && r.success);
    expect(row).toBeDefined();
    expect(JSON.stringify(await audit("auth.password_change"))).not.toContain("plum-orchard");
  });

  it("refuses a wrong current password at its field, audited as a failure, changing nothing", async () => {
    const p = await person();
    const me = await t.signIn(p.email);
    const res = await t.request(me, "POST", "/api/v1/auth/password", {
      currentPassword: "not-my-password-at-all",
      newPassword: "plum-orchard-at-dusk-41",
    });
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).details?.issues).toEqual([{ path: "currentPassword", message: "is not correct" }]);
    expect(await alive(me)).toBe(200);
    expect((await signInRaw(p.email, TEST_PASSWORD)).statusCode).toBe(200);
    const failed = (await audit("auth.password_change")).find((r) => r.actorUserId === p.id);
    expect(failed?.success).toBe(false);
  });

  it("refuses an easily guessed new password with zxcvbn's reason at the field", async () => {
    const p = await person();
    const me = await t.signIn(p.email);
    for (const newPassword of ["password1234", "            ", TEST_PASSWORD]) {
      const res = await t.request(me, "POST", "/api/v1/auth/password", {
        currentPassword: TEST_PASSWORD,
        newPassword,
      });
      expect(res.statusCode, newPassword).toBe(400);
      expect(errorOf(res).details?.issues?.[0]?.path).toBe("newPassword");
    }
    const weak = await t.request(me, "POST", "/api/v1/auth/password", {
      currentPassword: TEST_PASSWORD,
      newPassword: "password1234",
    });
    expect(errorOf(weak).details?.issues?.[0]?.message).toMatch(
      /too easy to guess\. This is similar to a commonly/,
    );
    expect((await signInRaw(p.email, TEST_PASSWORD)).statusCode).toBe(200);
  });

  it("is for signed-in people, not API keys", async () => {
    const key = await t.apiKey(ws, ["read", "write", "admin"]);
    const res = await t.request(key, "POST", "/api/v1/auth/password", {
      currentPassword: TEST_PASSWORD,
      newPassword: "plum-orchard-at-dusk-41",
    });
    expect(res.statusCode).toBe(403);
  });
});

describe("an owner or admin resetting a member's password", () => {
  it("sets a temporary password that must be changed at the next sign-in; only sessions end", async () => {
    const p = await person("admin");
    const theirs = await t.signIn(p.email);
    const theirKey = await t.request(theirs, "POST", "/api/v1/api-keys", { name: "mine", scopes: ["read"] });
    const key = { headers: { authorization: `Bearer ${theirKey.json<{ key: string }>().key}` } };
    const res = await t.request(owner, "POST", `/api/v1/members/${p.id}/password`, {
      password: "temporary-lantern-77",
    });
    expect(res.statusCode, res.body).toBe(204);
    expect(await alive(theirs)).toBe(401);
    // Nothing else: the membership and the API keys they made stay.
    expect((await t.request(key, "GET", "/api/v1/accounts")).statusCode).toBe(200);
    expect((await signInRaw(p.email, TEST_PASSWORD)).statusCode).toBe(401);

    const temp = await signInRaw(p.email, "temporary-lantern-77");
    expect(temp.statusCode).toBe(200);
    expect(temp.json<Session>().mustChangePassword).toBe(true);
    const limited = callerFrom(temp);
    const refused = await t.request(limited, "GET", "/api/v1/accounts");
    expect(refused.statusCode).toBe(403);
    expect(errorOf(refused).code).toBe("PASSWORD_CHANGE_REQUIRED");
    expect(await alive(limited)).toBe(200);

    const changed = await t.request(limited, "POST", "/api/v1/auth/password", {
      currentPassword: "temporary-lantern-77",
      newPassword: "my-own-quiet-river-93",
    });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json<Session>().mustChangePassword).toBe(false);
    expect((await t.request(callerFrom(changed), "GET", "/api/v1/accounts")).statusCode).toBe(200);
    const row = (await audit("member.password_reset")).find((r) => r.targetId === p.id);
    expect(row).toMatchObject({ actorUserId: ws.users.owner.id, success: true });
    expect(JSON.stringify(await audit("member.password_reset"))).not.toContain("lantern");
  });

  it("an admin cannot reset an owner's password; an owner can", async () => {
    const admin = await t.signIn(ws.users.admin.email);
    const otherOwner = await person("owner");
    const res = await t.request(admin, "POST", `/api/v1/members/${otherOwner.id}/password`, {
      password: "temporary-lantern-77",
    });
    expect(res.statusCode).toBe(403);
    expect(errorOf(res).code).toBe("FORBIDDEN");
    expect((await signInRaw(otherOwner.email, TEST_PASSWORD)).statusCode).toBe(200);
    const byOwner = await t.request(owner, "POST", `/api/v1/members/${otherOwner.id}/password`, {
      password: "temporary-lantern-77",
    });
    expect(byOwner.statusCode).toBe(204);
    const member = await person("member");
    const byAdmin = await t.request(admin, "POST", `/api/v1/members/${member.id}/password`, {
      password: "temporary-lantern-77",
    });
    expect(byAdmin.statusCode).toBe(204);
  });

  it("refuses one's own password, a weak one, and a person who belongs to another workspace", async () => {
    const self = await t.request(owner, "POST", `/api/v1/members/${ws.users.owner.id}/password`, {
      password: "temporary-lantern-77",
    });
    expect(self.statusCode).toBe(403);
    const p = await person();
    const weak = await t.request(owner, "POST", `/api/v1/members/${p.id}/password`, {
      password: "password1234",
    });
    expect(weak.statusCode).toBe(400);
    expect(errorOf(weak).details?.issues?.[0]?.path).toBe("password");
    expect((await signInRaw(p.email, TEST_PASSWORD)).statusCode).toBe(200);

    const elsewhere = await t.workspace("passwords-elsewhere");
    await addMember(elsewhere.ctx, {
      email: p.email,
      name: "Pat",
      role: "viewer",
      function: "sales",
    });
    const shared = await t.request(owner, "POST", `/api/v1/members/${p.id}/password`, {
      password: "temporary-lantern-77",
    });
    expect(shared.statusCode).toBe(403);
    expect(errorOf(shared).message).toMatch(/another workspace/);
    expect((await signInRaw(p.email, TEST_PASSWORD)).statusCode).toBe(200);
  });

  it("refuses a person with a pending invitation to another workspace: the password would open it", async () => {
    const p = await person();
    const other = await t.workspace("passwords-inviting");
    const otherOwner = await t.signIn(other.users.owner.email);
    const invited = await t.request(otherOwner, "POST", "/api/v1/members", {
      email: p.email,
      name: "Pat",
      role: "member",
      function: "sales",
    });
    expect(invited.statusCode, invited.body).toBe(201);
    const res = await t.request(owner, "POST", `/api/v1/members/${p.id}/password`, {
      password: "temporary-lantern-77",
    });
    expect(res.statusCode).toBe(403);
    expect(errorOf(res).message).toMatch(/invited/);
    expect((await signInRaw(p.email, TEST_PASSWORD)).statusCode).toBe(200);
  });
});
