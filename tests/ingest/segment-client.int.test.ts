import { Analytics } from "@segment/analytics-node";
import { Analytics as AnalyticsV2 } from "analytics-node-v2";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAccount } from "../../src/domain/accounts/index.ts";
import { createContact } from "../../src/domain/contacts/index.ts";
import { createSource, flushRollups, updateSource } from "../../src/domain/usage/index.ts";
import { createTestApp, type TestApp, type TestWorkspace } from "../helpers/test-app.ts";
import { basic, type Capture, capture, listen, rows, storedCounts } from "./helpers.ts";

/**
 * The real Segment Node clients, 3.x and 2.x, talking to a running Steward over HTTP: what they put
 * on the wire is captured from their own `http_request` event and checked against what was stored.
 */

let t: TestApp;
let base: string;

beforeAll(async () => {
  t = await createTestApp();
  base = await listen(t.app);
});
afterAll(() => t?.close());

type Client = InstanceType<typeof Analytics> | InstanceType<typeof AnalyticsV2>;
type Settings = { writeKey: string; flushAt: number; maxRetries: number };

const VERSIONS = [
  {
    version: "3.1.0",
    make: (s: Settings) => new Analytics({ ...s, host: base, path: "/v1/batch" }),
    // 3.x sends the key as Basic auth and in the body.
    keyInHeader: true,
  },
  {
    version: "2.3.0",
    make: (s: Settings) => new AnalyticsV2({ ...s, host: base, path: "/v1/batch" }),
    // 2.x only puts it in the body (its publisher sets no Authorization header without OAuth).
    keyInHeader: false,
  },
] as const;

/** Calls one method and waits until the client delivered it (or failed to). */
function delivered(call: (cb: (err?: unknown) => void) => void): Promise<void> {
  return new Promise((resolve, reject) => call((err) => (err ? reject(err) : resolve())));
}

describe.each(VERSIONS)(
  "@segment/analytics-node $version through a running server",
  ({ version, make, keyInHeader }) => {
    let ws: TestWorkspace;
    let writeKey: string;
    let sourceId: string;
    let globex: string;
    let bo: string;
    const db = () => t.database.db;

    beforeAll(async () => {
      ws = await t.workspace(`client-${version.replaceAll(".", "")}`);
      ({ writeKey, id: sourceId } = await createSource(ws.ctx, { name: `Node ${version}` }));
      globex = (await createAccount(ws.ctx, { name: "Globex", externalId: "globex" })).id;
      // Bo is already a contact (from the CRM); Ann is not.
      bo = (await createContact(ws.ctx, { accountId: globex, email: "bo@globex.test", firstName: "Bo" })).id;
    });

    const contactsOfGlobex = () =>
      rows<{ id: string; email: string; first_name: string; last_name: string | null; title: string | null }>(
        db(),
        sql`select id, email, first_name, last_name, title from contacts
          where workspace_id = ${ws.id} and account_id = ${globex} order by email`,
      );

    const storedEvents = () =>
      rows<{
        message_id: string;
        type: string;
        event: string | null;
        user_id: string | null;
        account_id: string | null;
        contact_id: string | null;
      }>(
        db(),
        sql`select message_id, type, event, user_id, account_id, contact_id from usage_events
          where workspace_id = ${ws.id}`,
      );

    function expectSentLikeThisVersion(c: Capture) {
      expect(c.requests.length).toBeGreaterThan(0);
      for (const r of c.requests) {
        expect(r.parsed.writeKey).toBe(writeKey);
        if (keyInHeader) expect(r.headers.Authorization).toBe(basic(writeKey));
        else expect(Object.keys(r.headers).map((h) => h.toLowerCase())).not.toContain("authorization");
      }
      expect(c.errors).toEqual([]);
      // Only 3.x reports answers; every one must have been a success.
      if (keyInHeader) expect(c.statuses.length).toBe(c.requests.length);
      for (const s of c.statuses) expect(s).toBe(200);
    }

    it("identify, group, track and page in one batch: each stored once, attributed, contacts made, rolled up", async () => {
      const client: Client = make({ writeKey, flushAt: 20, maxRetries: 2 });
      const c = capture(client);
      client.identify({
        userId: "u-ann",
        traits: { email: "ann@globex.test", name: "Ann Lee", title: "Head of Ops" },
      });
      client.identify({
        userId: "u-bo",
        traits: { email: "BO@globex.test", name: "Bo Jensen", title: "CTO" },
      });
      client.group({ userId: "u-ann", groupId: "globex", traits: { name: "Globex Corp" } });
      client.group({ userId: "u-bo", groupId: "globex" });
      client.track({ userId: "u-ann", event: "Report Exported", properties: { format: "csv" } });
      client.track({ userId: "u-ann", event: "Report Exported", properties: { format: "pdf" } });
      client.track({ userId: "u-bo", event: "Report Exported" });
      client.page({ userId: "u-ann", name: "Dashboard", properties: { path: "/dashboard" } });
      await client.closeAndFlush();

      expectSentLikeThisVersion(c);
      const sent = c.messageIds();
      expect(sent).toHaveLength(8);
      const counts = await storedCounts(db(), sent, ws.id);
      expect([...counts.keys()].sort()).toEqual([...sent].sort());
      for (const id of sent) expect(counts.get(id), id).toBe(1);

      const contacts = await contactsOfGlobex();
      expect(contacts).toHaveLength(2);
      const ann = contacts.find((x) => x.email === "ann@globex.test");
      expect(ann).toMatchObject({ first_name: "Ann", last_name: "Lee", title: "Head of Ops" });
      // Bo's CRM contact was matched by email and completed, not duplicated.
      expect(contacts.find((x) => x.email === "bo@globex.test")).toMatchObject({
        id: bo,
        first_name: "Bo",
        last_name: "Jensen",
        title: "CTO",
      });
      const contactOf: Record<string, string | undefined> = { "u-ann": ann?.id, "u-bo": bo };

      const events = await storedEvents();
      const used = events.filter((e) => e.type !== "identify");
      expect(used).toHaveLength(6);
      for (const e of used) {
        expect(e.account_id, `${e.type} ${e.message_id}`).toBe(globex);
        expect(e.contact_id, `${e.type} ${e.message_id}`).toBe(contactOf[e.user_id ?? ""]);
      }

      await flushRollups(db());
      const features = await rows<{ event: string; events: number }>(
        db(),
        sql`select event, sum(events)::int as events from usage_account_event_days
          where workspace_id = ${ws.id} and account_id = ${globex} group by event order by event`,
      );
      expect(features).toEqual([
        { event: "Page: Dashboard", events: 1 },
        { event: "Report Exported", events: 3 },
      ]);
      const people = await rows<{ user_key: string; contact_id: string; events: number }>(
        db(),
        sql`select user_key, (array_agg(contact_id))[1] as contact_id, sum(events)::int as events
          from usage_user_days where workspace_id = ${ws.id} and account_id = ${globex}
          group by user_key order by user_key`,
      );
      expect(people).toEqual([
        { user_key: "u-ann", contact_id: ann?.id, events: 3 },
        { user_key: "u-bo", contact_id: bo, events: 1 },
      ]);
    });

    it("calls delivered one by one: a later identify updates the contact and counts for the account", async () => {
      // Replacing a contact's name and title (not just filling them) is for sources allowed to.
      await updateSource(ws.ctx, sourceId, { traitsMayOverwrite: true });
      const client: Client = make({ writeKey, flushAt: 1, maxRetries: 0 });
      const c = capture(client);
      await delivered((cb) =>
        client.identify({ userId: "u-ann", traits: { name: "Ann Lee-Park", title: "VP Operations" } }, cb),
      );
      await delivered((cb) => client.track({ userId: "u-ann", event: "Report Exported" }, cb));
      await delivered((cb) => client.page({ userId: "u-ann", name: "Settings" }, cb));
      await client.closeAndFlush();

      expectSentLikeThisVersion(c);
      expect(c.requests).toHaveLength(3);
      const sent = c.messageIds();
      const counts = await storedCounts(db(), sent, ws.id);
      for (const id of sent) expect(counts.get(id), id).toBe(1);

      const contacts = await contactsOfGlobex();
      expect(contacts).toHaveLength(2);
      const ann = contacts.find((x) => x.email === "ann@globex.test");
      expect(ann).toMatchObject({ first_name: "Ann", last_name: "Lee-Park", title: "VP Operations" });

      const events = (await storedEvents()).filter((e) => sent.includes(e.message_id));
      expect(events.map((e) => e.type).sort()).toEqual(["identify", "page", "track"]);
      for (const e of events) {
        expect(e.account_id, e.type).toBe(globex);
        expect(e.contact_id, e.type).toBe(ann?.id);
      }

      await flushRollups(db());
      const [exported] = await rows<{ events: number; users: number }>(
        db(),
        sql`select sum(events)::int as events,
            (select count(distinct user_key)::int from usage_user_event_days
             where workspace_id = ${ws.id} and account_id = ${globex} and event = 'Report Exported') as users
          from usage_account_event_days
          where workspace_id = ${ws.id} and account_id = ${globex} and event = 'Report Exported'`,
      );
      expect(exported).toEqual({ events: 4, users: 2 });
    });
  },
);
