import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Account, CustomFieldListed } from "../../src/contract/index.ts";
import { type Caller, createTestApp, type TestApp } from "../helpers/test-app.ts";

/** The custom field list says how many records use each field, most used first for one entity. */
let t: TestApp;
let admin: Caller;
let writer: Caller;
let other: Caller;

const list = async (caller: Caller, query = "?entity=account") => {
  const res = await t.request(caller, "GET", `/api/v1/custom-fields${query}`);
  expect(res.statusCode).toBe(200);
  return res.json<{ data: CustomFieldListed[] }>().data;
};

beforeAll(async () => {
  t = await createTestApp();
  const ws = await t.workspace("cf-use");
  admin = await t.signIn(ws.users.admin.email);
  writer = await t.signIn(ws.users.member.email);
  for (const [entity, key] of [
    ["account", "alpha"],
    ["account", "beta"],
    ["account", "gamma"],
    ["contact", "beta"],
  ]) {
    const res = await t.request(admin, "POST", "/api/v1/custom-fields", {
      entity,
      key,
      label: key,
      type: "text",
    });
    expect(res.statusCode).toBe(201);
  }
  const accounts: [string, Record<string, string | null>][] = [
    ["A", { gamma: "x", beta: "y" }],
    ["B", { gamma: "x", beta: "" }],
    ["C", { gamma: "x", alpha: null }],
  ];
  for (const [name, customFields] of accounts) {
    const res = await t.request(writer, "POST", "/api/v1/accounts", { name, customFields });
    expect(res.statusCode, res.body).toBe(201);
  }
  const acme = (await t.request(writer, "GET", "/api/v1/accounts?q=A")).json<{ data: Account[] }>().data[0];
  await t.request(writer, "POST", "/api/v1/contacts", {
    accountId: acme?.id,
    firstName: "Ada",
    customFields: { beta: "z" },
  });

  // Another workspace's records never count.
  const elsewhere = await t.workspace("cf-use-other");
  other = await t.signIn(elsewhere.users.admin.email);
  await t.request(other, "POST", "/api/v1/custom-fields", {
    entity: "account",
    key: "alpha",
    label: "a",
    type: "text",
  });
  await t.request(other, "POST", "/api/v1/accounts", { name: "Z", customFields: { alpha: "v" } });
});

afterAll(async () => {
  await t?.close();
});

describe("GET /api/v1/custom-fields", () => {
  it("counts the records holding a value (not null, not empty) and lists the most used first", async () => {
    const fields = await list(writer);
    expect(fields.map((f) => [f.key, f.used])).toEqual([
      ["gamma", 3],
      ["beta", 1],
      ["alpha", 0],
    ]);
  });

  it("counts each entity's records on their own", async () => {
    expect((await list(writer, "?entity=contact")).map((f) => [f.key, f.used])).toEqual([["beta", 1]]);
    const all = await list(writer, "");
    expect(all.map((f) => `${f.entity}.${f.key}:${f.used}`)).toEqual([
      "account.alpha:0",
      "account.beta:1",
      "account.gamma:3",
      "contact.beta:1",
    ]);
  });

  it("counts only the caller's workspace", async () => {
    expect((await list(other)).map((f) => [f.key, f.used])).toEqual([["alpha", 1]]);
  });
});
