import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { makeWorkspace } from "../../../tests/factories/index.ts";
import { createTestDb } from "../../../tests/helpers/test-db.ts";
import { type Database, queryRows } from "../../db/index.ts";
import { createAccount } from "../accounts/index.ts";
import type { Ctx } from "../context.ts";
import {
  authenticateSource,
  catchUpRollups,
  createSource,
  flushRollups,
  ingestEvents,
  markRollupsDirty,
  readRequest,
  rebuildRollups,
  type SourceAuth,
} from "./index.ts";
import { rollUpQueued } from "./roll-up.ts";

let database: Database;
let ctx: Ctx;
let source: SourceAuth;
let account: string;

const rows = <T>(q: ReturnType<typeof sql>) => queryRows<T>(database.db, q);

async function ingest(batch: unknown[]) {
  const at = new Date();
  return ingestEvents(database.db, source, readRequest("batch", { batch }, 100, at), at);
}

const track = (userId: string, event: string, day = "2026-11-20") => ({
  type: "track",
  userId,
  event,
  timestamp: `${day}T10:00:00Z`,
  context: { groupId: "roll" },
});

/** Raw events, queued rows and the three rollups' totals for the account. */
async function totals() {
  const [t] = await rows<{
    raw: number;
    queued: number;
    aed: number;
    users: number;
    ued: number;
    ud: number;
  }>(sql`
    select (select count(*)::int from usage_events where account_id = ${account} and type = 'track') as raw,
           (select count(*)::int from usage_rollup_queue where account_id = ${account}) as queued,
           (select coalesce(sum(events), 0)::int from usage_account_event_days where account_id = ${account}) as aed,
           (select coalesce(sum(users), 0)::int from usage_account_event_days where account_id = ${account}) as users,
           (select coalesce(sum(events), 0)::int from usage_user_event_days where account_id = ${account}) as ued,
           (select coalesce(sum(events), 0)::int from usage_user_days where account_id = ${account}) as ud`);
  return t;
}

beforeAll(async () => {
  database = await createTestDb();
  ctx = (await makeWorkspace(database.db, { slug: "roll-up", name: "Roll-up", withOwner: false })).system;
  const created = await createSource(ctx, { name: "App" });
  source = (await authenticateSource(database.db, created.writeKey)) as SourceAuth;
  account = (await createAccount(ctx, { name: "Roll Co", externalId: "roll" })).id;
});

afterAll(async () => {
  await database?.close();
});

describe("the roller", () => {
  it("queues stored events and adds them to the rollups in one go; users are counted once per day", async () => {
    // The scheduled run must not race the assertions below: hold it off.
    vi.useFakeTimers({ toFake: ["setTimeout"] });
    try {
      await ingest([track("a", "Export"), track("b", "Export"), track("a", "Export")]);
      expect(await totals()).toEqual({ raw: 3, queued: 3, aed: 0, users: 0, ued: 0, ud: 0 });
      // Two rows per statement: the first run takes a's two Exports, the second b's.
      expect(await rollUpQueued(database.db, 2)).toBe(2);
      expect(await rollUpQueued(database.db, 2)).toBe(1);
      expect(await rollUpQueued(database.db, 2)).toBe(0);
      expect(await totals()).toEqual({ raw: 3, queued: 0, aed: 3, users: 2, ued: 3, ud: 3 });

      // a again on the same day adds events, not a user; c on another day is a new user there.
      await ingest([track("a", "Export"), track("c", "Export", "2026-11-21")]);
      await flushRollups(database.db);
      expect(await totals()).toEqual({ raw: 5, queued: 0, aed: 5, users: 3, ued: 5, ud: 5 });
    } finally {
      vi.useRealTimers();
    }
  });

  it("runs on its own moments after a write", async () => {
    await ingest([track("d", "Share")]);
    await vi.waitFor(
      async () => {
        expect(await totals()).toMatchObject({ raw: 6, queued: 0, aed: 6 });
      },
      { timeout: 5000, interval: 50 },
    );
  });

  it("a rebuild takes the queued rows of its days along, so nothing is counted twice", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout"] });
    try {
      await ingest([track("e", "Share", "2026-11-22"), track("e", "Share", "2026-11-23")]);
      expect(await totals()).toMatchObject({ raw: 8, queued: 2 });
      // Only the 22nd is rebuilt: its queued row goes with it; the 23rd's waits for the roller.
      await rebuildRollups(database.db, ctx.workspaceId, account, ["2026-11-22"]);
      expect(await totals()).toEqual({ raw: 8, queued: 1, aed: 7, users: 5, ued: 7, ud: 7 });
      await flushRollups(database.db);
      expect(await totals()).toEqual({ raw: 8, queued: 0, aed: 8, users: 6, ued: 8, ud: 8 });
    } finally {
      vi.useRealTimers();
    }
  });

  it("the catch-up job first adds what is queued, then rebuilds marked days", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout"] });
    try {
      await ingest([track("f", "Share", "2026-11-24")]);
      await database.db.execute(sql`update usage_account_event_days set events = 99
        where account_id = ${account} and day = '2026-11-22'`);
      await markRollupsDirty(database.db, ctx.workspaceId, [{ accountId: account, day: "2026-11-22" }]);
      expect(await catchUpRollups(database.db)).toBe(1);
      expect(await totals()).toEqual({ raw: 9, queued: 0, aed: 9, users: 7, ued: 9, ud: 9 });
    } finally {
      vi.useRealTimers();
    }
  });
});
