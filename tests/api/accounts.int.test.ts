import type { LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Account } from "../../src/contract/index.ts";
import { type Caller, createTestApp, type TestApp, type TestWorkspace } from "../helpers/test-app.ts";

/** Account writes through the API: create, read, update, delete, upsert and what they refuse. */
let t: TestApp;
let ws: TestWorkspace;
let other: TestWorkspace;
let owner: Caller;
let writer: Caller;

type Issue = { path: string; message: string };
type ErrorBody = { error: { code: string; message: string; details?: { issues?: Issue[] } } };
const errorOf = (res: LightMyRequestResponse) => res.json<ErrorBody>().error;

async function createAccount(body: Record<string, unknown>): Promise<Account> {
  const res = await t.request(writer, "POST", "/api/v1/accounts", body);
  if (res.statusCode !== 201) throw new Error(`create account: ${res.statusCode} ${res.body}`);
  return res.json<Account>();
}

beforeAll(async () => {
  t = await createTestApp();
  ws = await t.workspace("acme");
  other = await t.workspace("other");
  owner = await t.signIn(ws.users.owner.email);
  writer = await t.signIn(ws.users.member.email);
  for (const def of [
    { entity: "account", key: "seats", label: "Seats", type: "number" },
    { entity: "account", key: "segment", label: "Segment", type: "select", options: ["smb", "enterprise"] },
    { entity: "account", key: "churnRisk", label: "Churn risk", type: "boolean" },
    { entity: "contact", key: "nickname", label: "Nickname", type: "text" },
  ]) {
    const res = await t.request(owner, "POST", "/api/v1/custom-fields", def);
    if (res.statusCode !== 201) throw new Error(`custom field: ${res.statusCode} ${res.body}`);
  }
});

afterAll(async () => {
  await t?.close();
});

describe("create, read, update, delete", () => {
  it("creates an account with defaults and reads it back", async () => {
    const res = await t.request(writer, "POST", "/api/v1/accounts", {
      name: "  Globex  ",
      domain: "globex.example",
      tier: "Gold",
      ownerId: ws.users.manager.id,
    });
    expect(res.statusCode).toBe(201);
    const created = res.json<Account>();
    expect(created).toMatchObject({
      name: "Globex",
      domain: "globex.example",
      tier: "Gold",
      lifecycleStage: "onboarding",
      ownerId: ws.users.manager.id,
      ownerName: `manager of ${ws.slug}`,
      externalId: null,
      parentId: null,
      customFields: {},
      mrrMinor: 0,
      arrMinor: 0,
      currency: "USD",
      nextRenewalDate: null,
    });

    const got = await t.request(writer, "GET", `/api/v1/accounts/${created.id}`);
    expect(got.statusCode).toBe(200);
    expect(got.json()).toEqual(created);
  });

  it("updates only the fields given", async () => {
    const a = await createAccount({ name: "Initech", industry: "Software", region: "EMEA" });
    const res = await t.request(writer, "PATCH", `/api/v1/accounts/${a.id}`, {
      lifecycleStage: "adoption",
      industry: null,
    });
    expect(res.statusCode).toBe(200);
    const updated = res.json<Account>();
    expect(updated).toMatchObject({
      name: "Initech",
      region: "EMEA",
      industry: null,
      lifecycleStage: "adoption",
    });
    expect(Date.parse(updated.updatedAt)).toBeGreaterThanOrEqual(Date.parse(a.updatedAt));
    expect((await t.request(writer, "GET", `/api/v1/accounts/${a.id}`)).json()).toEqual(updated);

    const timeline = await t.request(writer, "GET", `/api/v1/accounts/${a.id}/timeline`);
    const titles = timeline.json<{ data: { title: string }[] }>().data.map((e) => e.title);
    expect(titles).toEqual(["Lifecycle stage: onboarding → adoption", "Account created"]);
  });

  it("answers 404 for an unknown id and for another workspace's account", async () => {
    const mine = await createAccount({ name: "Private" });
    const stranger = await t.signIn(other.users.owner.email);
    for (const [caller, id] of [
      [writer, "0190a4b0-0000-7000-8000-000000000000"],
      [stranger, mine.id],
    ] as const) {
      const res = await t.request(caller, "GET", `/api/v1/accounts/${id}`);
      expect(res.statusCode).toBe(404);
      expect(errorOf(res).code).toBe("NOT_FOUND");
    }
    const patch = await t.request(stranger, "PATCH", `/api/v1/accounts/${mine.id}`, { name: "Mine now" });
    expect(patch.statusCode).toBe(404);
    expect((await t.request(writer, "GET", `/api/v1/accounts/${mine.id}`)).json<Account>().name).toBe(
      "Private",
    );
  });

  it("refuses a second account with the same external id", async () => {
    await createAccount({ name: "First", externalId: "DUP-1" });
    const res = await t.request(writer, "POST", "/api/v1/accounts", { name: "Second", externalId: "DUP-1" });
    expect(res.statusCode).toBe(409);
    expect(errorOf(res).code).toBe("CONFLICT");
    const taken = await createAccount({ name: "Third", externalId: "DUP-2" });
    const patch = await t.request(writer, "PATCH", `/api/v1/accounts/${taken.id}`, { externalId: "DUP-1" });
    expect(patch.statusCode).toBe(409);
  });

  it("deletes an account with its contacts and subscriptions, and audits it", async () => {
    const a = await createAccount({ name: "Doomed Inc" });
    const contact = await t.request(writer, "POST", "/api/v1/contacts", {
      accountId: a.id,
      firstName: "Dee",
    });
    const sub = await t.request(writer, "POST", "/api/v1/subscriptions", {
      accountId: a.id,
      product: "Core",
      mrrMinor: 5000,
      startDate: "2025-01-01",
    });
    const contactId = contact.json<{ id: string }>().id;
    const subId = sub.json<{ id: string }>().id;

    const res = await t.request(writer, "DELETE", `/api/v1/accounts/${a.id}`);
    expect(res.statusCode).toBe(204);
    expect(res.body).toBe("");

    expect((await t.request(writer, "GET", `/api/v1/accounts/${a.id}`)).statusCode).toBe(404);
    expect((await t.request(writer, "GET", `/api/v1/contacts/${contactId}`)).statusCode).toBe(404);
    expect((await t.request(writer, "GET", `/api/v1/subscriptions/${subId}`)).statusCode).toBe(404);
    expect((await t.request(writer, "GET", `/api/v1/accounts/${a.id}/timeline`)).statusCode).toBe(404);
    expect((await t.request(writer, "DELETE", `/api/v1/accounts/${a.id}`)).statusCode).toBe(404);

    const log = await t.request(owner, "GET", "/api/v1/audit-log?action=account.delete");
    type Row = { targetId: string; actorUserId: string; details: { name: string } };
    const row = log.json<{ data: Row[] }>().data.find((r) => r.targetId === a.id);
    expect(row).toMatchObject({
      targetId: a.id,
      actorUserId: ws.users.member.id,
      details: { name: "Doomed Inc" },
    });
  });
});

describe("upsert by external id", () => {
  it("creates once, then updates the same row; x-steward-created only on the first", async () => {
    const first = await t.request(writer, "PUT", "/api/v1/accounts/by-external-id/CRM-42", {
      name: "Hooli",
      tier: "Silver",
    });
    expect(first.statusCode).toBe(200);
    expect(first.headers["x-steward-created"]).toBe("true");
    const created = first.json<Account>();
    expect(created).toMatchObject({ name: "Hooli", tier: "Silver", externalId: "CRM-42" });

    const second = await t.request(writer, "PUT", "/api/v1/accounts/by-external-id/CRM-42", {
      name: "Hooli XYZ",
      lifecycleStage: "value",
    });
    expect(second.statusCode).toBe(200);
    expect(second.headers["x-steward-created"]).toBeUndefined();
    expect(second.json<Account>()).toMatchObject({
      id: created.id,
      name: "Hooli XYZ",
      tier: "Silver",
      lifecycleStage: "value",
      externalId: "CRM-42",
    });

    const list = await t.request(writer, "GET", "/api/v1/accounts?q=CRM-42");
    expect(list.json<{ data: Account[] }>().data.map((a) => a.id)).toEqual([created.id]);
  });

  it("does not take the external id from the body", async () => {
    const res = await t.request(writer, "PUT", "/api/v1/accounts/by-external-id/CRM-43", {
      name: "Sneaky",
      externalId: "CRM-44",
    });
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).code).toBe("VALIDATION_FAILED");
  });
});

describe("input validation", () => {
  it("refuses unknown fields (no mass assignment) with the issues listed", async () => {
    const res = await t.request(writer, "POST", "/api/v1/accounts", {
      name: "Mass",
      workspaceId: other.id,
      mrrMinor: 99,
    });
    expect(res.statusCode).toBe(400);
    const error = errorOf(res);
    expect(error.code).toBe("VALIDATION_FAILED");
    expect(error.details?.issues?.length).toBeGreaterThan(0);
    expect(JSON.stringify(error.details?.issues)).toContain("workspaceId");
    expect((await t.request(writer, "GET", "/api/v1/accounts?q=Mass")).json<{ data: [] }>().data).toEqual([]);

    const patch = await t.request(
      writer,
      "PATCH",
      `/api/v1/accounts/${(await createAccount({ name: "P" })).id}`,
      {
        arrMinor: 1,
      },
    );
    expect(patch.statusCode).toBe(400);
  });

  it("refuses a missing name and an invalid enum value, naming the field", async () => {
    const noName = await t.request(writer, "POST", "/api/v1/accounts", { name: "   " });
    expect(noName.statusCode).toBe(400);
    expect(errorOf(noName).details?.issues?.[0]?.path).toBe("name");

    const badStage = await t.request(writer, "POST", "/api/v1/accounts", {
      name: "X",
      lifecycleStage: "bliss",
    });
    expect(badStage.statusCode).toBe(400);
    expect(errorOf(badStage).code).toBe("VALIDATION_FAILED");
    expect(errorOf(badStage).details?.issues?.map((i) => i.path)).toEqual(["lifecycleStage"]);
  });

  it("answers 400 BAD_REQUEST to a body that is not JSON", async () => {
    const res = await t.app.inject({
      method: "POST",
      url: "/api/v1/accounts",
      headers: { ...writer.headers, "content-type": "application/json" },
      payload: '{"name": "Broken",',
    });
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).code).toBe("BAD_REQUEST");
    expect(res.body).not.toMatch(/\bat \S+:\d+/);
  });

  it.each(["text/plain", "application/x-www-form-urlencoded", "application/xml"])(
    "answers 415 to a %s body",
    async (contentType) => {
      const res = await t.app.inject({
        method: "POST",
        url: "/api/v1/accounts",
        headers: { ...writer.headers, "content-type": contentType },
        payload: "name=Plain",
      });
      expect(res.statusCode).toBe(415);
      expect(errorOf(res).code).toBe("UNSUPPORTED_MEDIA_TYPE");
    },
  );

  it("refuses a malformed id in the path with 400, not 500", async () => {
    const res = await t.request(writer, "GET", "/api/v1/accounts/not-a-uuid");
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).code).toBe("VALIDATION_FAILED");
  });
});

describe("references", () => {
  it("needs the parent to be an account of this workspace", async () => {
    const foreign = await t.request(await t.signIn(other.users.owner.email), "POST", "/api/v1/accounts", {
      name: "Foreign parent",
    });
    for (const parentId of ["0190a4b0-0000-7000-8000-000000000001", foreign.json<Account>().id]) {
      const res = await t.request(writer, "POST", "/api/v1/accounts", { name: "Orphan", parentId });
      expect(res.statusCode).toBe(400);
      expect(errorOf(res).details?.issues?.[0]?.path).toBe("parentId");
    }
  });

  it("links children to a parent and refuses cycles", async () => {
    const root = await createAccount({ name: "Root Holdings" });
    const mid = await createAccount({ name: "Mid Division", parentId: root.id });
    const leaf = await createAccount({ name: "Leaf Office", parentId: mid.id });
    expect(leaf.parentId).toBe(mid.id);

    const children = await t.request(writer, "GET", `/api/v1/accounts?parentId=${root.id}`);
    expect(children.json<{ data: Account[] }>().data.map((a) => a.id)).toEqual([mid.id]);

    for (const [id, parentId] of [
      [root.id, leaf.id],
      [root.id, mid.id],
      [mid.id, mid.id],
    ] as const) {
      const res = await t.request(writer, "PATCH", `/api/v1/accounts/${id}`, { parentId });
      expect(res.statusCode, `${id} → ${parentId}`).toBe(400);
      expect(errorOf(res).details?.issues?.[0]?.path).toBe("parentId");
    }
    expect(
      (await t.request(writer, "GET", `/api/v1/accounts/${root.id}`)).json<Account>().parentId,
    ).toBeNull();

    // Moving a leaf elsewhere in the tree is fine, and deleting a parent keeps its children.
    const moved = await t.request(writer, "PATCH", `/api/v1/accounts/${leaf.id}`, { parentId: root.id });
    expect(moved.json<Account>().parentId).toBe(root.id);
    await t.request(writer, "DELETE", `/api/v1/accounts/${root.id}`);
    for (const id of [mid.id, leaf.id]) {
      const child = await t.request(writer, "GET", `/api/v1/accounts/${id}`);
      expect(child.statusCode).toBe(200);
      expect(child.json<Account>().parentId).toBeNull();
    }
  });

  it("needs the owner to be a member of this workspace", async () => {
    for (const ownerId of [other.users.owner.id, "0190a4b0-0000-7000-8000-000000000002"]) {
      const res = await t.request(writer, "POST", "/api/v1/accounts", { name: "Owned", ownerId });
      expect(res.statusCode).toBe(400);
      expect(errorOf(res).details?.issues?.[0]?.path).toBe("ownerId");
    }
    const a = await createAccount({ name: "Owned", ownerId: ws.users.viewer.id });
    const patch = await t.request(writer, "PATCH", `/api/v1/accounts/${a.id}`, {
      ownerId: other.users.member.id,
    });
    expect(patch.statusCode).toBe(400);
    const cleared = await t.request(writer, "PATCH", `/api/v1/accounts/${a.id}`, { ownerId: null });
    expect(cleared.json<Account>()).toMatchObject({ ownerId: null, ownerName: null });
  });
});

describe("custom fields", () => {
  it("stores values that fit their definitions", async () => {
    const a = await createAccount({
      name: "Custom Co",
      customFields: { seats: 250, segment: "enterprise", churnRisk: false },
    });
    expect(a.customFields).toEqual({ seats: 250, segment: "enterprise", churnRisk: false });
    const patched = await t.request(writer, "PATCH", `/api/v1/accounts/${a.id}`, {
      customFields: { seats: null, segment: "smb" },
    });
    expect(patched.statusCode).toBe(200);
    expect(patched.json<Account>().customFields).toEqual({ seats: null, segment: "smb" });
  });

  it("refuses undefined keys, wrong types and values outside a select's options", async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ favouriteColour: "blue" }, "customFields.favouriteColour"],
      [{ nickname: "Ace" }, "customFields.nickname"],
      [{ seats: "250" }, "customFields.seats"],
      [{ churnRisk: "yes" }, "customFields.churnRisk"],
      [{ segment: "mid-market" }, "customFields.segment"],
    ];
    for (const [customFields, path] of cases) {
      const res = await t.request(writer, "POST", "/api/v1/accounts", { name: "Bad fields", customFields });
      expect(res.statusCode, JSON.stringify(customFields)).toBe(400);
      expect(errorOf(res).code).toBe("VALIDATION_FAILED");
      expect(errorOf(res).details?.issues?.map((i) => i.path)).toEqual([path]);
    }
    const put = await t.request(writer, "PUT", "/api/v1/accounts/by-external-id/CF-1", {
      name: "Bad fields",
      customFields: { seats: "many" },
    });
    expect(put.statusCode).toBe(400);
    expect(
      (await t.request(writer, "GET", "/api/v1/accounts?q=Bad%20fields")).json<{ data: [] }>().data,
    ).toEqual([]);
  });
});
