import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Account, Contact, Subscription } from "../../src/contract/index.ts";
import { type Caller, createTestApp, type TestApp, type TestWorkspace } from "../helpers/test-app.ts";

/**
 * A record keeps the value of a custom field whose definition was deleted. Editing the record
 * while sending that value back unchanged (as the web app does, with all custom fields) must work;
 * changing the value, or adding an undefined key, is still refused.
 */
let t: TestApp;
let ws: TestWorkspace;
let admin: Caller;
let writer: Caller;

type ErrorBody = { error: { code: string; details?: { issues?: { path: string }[] } } };

async function define(entity: string, key: string, type = "text") {
  const res = await t.request(admin, "POST", "/api/v1/custom-fields", { entity, key, label: key, type });
  expect(res.statusCode).toBe(201);
}
async function undefine(entity: string, key: string) {
  expect((await t.request(admin, "DELETE", `/api/v1/custom-fields/${entity}/${key}`)).statusCode).toBe(204);
}
async function create<T>(url: string, body: unknown): Promise<T> {
  const res = await t.request(writer, "POST", url, body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json<T>();
}

beforeAll(async () => {
  t = await createTestApp();
  ws = await t.workspace("cf-removed");
  admin = await t.signIn(ws.users.admin.email);
  writer = await t.signIn(ws.users.member.email);
  for (const entity of ["account", "contact", "subscription"]) {
    await define(entity, "legacy");
    await define(entity, "current", "number");
  }
});

afterAll(async () => {
  await t?.close();
});

describe("editing a record whose custom field definition was deleted", () => {
  const cases = [
    {
      entity: "account",
      make: async () =>
        create<Account>("/api/v1/accounts", {
          name: "Legacy Co",
          customFields: { legacy: "kept", current: 1 },
        }),
      url: (id: string) => `/api/v1/accounts/${id}`,
      other: { tier: "Gold" },
    },
    {
      entity: "contact",
      make: async () => {
        const a = await create<Account>("/api/v1/accounts", { name: "Contact Legacy Co" });
        return create<Contact>("/api/v1/contacts", {
          accountId: a.id,
          firstName: "Lee",
          customFields: { legacy: "kept", current: 1 },
        });
      },
      url: (id: string) => `/api/v1/contacts/${id}`,
      other: { title: "CTO" },
    },
    {
      entity: "subscription",
      make: async () => {
        const a = await create<Account>("/api/v1/accounts", { name: "Subscription Legacy Co" });
        return create<Subscription>("/api/v1/subscriptions", {
          accountId: a.id,
          product: "Platform",
          mrrMinor: 100,
          startDate: "2025-01-01",
          customFields: { legacy: "kept", current: 1 },
        });
      },
      url: (id: string) => `/api/v1/subscriptions/${id}`,
      other: { seats: 12 },
    },
  ];

  for (const c of cases) {
    it(`${c.entity}: accepts the stored value sent back, refuses a changed or new undefined one`, async () => {
      const record = await c.make();
      await undefine(c.entity, "legacy");

      const same = await t.request(writer, "PATCH", c.url(record.id), {
        ...c.other,
        customFields: { legacy: "kept", current: 2 },
      });
      expect(same.statusCode, same.body).toBe(200);
      expect(same.json<{ customFields: Record<string, unknown> }>().customFields).toEqual({
        legacy: "kept",
        current: 2,
      });

      const changed = await t.request(writer, "PATCH", c.url(record.id), {
        customFields: { legacy: "changed", current: 2 },
      });
      expect(changed.statusCode).toBe(400);
      expect(changed.json<ErrorBody>().error.details?.issues?.map((i) => i.path)).toEqual([
        "customFields.legacy",
      ]);

      const added = await t.request(writer, "PATCH", c.url(record.id), {
        customFields: { legacy: "kept", current: 2, invented: "x" },
      });
      expect(added.statusCode).toBe(400);
      expect(added.json<ErrorBody>().error.details?.issues?.map((i) => i.path)).toEqual([
        "customFields.invented",
      ]);

      // Defined fields are still checked when they change.
      const badType = await t.request(writer, "PATCH", c.url(record.id), {
        customFields: { legacy: "kept", current: "three" },
      });
      expect(badType.statusCode).toBe(400);

      // Dropping the stale value is always possible.
      const dropped = await t.request(writer, "PATCH", c.url(record.id), { customFields: { current: 2 } });
      expect(dropped.statusCode).toBe(200);
      expect(dropped.json<{ customFields: Record<string, unknown> }>().customFields).toEqual({ current: 2 });

      // Restore the definition for the next entity's case.
      await define(c.entity, "legacy");
    });
  }

  it("a new record may not use a field that is not defined", async () => {
    await undefine("account", "legacy");
    const res = await t.request(writer, "POST", "/api/v1/accounts", {
      name: "New Co",
      customFields: { legacy: "kept" },
    });
    expect(res.statusCode).toBe(400);
  });
});
