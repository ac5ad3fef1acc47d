import { sql } from "drizzle-orm";
import type { LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "../../src/db/index.ts";
import { createTestApp, TEST_PASSWORD, type TestApp, type TestWorkspace } from "../helpers/test-app.ts";

/** Session timeouts and rate limits, each read from the configuration the app was built with. */
type ErrorBody = { error: { code: string; message: string } };
const errorOf = (res: LightMyRequestResponse) => res.json<ErrorBody>().error;

describe("session timeouts (SESSION_IDLE_MINUTES=5, SESSION_ABSOLUTE_HOURS=2, COOKIE_SECURE=true)", () => {
  let t: TestApp;
  let ws: TestWorkspace;

  beforeAll(async () => {
    t = await createTestApp({
      SESSION_IDLE_MINUTES: "5",
      SESSION_ABSOLUTE_HOURS: "2",
      COOKIE_SECURE: "true",
    });
    ws = await t.workspace("timeouts");
  });
  afterAll(async () => {
    await t?.close();
  });

  const sessionsOf = (userId: string) =>
    queryRows<{ id: string; created_at: string; expires_at: string }>(
      t.database.db,
      sql`select id, created_at::text, expires_at::text from sessions where user_id = ${userId}`,
    );

  const whoAmI = (caller: { headers: Record<string, string> }) =>
    t.request(caller, "GET", "/api/v1/auth/session");

  it("the session and its Secure cookie expire after the configured absolute lifetime", async () => {
    const before = Date.now();
    const res = await t.app.inject({
      method: "POST",
      url: "/api/v1/auth/login",
      payload: { email: ws.users.member.email, password: TEST_PASSWORD },
    });
    const cookie = res.cookies.find((c) => c.name === "steward_session");
    expect(cookie).toMatchObject({ httpOnly: true, secure: true, sameSite: "Lax" });
    const expires = cookie?.expires?.getTime() ?? 0;
    // Cookie expiry has one-second resolution.
    expect(expires).toBeGreaterThanOrEqual(before + 2 * 3_600_000 - 1_000);
    expect(expires).toBeLessThanOrEqual(Date.now() + 2 * 3_600_000);
    const [row] = await sessionsOf(ws.users.member.id);
    const lifetime = Date.parse(row?.expires_at ?? "") - Date.parse(row?.created_at ?? "");
    expect(lifetime).toBe(2 * 3_600_000);
  });

  it("ends a session idle for longer than the idle timeout, and only then", async () => {
    const caller = await t.signIn(ws.users.manager.email);
    const moveLastSeen = (minutes: number) =>
      t.database.db.execute(
        sql`update sessions set last_seen_at = now() - make_interval(mins => ${minutes})
            where user_id = ${ws.users.manager.id}`,
      );

    // Four minutes idle is within the five allowed; the request also marks the session as used again.
    await moveLastSeen(4);
    expect((await whoAmI(caller)).statusCode).toBe(200);
    const [touched] = await queryRows<{ idle: number }>(
      t.database.db,
      sql`select extract(epoch from now() - last_seen_at)::int as idle from sessions where user_id = ${ws.users.manager.id}`,
    );
    expect(touched?.idle).toBeLessThan(60);

    await moveLastSeen(6);
    const res = await whoAmI(caller);
    expect(res.statusCode).toBe(401);
    expect(errorOf(res).code).toBe("UNAUTHENTICATED");
    expect(await sessionsOf(ws.users.manager.id)).toEqual([]);
  });

  it("ends a session past its absolute expiry however recently it was used", async () => {
    const caller = await t.signIn(ws.users.leader.email);
    expect((await whoAmI(caller)).statusCode).toBe(200);
    await t.database.db.execute(
      sql`update sessions set created_at = now() - interval '3 hours', expires_at = now() - interval '1 minute',
          last_seen_at = now() where user_id = ${ws.users.leader.id}`,
    );
    expect((await whoAmI(caller)).statusCode).toBe(401);
    expect((await t.request(caller, "GET", "/api/v1/accounts")).statusCode).toBe(401);
    expect(await sessionsOf(ws.users.leader.id)).toEqual([]);
  });
});

describe("rate limits (LOGIN_RATE_LIMIT=3, API_RATE_LIMIT=5)", () => {
  let t: TestApp;
  let ws: TestWorkspace;

  beforeAll(async () => {
    t = await createTestApp({ LOGIN_RATE_LIMIT: "3", API_RATE_LIMIT: "5" });
    ws = await t.workspace("limits");
  });
  afterAll(async () => {
    await t?.close();
  });

  const login = (email: string, password: string) =>
    t.app.inject({ method: "POST", url: "/api/v1/auth/login", payload: { email, password } });

  it("refuses the fourth sign-in attempt in a minute with 429 and Retry-After, even with the right password", async () => {
    const email = ws.users.member.email;
    for (let i = 0; i < 3; i++) {
      expect((await login(email, "wrong-password-here")).statusCode).toBe(401);
    }
    const fourth = await login(email, TEST_PASSWORD);
    expect(fourth.statusCode).toBe(429);
    expect(errorOf(fourth).code).toBe("RATE_LIMITED");
    expect(errorOf(fourth).message).toMatch(/3 per minute/);
    const retryAfter = Number(fourth.headers["retry-after"]);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(fourth.cookies.find((c) => c.name === "steward_session")).toBeUndefined();
  });

  it("counts sign-in attempts per email, so one person's lockout does not lock out another", async () => {
    expect((await login(ws.users.viewer.email, TEST_PASSWORD)).statusCode).toBe(200);
  });

  it("limits API requests per key: the sixth in a minute is refused, another key is unaffected", async () => {
    const first = await t.apiKey(ws, ["read"]);
    const second = await t.apiKey(ws, ["read"]);
    for (let i = 0; i < 5; i++) {
      expect((await t.request(first, "GET", "/api/v1/accounts")).statusCode).toBe(200);
    }
    const sixth = await t.request(first, "GET", "/api/v1/accounts");
    expect(sixth.statusCode).toBe(429);
    expect(errorOf(sixth).code).toBe("RATE_LIMITED");
    expect(Number(sixth.headers["retry-after"])).toBeGreaterThan(0);
    // Another route does not reset the count for the key.
    expect((await t.request(first, "GET", "/api/v1/contacts")).statusCode).toBe(429);

    expect((await t.request(second, "GET", "/api/v1/accounts")).statusCode).toBe(200);
  });

  it("limits a cookie session the same way", async () => {
    const caller = await t.signIn(ws.users.owner.email);
    for (let i = 0; i < 5; i++) {
      expect((await t.request(caller, "GET", "/api/v1/accounts")).statusCode).toBe(200);
    }
    expect((await t.request(caller, "GET", "/api/v1/accounts")).statusCode).toBe(429);
  });
});
