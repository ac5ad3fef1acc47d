import type { LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Invitation, Member, MyInvitation } from "../../src/contract/index.ts";
import {
  type Caller,
  createTestApp,
  TEST_PASSWORD,
  type TestApp,
  type TestWorkspace,
} from "../helpers/test-app.ts";

/**
 * Adding a person is an invitation they accept. An admin must not learn whether an email has a
 * login in another workspace: the answer for such a person is the same as for an unknown email.
 */
let t: TestApp;
let ws: TestWorkspace;
let elsewhere: TestWorkspace;
let admin: Caller;
let owner: Caller;

type Page<T> = { data: T[]; nextCursor: string | null };
type AuditRow = { action: string; actorUserId: string | null; targetId: string | null; details: object };

const audit = async (action: string) =>
  (await t.request(owner, "GET", `/api/v1/audit-log?action=${action}&limit=200`)).json<Page<AuditRow>>().data;
const pending = async () =>
  (await t.request(admin, "GET", "/api/v1/invitations?limit=200")).json<Page<Invitation>>().data;
const members = async (q: string) =>
  (await t.request(admin, "GET", `/api/v1/members?q=${encodeURIComponent(q)}`)).json<Page<Member>>().data;
const mine = async (caller: Caller) =>
  (await t.request(caller, "GET", "/api/v1/auth/invitations")).json<{ data: MyInvitation[] }>().data;
const invite = (email: string, extra: Record<string, unknown> = {}, by: Caller = admin) =>
  t.request(by, "POST", "/api/v1/members", {
    email,
    name: "Someone Named By The Admin",
    role: "member",
    function: "sales",
    title: "Analyst",
    ...extra,
  });

/** The parts of an answer an admin could compare: status, headers that matter, and the body with
 * the values that differ on every call (id, time) and the email they typed themselves masked. */
const comparable = (res: LightMyRequestResponse, email: string) => ({
  status: res.statusCode,
  type: res.headers["content-type"],
  body: res.body
    .replace(email, "<email>")
    .replace(/"id":"[^"]+"/, '"id":"<id>"')
    .replace(/"createdAt":"[^"]+"/, '"createdAt":"<at>"'),
});

beforeAll(async () => {
  t = await createTestApp();
  ws = await t.workspace("inviting");
  elsewhere = await t.workspace("inv-elsewhere");
  admin = await t.signIn(ws.users.admin.email);
  owner = await t.signIn(ws.users.owner.email);
});

afterAll(async () => {
  await t?.close();
});

describe("inviting a person", () => {
  it("answers the same for an email with a login elsewhere as for an unknown one", async () => {
    const known = elsewhere.users.manager.email; // manager@inv-elsewhere.test
    const unknown = "nobody12@inv-nowhere.test";
    for (const password of [undefined, "a-quiet-harbour-lamp-29"]) {
      const extra = password ? { password } : {};
      const a = await invite(known, extra);
      const b = await invite(unknown, extra);
      expect(comparable(a, known)).toEqual(comparable(b, unknown));
      expect(a.statusCode).toBe(201);
      expect(a.json<Invitation>().name).toBe("Someone Named By The Admin");
      expect(a.body).not.toContain("manager of inv-elsewhere");
      expect(a.body).not.toContain(elsewhere.users.manager.id);
      // Neither is a member yet; both wait in the same list, looking alike.
      expect(await members(known)).toEqual([]);
      expect(await members(unknown)).toEqual([]);
      const both = (await pending()).filter((i) => i.email === known || i.email === unknown);
      expect(both.map((i) => i.name)).toEqual(["Someone Named By The Admin", "Someone Named By The Admin"]);
      const logged = (await audit("member.invite")).filter((r) => both.some((i) => i.id === r.targetId));
      expect(logged.map((r) => Object.keys(r.details).sort())).toEqual([
        ["email", "role"],
        ["email", "role"],
      ]);
      for (const i of both) await t.request(admin, "DELETE", `/api/v1/invitations/${i.id}`);
    }
    // The admin's password did nothing to the existing login.
    await expect(t.signIn(known, "a-quiet-harbour-lamp-29")).rejects.toThrow(/401/);
    await t.signIn(known, TEST_PASSWORD);
  });

  it("refuses an email that is already a member here, or already invited", async () => {
    expect((await invite(ws.users.viewer.email)).statusCode).toBe(409);
    expect((await invite("twice@inv-nowhere.test")).statusCode).toBe(201);
    expect((await invite("twice@inv-nowhere.test")).statusCode).toBe(409);
  });
});

describe("the invited person", () => {
  it("sees the invitation after signing in, and accepting makes them a member", async () => {
    const person = await t.signIn(elsewhere.users.member.email);
    expect(await mine(person)).toEqual([]);
    const inv = (await invite(elsewhere.users.member.email, { role: "leader" })).json<Invitation>();
    const shown = await mine(person);
    expect(shown).toEqual([
      expect.objectContaining({
        id: inv.id,
        workspace: { slug: "inviting", name: "Workspace inviting" },
        role: "leader",
        title: "Analyst",
      }),
    ]);
    const res = await t.request(person, "POST", `/api/v1/auth/invitations/${inv.id}/accept`);
    expect(res.statusCode, res.body).toBe(200);
    const slugs = res.json<{ workspaces: { slug: string }[] }>().workspaces.map((w) => w.slug);
    expect(slugs).toEqual(["inv-elsewhere", "inviting"]);
    const [member] = await members(elsewhere.users.member.email);
    // Now, and only now, the admin sees the person's own name.
    expect(member).toMatchObject({ name: "member of inv-elsewhere", role: "leader", title: "Analyst" });
    expect(await mine(person)).toEqual([]);
    expect((await pending()).map((i) => i.id)).not.toContain(inv.id);
    const added = (await audit("member.add")).find(
      (r) => r.details && (r.details as { invitation?: string }).invitation === inv.id,
    );
    expect(added).toMatchObject({
      actorUserId: elsewhere.users.member.id,
      targetId: elsewhere.users.member.id,
    });
  });

  it("declining removes the invitation and leaves them out, audited", async () => {
    const person = await t.signIn(elsewhere.users.viewer.email);
    const inv = (await invite(elsewhere.users.viewer.email)).json<Invitation>();
    const res = await t.request(person, "POST", `/api/v1/auth/invitations/${inv.id}/decline`);
    expect(res.statusCode).toBe(200);
    expect(await mine(person)).toEqual([]);
    expect(await members(elsewhere.users.viewer.email)).toEqual([]);
    expect((await pending()).map((i) => i.id)).not.toContain(inv.id);
    const row = (await audit("member.invite_decline")).find((r) => r.targetId === inv.id);
    expect(row).toMatchObject({ actorUserId: elsewhere.users.viewer.id });
  });

  it("cannot see, accept or decline someone else's invitation", async () => {
    const inv = (await invite(elsewhere.users.leader.email)).json<Invitation>();
    const other = await t.signIn(elsewhere.users.owner.email);
    expect(await mine(other)).toEqual([]);
    for (const verb of ["accept", "decline"]) {
      const res = await t.request(other, "POST", `/api/v1/auth/invitations/${inv.id}/${verb}`);
      expect(res.statusCode).toBe(404);
    }
    expect((await pending()).map((i) => i.id)).toContain(inv.id);
    expect(await members(elsewhere.users.owner.email)).toEqual([]);
  });
});

describe("pending invitations in the workspace", () => {
  it("an admin cancels one, audited; the person no longer sees it", async () => {
    const person = await t.signIn(elsewhere.users.admin.email);
    const inv = (await invite(elsewhere.users.admin.email)).json<Invitation>();
    expect((await mine(person)).map((i) => i.id)).toEqual([inv.id]);
    expect((await t.request(admin, "DELETE", `/api/v1/invitations/${inv.id}`)).statusCode).toBe(204);
    expect((await t.request(admin, "DELETE", `/api/v1/invitations/${inv.id}`)).statusCode).toBe(404);
    expect(await mine(person)).toEqual([]);
    const row = (await audit("member.invite_cancel")).find((r) => r.targetId === inv.id);
    expect(row).toMatchObject({ actorUserId: ws.users.admin.id });
    expect((await t.request(person, "POST", `/api/v1/auth/invitations/${inv.id}/accept`)).statusCode).toBe(
      404,
    );
  });

  it("only an owner invites to, or withdraws an invitation to, the owner role", async () => {
    expect((await invite("boss@inv-nowhere.test", { role: "owner" })).statusCode).toBe(403);
    const inv = (await invite("boss@inv-nowhere.test", { role: "owner" }, owner)).json<Invitation>();
    expect((await t.request(admin, "DELETE", `/api/v1/invitations/${inv.id}`)).statusCode).toBe(403);
    expect((await pending()).map((i) => i.id)).toContain(inv.id);
    expect((await t.request(owner, "DELETE", `/api/v1/invitations/${inv.id}`)).statusCode).toBe(204);
  });

  it("are not the business of other workspaces", async () => {
    const inv = (await invite("private@inv-nowhere.test")).json<Invitation>();
    const other = await t.signIn(elsewhere.users.owner.email);
    const list = await t.request(other, "GET", "/api/v1/invitations");
    expect(list.body).not.toContain(inv.id);
    expect((await t.request(other, "DELETE", `/api/v1/invitations/${inv.id}`)).statusCode).toBe(404);
  });
});
