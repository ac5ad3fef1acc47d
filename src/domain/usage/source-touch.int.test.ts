import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeWorkspace } from "../../../tests/factories/index.ts";
import { createTestDb } from "../../../tests/helpers/test-db.ts";
import { type Database, queryRows } from "../../db/index.ts";
import type { Ctx } from "../context.ts";
import { createSource } from "./index.ts";
import { touchSourceLastEvent } from "./source.queries.ts";

/** A source's last event time is written only through its own workspace. */
let database: Database;
let ctx: Ctx;
let other: Ctx;

beforeAll(async () => {
  database = await createTestDb();
  ctx = (await makeWorkspace(database.db, "touch-own")).ctx;
  other = (await makeWorkspace(database.db, "touch-other")).ctx;
});

afterAll(async () => {
  await database?.close();
});

const lastEventAt = async (id: string) =>
  (
    await queryRows<{ at: string | null }>(
      database.db,
      sql`select to_char(last_event_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as at
          from event_sources where id = ${id}`,
    )
  )[0]?.at ?? null;

describe("touchSourceLastEvent", () => {
  it("moves the source's last event time in its workspace, never through another one", async () => {
    const source = await createSource(ctx, { name: "App" });
    const at = new Date("2026-03-31T12:00:00Z");
    await touchSourceLastEvent(database.db, other.workspaceId, source.id, at, 10_000);
    expect(await lastEventAt(source.id)).toBeNull();
    await touchSourceLastEvent(database.db, ctx.workspaceId, source.id, at, 10_000);
    expect(await lastEventAt(source.id)).toBe("2026-03-31T12:00:00Z");
  });
});
