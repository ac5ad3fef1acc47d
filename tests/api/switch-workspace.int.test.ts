import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SessionInfo } from "../../src/contract/index.ts";
import { queryRows } from "../../src/db/index.ts";
import { addMember } from "../../src/domain/members/index.ts";
import {
  type Caller,
  createTestApp,
  TEST_PASSWORD,
  type TestApp,
  type TestWorkspace,
} from "../helpers/test-app.ts";

/** One person, two workspaces: switching starts a new session in the other one. */
let t: TestApp;
let a: TestWorkspace;
let b: TestWorkspace;

beforeAll(async () => {
  t = await createTestApp();
  a = await t.workspace("first");
  b = await t.workspace("second");
  await addMember(b.ctx, {
    email: a.users.owner.email,
    name: "Owner of first",
    role: "member",
    function: "sales",
    password: TEST_PASSWORD,
  });
});

afterAll(async () => {
  await t?.close();
});

const cookieOf = (setCookie: string | string[] | undefined) =>
  String(Array.isArray(setCookie) ? setCookie[0] : setCookie).split(";")[0] ?? "";

describe("switching workspace", () => {
  it("ends the old session, starts one in the other workspace with its role, and keeps the expiry", async () => {
    const first = await t.signIn(a.users.owner.email);
    const account = await t.request(first, "POST", "/api/v1/accounts", { name: "Only in first" });
    expect(account.statusCode).toBe(201);
    const before = await queryRows<{ expires_at: Date }>(
      t.database.db,
      sql`select expires_at from sessions where workspace_id = ${a.id}`,
    );

    const res = await t.request(first, "POST", "/api/v1/auth/switch-workspace", { workspace: "second" });
    expect(res.statusCode).toBe(200);
    const info = res.json<SessionInfo>();
    expect(info.workspace.slug).toBe("second");
    expect(info.role).toBe("member");
    expect(info.workspaces.map((w) => w.slug).sort()).toEqual(["first", "second"]);

    expect((await t.request(first, "GET", "/api/v1/auth/session")).statusCode).toBe(401);
    const second: Caller = {
      headers: { cookie: cookieOf(res.headers["set-cookie"]), "x-csrf-token": info.csrfToken },
    };
    expect(
      (await t.request(second, "GET", `/api/v1/accounts/${account.json<{ id: string }>().id}`)).statusCode,
    ).toBe(404);
    const after = await queryRows<{ expires_at: Date }>(
      t.database.db,
      sql`select expires_at from sessions where workspace_id = ${b.id}`,
    );
    expect(after.map((r) => new Date(r.expires_at).getTime())).toEqual(
      before.map((r) => new Date(r.expires_at).getTime()),
    );
  });

  it("refuses a workspace the person does not belong to, and API keys", async () => {
    const viewer = await t.signIn(a.users.viewer.email);
    const res = await t.request(viewer, "POST", "/api/v1/auth/switch-workspace", { workspace: "second" });
    expect(res.statusCode).toBe(404);
    expect((await t.request(viewer, "GET", "/api/v1/auth/session")).statusCode).toBe(200);
    const key = await t.apiKey(a, ["read", "write", "admin"]);
    expect(
      (await t.request(key, "POST", "/api/v1/auth/switch-workspace", { workspace: "second" })).statusCode,
    ).toBe(403);
  });
});
