import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "../../src/db/index.ts";
import { createTestApp, type TestApp, type TestWorkspace } from "../helpers/test-app.ts";

/** Sessions nobody presents again would stay forever: signing in sweeps the expired ones. */
let t: TestApp;
let ws: TestWorkspace;

const sessionsOf = async (userId: string) =>
  (
    await queryRows<{ n: number }>(
      t.database.db,
      sql`select count(*)::int as n from sessions where user_id = ${userId}`,
    )
  )[0]?.n;

beforeAll(async () => {
  t = await createTestApp({ SESSION_IDLE_MINUTES: "30" });
  ws = await t.workspace("sweep");
});

afterAll(async () => {
  await t?.close();
});

describe("signing in", () => {
  it("deletes other people's sessions past their expiry or idle for too long, and keeps live ones", async () => {
    await t.signIn(ws.users.viewer.email);
    await t.signIn(ws.users.leader.email);
    const live = await t.signIn(ws.users.manager.email);
    await t.database.db.execute(
      sql`update sessions set expires_at = now() - interval '1 minute' where user_id = ${ws.users.viewer.id}`,
    );
    await t.database.db.execute(
      sql`update sessions set last_seen_at = now() - interval '31 minutes' where user_id = ${ws.users.leader.id}`,
    );
    expect(await sessionsOf(ws.users.viewer.id)).toBe(1);
    expect(await sessionsOf(ws.users.leader.id)).toBe(1);

    await t.signIn(ws.users.member.email);

    expect(await sessionsOf(ws.users.viewer.id)).toBe(0);
    expect(await sessionsOf(ws.users.leader.id)).toBe(0);
    expect(await sessionsOf(ws.users.manager.id)).toBe(1);
    expect((await t.request(live, "GET", "/api/v1/auth/session")).statusCode).toBe(200);
  });
});
