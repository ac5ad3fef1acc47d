import type { LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Account, TimelineEntry } from "../../src/contract/index.ts";
import { type Caller, createTestApp, type TestApp, type TestWorkspace } from "../helpers/test-app.ts";

/** Anyone who may write adds notes; only a note's author or a manager (and up) changes one. */
let t: TestApp;
let ws: TestWorkspace;
let author: Caller;
let colleague: Caller;
let manager: Caller;
let owner: Caller;
let account: Account;

type Page<T> = { data: T[]; nextCursor: string | null };
type ErrorBody = { error: { code: string; message: string } };
type AuditRow = {
  targetId: string;
  actorUserId: string | null;
  actorApiKeyId: string | null;
  details: Record<string, unknown>;
};
const errorOf = (res: LightMyRequestResponse) => res.json<ErrorBody>().error;
const url = (note: TimelineEntry) => `/api/v1/accounts/${account.id}/timeline/${note.id}`;

async function noteBy(caller: Caller, title: string): Promise<TimelineEntry> {
  const res = await t.request(caller, "POST", `/api/v1/accounts/${account.id}/timeline`, { title });
  expect(res.statusCode).toBe(201);
  return res.json<TimelineEntry>();
}
const audit = async (action: string) =>
  (await t.request(owner, "GET", `/api/v1/audit-log?action=${action}&limit=200`)).json<Page<AuditRow>>().data;

beforeAll(async () => {
  t = await createTestApp();
  ws = await t.workspace("notes-perm");
  // Two people with the member role: the author and a colleague.
  const added = await t.request(await t.signIn(ws.users.admin.email), "POST", "/api/v1/members", {
    email: "colleague@notes-perm.test",
    name: "Colleague",
    role: "member",
    function: "customer_success",
    password: "twelve-chars-or-more",
  });
  expect(added.statusCode).toBe(201);
  author = await t.signIn(ws.users.member.email);
  colleague = await t.signIn("colleague@notes-perm.test", "twelve-chars-or-more");
  manager = await t.signIn(ws.users.manager.email);
  owner = await t.signIn(ws.users.owner.email);
  account = (await t.request(author, "POST", "/api/v1/accounts", { name: "Notes Co" })).json<Account>();
});

afterAll(async () => {
  await t?.close();
});

describe("changing a note", () => {
  it("someone else with the member role may neither edit nor delete it", async () => {
    const note = await noteBy(author, "Mine");
    const edit = await t.request(colleague, "PATCH", url(note), { title: "Theirs now" });
    expect(edit.statusCode).toBe(403);
    expect(errorOf(edit)).toMatchObject({
      code: "FORBIDDEN",
      message: "Only the note's author or a manager can change it",
    });
    expect((await t.request(colleague, "DELETE", url(note))).statusCode).toBe(403);
    const kept = await t.request(author, "GET", url(note));
    expect(kept.json<TimelineEntry>()).toMatchObject({ title: "Mine", updatedAt: note.updatedAt });
  });

  it("its author may edit it, audited", async () => {
    const note = await noteBy(author, "Draft");
    const res = await t.request(author, "PATCH", url(note), { title: "Final", body: "More" });
    expect(res.statusCode).toBe(200);
    const row = (await audit("note.update")).find((r) => r.targetId === note.id);
    expect(row).toMatchObject({
      actorUserId: ws.users.member.id,
      details: { accountId: account.id, title: "Final", fields: ["title", "body"] },
    });
  });

  it("a manager may edit and delete anyone's note", async () => {
    const note = await noteBy(author, "For the manager");
    expect((await t.request(manager, "PATCH", url(note), { title: "Edited by manager" })).statusCode).toBe(
      200,
    );
    expect((await audit("note.update")).find((r) => r.targetId === note.id)?.actorUserId).toBe(
      ws.users.manager.id,
    );
    expect((await t.request(manager, "DELETE", url(note))).statusCode).toBe(204);
  });

  it("a key that may write may edit and delete any note; the edit is audited under the key", async () => {
    const key = await t.apiKey(ws, ["write"]);
    const note = await noteBy(author, "For the key");
    expect((await t.request(key, "PATCH", url(note), { body: "Synced" })).statusCode).toBe(200);
    const row = (await audit("note.update")).find((r) => r.targetId === note.id);
    expect(row).toMatchObject({ actorUserId: null, details: { fields: ["body"] } });
    expect(row?.actorApiKeyId).not.toBeNull();
    expect((await t.request(key, "DELETE", url(note))).statusCode).toBe(204);
  });

  it("a note a key wrote can be changed by a manager, not by a member", async () => {
    const key = await t.apiKey(ws, ["write"]);
    const note = await noteBy(key, "From the CRM");
    expect(note.authorId).toBeNull();
    expect((await t.request(author, "PATCH", url(note), { title: "Mine now" })).statusCode).toBe(403);
    expect((await t.request(manager, "PATCH", url(note), { title: "Checked" })).statusCode).toBe(200);
  });
});
