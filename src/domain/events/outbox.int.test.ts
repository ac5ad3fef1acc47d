import { sql } from "drizzle-orm";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeWorkspace } from "../../../tests/factories/index.ts";
import { createTestDb } from "../../../tests/helpers/test-db.ts";
import { DAY_MS } from "../../common/dates.ts";
import { type Database, queryRows } from "../../db/index.ts";
import { createAccount, updateAccount } from "../accounts/index.ts";
import { createContact, updateContact } from "../contacts/index.ts";
import type { Ctx } from "../context.ts";
import {
  createDispatcher,
  type DeliveredEvent,
  type EventConsumer,
  listChanges,
  listParked,
  pruneOldEvents,
} from "./index.ts";

let database: Database;
let ctx: Ctx;
let other: Ctx;

beforeAll(async () => {
  database = await createTestDb();
  ctx = (await makeWorkspace(database.db, { slug: "outbox-a", name: "Outbox A", withOwner: false })).system;
  other = (await makeWorkspace(database.db, { slug: "outbox-b", name: "Outbox B", withOwner: false })).system;
});

afterAll(async () => {
  await database?.close();
});

type Seen = { workspaceId: string; type: string; accountId: string | null; position: number };

/** A consumer that remembers what it got, optionally failing on some events. */
function recorder(name: string, failOn: (e: DeliveredEvent) => boolean = () => false) {
  const seen: Seen[] = [];
  const consumer: EventConsumer = {
    name,
    types: ["account.created", "account.changed", "contact.created", "contact.changed"],
    async handle(c, events) {
      for (const e of events) if (failOn(e)) throw new Error(`cannot handle ${e.type} of ${e.accountId}`);
      seen.push(
        ...events.map((e) => ({
          workspaceId: c.workspaceId,
          type: e.type,
          accountId: e.accountId,
          position: e.position,
        })),
      );
    },
  };
  return { consumer, seen };
}

const eventsOf = (workspaceId: string) =>
  queryRows<{ type: string; account_id: string | null; data: Record<string, unknown> }>(
    database.db,
    sql`select type, account_id, data from domain_events where workspace_id = ${workspaceId} order by position`,
  );

describe("the outbox", () => {
  it("writes a typed event with the change, ids and no personal data; a refused change writes none", async () => {
    const before = (await eventsOf(ctx.workspaceId)).length;
    const account = await createAccount(ctx, { name: "Initech" });
    const contact = await createContact(ctx, {
      accountId: account.id,
      firstName: "Peter",
      lastName: "Gibbons",
      email: "peter@initech.example",
    });
    await updateContact(ctx, contact.id, { title: "Engineer" });
    const written = (await eventsOf(ctx.workspaceId)).slice(before);
    expect(written.map((e) => e.type)).toEqual(["account.created", "contact.created", "contact.changed"]);
    expect(written[2]?.data).toEqual({
      accountId: account.id,
      contactId: contact.id,
      previousAccountId: null,
      fields: ["title"],
    });
    expect(JSON.stringify(written)).not.toMatch(/Peter|Gibbons|initech\.example/);

    // The same external id twice: the second create is refused, and its event never exists.
    await createAccount(ctx, { name: "Dup", externalId: "DUP-1" });
    const count = (await eventsOf(ctx.workspaceId)).length;
    await expect(createAccount(ctx, { name: "Dup again", externalId: "DUP-1" })).rejects.toThrow(
      /already exists/,
    );
    await expect(updateAccount(ctx, account.id, { parentId: account.id })).rejects.toThrow();
    expect((await eventsOf(ctx.workspaceId)).length).toBe(count);
  });

  it("delivers every event once per consumer, in order, each consumer at its own position", async () => {
    const first = recorder("test.first");
    const second = recorder("test.second");
    const dispatcher = createDispatcher(database.db, [first.consumer]);
    await dispatcher.drain();
    const acme = await createAccount(ctx, { name: "Acme" });
    await updateAccount(ctx, acme.id, { tier: "gold" });
    await updateAccount(ctx, acme.id, { tier: "silver" });
    await createAccount(other, { name: "Globex" });
    await dispatcher.drain();
    const acmeTypes = first.seen.filter((s) => s.accountId === acme.id).map((s) => s.type);
    expect(acmeTypes).toEqual(["account.created", "account.changed", "account.changed"]);
    const positions = first.seen.map((s) => s.position);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    expect(new Set(first.seen.map((s) => s.workspaceId))).toEqual(
      new Set([ctx.workspaceId, other.workspaceId]),
    );

    // A second pass has nothing new; a consumer added later starts from the beginning on its own.
    const delivered = first.seen.length;
    await dispatcher.drain();
    expect(first.seen.length).toBe(delivered);
    await createDispatcher(database.db, [first.consumer, second.consumer]).drain();
    expect(first.seen.length).toBe(delivered);
    expect(second.seen.filter((s) => s.accountId === acme.id).map((s) => s.type)).toEqual(acmeTypes);
  });

  it("parks an event its consumer keeps failing on, and goes on with the other accounts", async () => {
    const bad = await createAccount(ctx, { name: "Bad apple" });
    const failing = recorder("test.failing", (e) => e.accountId === bad.id);
    const errors: string[] = [];
    const dispatcher = createDispatcher(database.db, [failing.consumer], {
      onError: (err) => errors.push(String(err)),
    });
    const good = await createAccount(ctx, { name: "Good apple" });
    await dispatcher.drain();
    expect(failing.seen.some((s) => s.accountId === good.id)).toBe(true);
    expect(failing.seen.some((s) => s.accountId === bad.id)).toBe(false);
    const parked = await listParked(database.db, ctx.workspaceId);
    expect(parked).toContainEqual(
      expect.objectContaining({ consumer: "test.failing", type: "account.created", attempts: 3 }),
    );
    expect(errors.join()).toMatch(/cannot handle account.created/);
    // Parked means passed: later events of the same account still arrive, the parked one does not come back.
    await updateAccount(ctx, good.id, { tier: "gold" });
    await dispatcher.drain();
    expect(failing.seen.filter((s) => s.accountId === good.id).map((s) => s.type)).toEqual([
      "account.created",
      "account.changed",
    ]);
  });

  it("lists a workspace's changes from a cursor, only its own, and refuses a forged cursor", async () => {
    const first = await listChanges(ctx, { limit: 2 });
    expect(first.data).toHaveLength(2);
    expect(first.hasMore).toBe(true);
    const rest = await listChanges(ctx, { after: first.next, limit: 1000 });
    const all = [...first.data, ...rest.data];
    expect(new Set(all.map((e) => e.id)).size).toBe(all.length);
    expect(all.map((e) => e.type)).toContain("contact.changed");
    const globexIds = (await eventsOf(other.workspaceId)).map((e) => e.account_id);
    expect(all.some((e) => globexIds.includes(e.accountId))).toBe(false);
    // Nothing new: the same cursor comes back, and so does an empty page.
    const again = await listChanges(ctx, { after: rest.next, limit: 10 });
    expect(again).toEqual({ data: [], next: rest.next, hasMore: false });
    await expect(listChanges(ctx, { after: "bm9wZQ", limit: 10 })).rejects.toMatchObject({
      code: "INVALID_CURSOR",
    });
  });

  it("answers 410 to a cursor from before what retention deleted", async () => {
    const start = await listChanges(other, { limit: 1 });
    await createAccount(other, { name: "Late corp" });
    // Retention as it would run 31 days from now: every event so far is older than 30 days then.
    await pruneOldEvents(database.db, new Date(Date.now() + 31 * DAY_MS));
    await expect(listChanges(other, { after: start.next, limit: 10 })).rejects.toMatchObject({
      code: "GONE",
    });
    // Starting over from the oldest kept event works.
    await createAccount(other, { name: "New corp" });
    const fresh = await listChanges(other, { limit: 10 });
    expect(fresh.data.map((e) => e.type)).toEqual(["account.created"]);
  });
});

// Two transactions at once need two connections: PostgreSQL only (PGlite has one).
describe.runIf(process.env.DATABASE_URL)("an event that commits late", () => {
  it("holds back events committed after it until it commits, then comes first", async () => {
    const client = new pg.Client({ connectionString: database.location.replace(":***@", "@") });
    await client.connect();
    try {
      const seen = recorder("test.late");
      const dispatcher = createDispatcher(database.db, [seen.consumer]);
      await dispatcher.drain();
      const account = await createAccount(ctx, { name: "Slow Co" });
      await dispatcher.drain();
      const cursor = (await listChanges(ctx, { limit: 1000 })).next;
      // The slow transaction writes its event first and commits last.
      await client.query("begin");
      await client.query(
        `insert into domain_events (id, workspace_id, account_id, type, actor, data)
         values (gen_random_uuid(), $1, $2::uuid, 'account.changed', '{"kind":"system","userId":null,"apiKeyId":null}',
                 json_build_object('accountId', $2::text, 'fields', json_build_array('tier')))`,
        [ctx.workspaceId, account.id],
      );
      const fast = await createAccount(ctx, { name: "Fast Co" });
      await dispatcher.drain();
      expect(seen.seen.some((s) => s.accountId === fast.id)).toBe(false);
      expect((await listChanges(ctx, { after: cursor, limit: 10 })).data).toEqual([]);
      await client.query("commit");
      await dispatcher.drain();
      const after = seen.seen.filter((s) => s.accountId === account.id || s.accountId === fast.id);
      expect(after.map((s) => [s.accountId, s.type])).toEqual([
        [account.id, "account.created"],
        [account.id, "account.changed"],
        [fast.id, "account.created"],
      ]);
      const page = await listChanges(ctx, { after: cursor, limit: 10 });
      expect(page.data.map((e) => e.accountId)).toEqual([account.id, fast.id]);
    } finally {
      await client.end();
    }
  });

  it("is not held back by a long transaction in another database of the same server", async () => {
    const elsewhere = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await elsewhere.connect();
    try {
      await elsewhere.query("begin");
      await elsewhere.query("select pg_current_xact_id()");
      const seen = recorder("test.elsewhere");
      const dispatcher = createDispatcher(database.db, [seen.consumer]);
      const account = await createAccount(ctx, { name: "Unblocked Co" });
      await dispatcher.drain();
      expect(seen.seen.map((s) => s.accountId)).toContain(account.id);
    } finally {
      await elsewhere.query("rollback");
      await elsewhere.end();
    }
  });
});
