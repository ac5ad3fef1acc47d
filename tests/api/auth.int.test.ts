import { sql } from "drizzle-orm";
import type { LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "../../src/db/index.ts";
import {
  type Caller,
  createTestApp,
  TEST_PASSWORD,
  type TestApp,
  type TestWorkspace,
} from "../helpers/test-app.ts";

/** Sign-in, sign-out, session lifetime and what membership changes do to a live session. */
let t: TestApp;
let ws: TestWorkspace;
let admin: Caller;

type ErrorBody = { error: { code: string; message: string } };
type AuditRow = {
  action: string;
  actorUserId: string | null;
  targetId: string | null;
  success: boolean;
  details: Record<string, unknown>;
};

const errorOf = (res: LightMyRequestResponse) => res.json<ErrorBody>().error;

const login = (email: string, password: string, cookie?: string) =>
  t.app.inject({
    method: "POST",
    url: "/api/v1/auth/login",
    payload: { email, password },
    headers: cookie ? { cookie } : {},
  });

const sessionCookie = (res: LightMyRequestResponse) => {
  const c = res.cookies.find((x) => x.name === "steward_session");
  if (!c) throw new Error(`no session cookie in ${res.statusCode} ${res.body}`);
  return c;
};

const callerFrom = (res: LightMyRequestResponse): Caller => ({
  headers: {
    cookie: `steward_session=${sessionCookie(res).value}`,
    "x-csrf-token": res.json<{ csrfToken: string }>().csrfToken,
  },
});

const audit = async (action: string) =>
  (await t.request(admin, "GET", `/api/v1/audit-log?action=${action}`)).json<{ data: AuditRow[] }>().data;

beforeAll(async () => {
  t = await createTestApp();
  ws = await t.workspace("auth");
  admin = await t.signIn(ws.users.admin.email);
});

afterAll(async () => {
  await t?.close();
});

describe("login", () => {
  it("answers the session info and sets an HttpOnly, SameSite=Lax session cookie", async () => {
    const res = await login(ws.users.manager.email, TEST_PASSWORD);
    expect(res.statusCode).toBe(200);
    const info = res.json<{
      user: { id: string; email: string };
      workspace: { id: string; slug: string };
      role: string;
      csrfToken: string;
      workspaces: { slug: string; role: string }[];
    }>();
    expect(info.user).toMatchObject({ id: ws.users.manager.id, email: ws.users.manager.email });
    expect(info.workspace).toMatchObject({ id: ws.id, slug: "auth" });
    expect(info.role).toBe("manager");
    expect(info.csrfToken.length).toBeGreaterThanOrEqual(20);
    expect(info.workspaces).toEqual([{ slug: "auth", name: "Workspace auth", role: "manager" }]);

    const cookie = sessionCookie(res);
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe("Lax");
    expect(cookie.path).toBe("/");
    // COOKIE_SECURE=auto: plain HTTP here, so no Secure flag (a browser would drop the cookie).
    expect(cookie.secure).not.toBe(true);
    expect(cookie.value.length).toBeGreaterThanOrEqual(32);
    // The token itself is never stored: the database holds its hash.
    const rows = await queryRows<{ id: string }>(
      t.database.db,
      sql`select id from sessions where user_id = ${ws.users.manager.id}`,
    );
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.map((r) => r.id)).not.toContain(cookie.value);

    const session = await t.request(callerFrom(res), "GET", "/api/v1/auth/session");
    expect(session.statusCode).toBe(200);
    expect(session.json<{ csrfToken: string }>().csrfToken).toBe(info.csrfToken);
  });

  it("accepts the email in any letter case", async () => {
    const res = await login(ws.users.leader.email.toUpperCase(), TEST_PASSWORD);
    expect(res.statusCode).toBe(200);
    expect(res.json<{ user: { id: string } }>().user.id).toBe(ws.users.leader.id);
  });

  it("refuses a wrong password and an unknown email alike", async () => {
    const wrong = await login(ws.users.member.email, "not-the-password");
    const unknown = await login("nobody@nowhere.test", TEST_PASSWORD);
    for (const res of [wrong, unknown]) {
      expect(res.statusCode).toBe(401);
      expect(errorOf(res).code).toBe("INVALID_CREDENTIALS");
      expect(res.cookies.find((c) => c.name === "steward_session")).toBeUndefined();
    }
    expect(errorOf(wrong).message).toBe(errorOf(unknown).message);
  });

  it("refuses a workspace the person does not belong to", async () => {
    const other = await t.workspace("auth-other");
    const res = await t.app.inject({
      method: "POST",
      url: "/api/v1/auth/login",
      payload: { email: ws.users.member.email, password: TEST_PASSWORD, workspace: other.slug },
    });
    expect(res.statusCode).toBe(401);
    expect(errorOf(res).code).toBe("INVALID_CREDENTIALS");
  });

  it("refuses a body with unknown fields", async () => {
    const res = await t.app.inject({
      method: "POST",
      url: "/api/v1/auth/login",
      payload: { email: ws.users.member.email, password: TEST_PASSWORD, remember: true },
    });
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).code).toBe("VALIDATION_FAILED");
  });

  it("records successful and failed sign-ins in the audit log, never the password", async () => {
    await login(ws.users.viewer.email, TEST_PASSWORD);
    await login(ws.users.viewer.email, "wrong-password-123");

    const ok = await audit("auth.login");
    expect(ok.some((r) => r.actorUserId === ws.users.viewer.id && r.success)).toBe(true);

    const failed = (await audit("auth.login_failed")).filter((r) => r.targetId === ws.users.viewer.id);
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({
      actorUserId: null,
      success: false,
      details: { email: ws.users.viewer.email, reason: "wrong_password" },
    });
    expect(JSON.stringify(failed)).not.toContain("wrong-password-123");

    // An unknown email belongs to no workspace: the row is kept outside any workspace's log.
    await login("ghost@nowhere.test", "whatever-password");
    const rows = await queryRows<{
      workspace_id: string | null;
      success: boolean;
      details: { reason: string };
    }>(
      t.database.db,
      sql`select workspace_id, success, details from audit_log
          where action = 'auth.login_failed' and details->>'email' = 'ghost@nowhere.test'`,
    );
    expect(rows).toEqual([
      { workspace_id: null, success: false, details: expect.objectContaining({ reason: "unknown_email" }) },
    ]);
  });
});

describe("session lifecycle", () => {
  it("ends the previous session when signing in again with its cookie", async () => {
    const first = await login(ws.users.member.email, TEST_PASSWORD);
    const oldCaller = callerFrom(first);
    expect((await t.request(oldCaller, "GET", "/api/v1/auth/session")).statusCode).toBe(200);

    const second = await login(ws.users.member.email, TEST_PASSWORD, oldCaller.headers.cookie);
    expect(second.statusCode).toBe(200);
    expect(sessionCookie(second).value).not.toBe(sessionCookie(first).value);

    const old = await t.request(oldCaller, "GET", "/api/v1/auth/session");
    expect(old.statusCode).toBe(401);
    expect(errorOf(old).code).toBe("UNAUTHENTICATED");
    expect((await t.request(callerFrom(second), "GET", "/api/v1/auth/session")).statusCode).toBe(200);
  });

  it("keeps other sessions of the same person when one signs in again without a cookie", async () => {
    const a = callerFrom(await login(ws.users.member.email, TEST_PASSWORD));
    const b = callerFrom(await login(ws.users.member.email, TEST_PASSWORD));
    expect((await t.request(a, "GET", "/api/v1/auth/session")).statusCode).toBe(200);
    expect((await t.request(b, "GET", "/api/v1/auth/session")).statusCode).toBe(200);
  });

  it("logout ends the session, clears the cookie and is audited", async () => {
    const caller = callerFrom(await login(ws.users.member.email, TEST_PASSWORD));
    const out = await t.request(caller, "POST", "/api/v1/auth/logout");
    expect(out.statusCode).toBe(200);
    expect(out.json()).toEqual({ ok: true });
    const cleared = out.cookies.find((c) => c.name === "steward_session");
    expect(cleared?.value).toBe("");
    expect(cleared?.expires?.getTime()).toBeLessThanOrEqual(Date.now());

    const after = await t.request(caller, "GET", "/api/v1/auth/session");
    expect(after.statusCode).toBe(401);
    expect((await t.request(caller, "GET", "/api/v1/accounts")).statusCode).toBe(401);
    expect((await audit("auth.logout")).some((r) => r.actorUserId === ws.users.member.id)).toBe(true);
  });

  it("logout needs the CSRF token", async () => {
    const caller = callerFrom(await login(ws.users.member.email, TEST_PASSWORD));
    const res = await t.request(
      { headers: { cookie: caller.headers.cookie ?? "" } },
      "POST",
      "/api/v1/auth/logout",
    );
    expect(res.statusCode).toBe(403);
    expect(errorOf(res).code).toBe("CSRF_FAILED");
    expect((await t.request(caller, "GET", "/api/v1/auth/session")).statusCode).toBe(200);
  });

  it("treats a forged or unknown cookie as anonymous", async () => {
    const res = await t.request(
      { headers: { cookie: "steward_session=forged-token-value" } },
      "GET",
      "/api/v1/accounts",
    );
    expect(res.statusCode).toBe(401);
  });
});

/** Who a session belongs to (an invited person's id is known once they have signed in). */
const userIdOf = async (caller: Caller) =>
  (await t.request(caller, "GET", "/api/v1/auth/session")).json<{ user: { id: string } }>().user.id;

describe("membership changes reach live sessions", () => {
  it("a removed member's session stops working at once", async () => {
    const person = await t.request(admin, "POST", "/api/v1/members", {
      email: "leaving@auth.test",
      name: "Leaving Person",
      role: "member",
      function: "sales",
      password: "a-long-enough-password",
    });
    expect(person.statusCode).toBe(201);
    const caller = await t.signIn("leaving@auth.test", "a-long-enough-password");
    const userId = await userIdOf(caller);
    expect((await t.request(caller, "GET", "/api/v1/accounts")).statusCode).toBe(200);

    expect((await t.request(admin, "DELETE", `/api/v1/members/${userId}`)).statusCode).toBe(204);

    expect((await t.request(caller, "GET", "/api/v1/accounts")).statusCode).toBe(401);
    expect((await t.request(caller, "GET", "/api/v1/auth/session")).statusCode).toBe(401);
    const again = await login("leaving@auth.test", "a-long-enough-password");
    expect(again.statusCode).toBe(401);
    expect(errorOf(again).code).toBe("INVALID_CREDENTIALS");
  });

  it("a role change takes effect on the next request", async () => {
    const person = await t.request(admin, "POST", "/api/v1/members", {
      email: "shifting@auth.test",
      name: "Shifting Person",
      role: "member",
      function: "support",
      password: "a-long-enough-password",
    });
    expect(person.statusCode).toBe(201);
    const caller = await t.signIn("shifting@auth.test", "a-long-enough-password");
    const userId = await userIdOf(caller);
    expect((await t.request(caller, "POST", "/api/v1/accounts", { name: "Before" })).statusCode).toBe(201);

    await t.request(admin, "PATCH", `/api/v1/members/${userId}`, { role: "viewer" });
    const refused = await t.request(caller, "POST", "/api/v1/accounts", { name: "After" });
    expect(refused.statusCode).toBe(403);
    expect(errorOf(refused).code).toBe("FORBIDDEN");
    const session = await t.request(caller, "GET", "/api/v1/auth/session");
    expect(session.json<{ role: string }>().role).toBe("viewer");

    await t.request(admin, "PATCH", `/api/v1/members/${userId}`, { role: "admin" });
    expect((await t.request(caller, "GET", "/api/v1/api-keys")).statusCode).toBe(200);
  });
});
