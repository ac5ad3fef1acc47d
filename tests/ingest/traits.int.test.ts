import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Source, SourceWithKey } from "../../src/contract/index.ts";
import { createAccount } from "../../src/domain/accounts/index.ts";
import { createContact } from "../../src/domain/contacts/index.ts";
import { createTestApp, type TestApp, type TestWorkspace } from "../helpers/test-app.ts";
import { listen, post, rows } from "./helpers.ts";

/**
 * A write key is public (browser libraries carry it), so identify traits only fill a contact's
 * empty fields; replacing CRM values takes a source an admin allowed to (`traitsMayOverwrite`).
 */

let t: TestApp;
let base: string;
let ws: TestWorkspace;
let globex: string;
const db = () => t.database.db;

beforeAll(async () => {
  t = await createTestApp();
  base = await listen(t.app);
  ws = await t.workspace("traits");
  globex = (await createAccount(ws.ctx, { name: "Globex", externalId: "globex" })).id;
});
afterAll(() => t?.close());

/** A source made through the API, as an admin would. */
async function source(body: Record<string, unknown>): Promise<SourceWithKey> {
  const admin = await t.signIn(ws.users.admin.email);
  const res = await t.request(admin, "POST", "/api/v1/sources", body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json<SourceWithKey>();
}

/** A CRM contact whose external id is the product's user id, and one known only by email. */
async function crmContacts(tag: string) {
  const known = await createContact(ws.ctx, {
    accountId: globex,
    externalId: `u-${tag}`,
    email: `${tag}@globex.test`,
    firstName: "Carol",
    lastName: "King",
  });
  const bare = await createContact(ws.ctx, { accountId: globex, email: `${tag}-bare@globex.test` });
  return { known: known.id, bare: bare.id };
}

const identify = (key: string, tag: string) =>
  post(
    base,
    "/v1/batch",
    {
      batch: [
        {
          type: "identify",
          userId: `u-${tag}`,
          messageId: `${tag}-1`,
          traits: { email: "mallory@evil.test", name: "Mallory Evil", title: "CEO" },
        },
        { type: "group", userId: `u-${tag}`, groupId: "globex", messageId: `${tag}-2` },
        {
          type: "identify",
          userId: `u-${tag}-bare`,
          messageId: `${tag}-3`,
          traits: { email: `${tag}-bare@globex.test`, name: "Dan Brown", title: "CFO" },
        },
        { type: "group", userId: `u-${tag}-bare`, groupId: "globex", messageId: `${tag}-4` },
      ],
    },
    { key },
  );

const contact = async (id: string) =>
  (
    await rows<{ email: string; first_name: string | null; last_name: string | null; title: string | null }>(
      db(),
      sql`select email, first_name, last_name, title from contacts where id = ${id}`,
    )
  )[0];

describe("identify traits and CRM contacts", () => {
  it("by default, traits fill a contact's empty fields and never replace its email or name", async () => {
    const created = await source({ name: "Web app" });
    expect(created.traitsMayOverwrite).toBe(false);
    const { known, bare } = await crmContacts("def");
    const res = await identify(created.writeKey, "def");
    expect(res.status, res.text).toBe(200);

    expect(await contact(known)).toEqual({
      email: "def@globex.test",
      first_name: "Carol",
      last_name: "King",
      title: "CEO",
    });
    expect(await contact(bare)).toEqual({
      email: "def-bare@globex.test",
      first_name: "Dan",
      last_name: "Brown",
      title: "CFO",
    });
    // The traits themselves are still recorded for the user.
    const [traits] = await rows<{ traits: Record<string, unknown> }>(
      db(),
      sql`select traits from usage_users where workspace_id = ${ws.id} and user_key = 'u-def'`,
    );
    expect(traits?.traits).toMatchObject({ email: "mallory@evil.test", name: "Mallory Evil" });
  });

  it("a source allowed to overwrite replaces them; the setting is changed through the API", async () => {
    const created = await source({ name: "Backend" });
    const admin = await t.signIn(ws.users.admin.email);
    const updated = await t.request(admin, "PATCH", `/api/v1/sources/${created.id}`, {
      traitsMayOverwrite: true,
    });
    expect(updated.statusCode, updated.body).toBe(200);
    expect(updated.json<Source>().traitsMayOverwrite).toBe(true);
    const { known } = await crmContacts("over");
    const res = await identify(created.writeKey, "over");
    expect(res.status, res.text).toBe(200);
    expect(await contact(known)).toEqual({
      email: "mallory@evil.test",
      first_name: "Mallory",
      last_name: "Evil",
      title: "CEO",
    });
  });

  it("a source can be created with the setting on", async () => {
    const created = await source({ name: "Trusted backend", traitsMayOverwrite: true });
    expect(created.traitsMayOverwrite).toBe(true);
    const admin = await t.signIn(ws.users.admin.email);
    const got = await t.request(admin, "GET", `/api/v1/sources/${created.id}`);
    expect(got.json<Source>().traitsMayOverwrite).toBe(true);
  });
});
