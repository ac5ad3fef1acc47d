import type { LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Account, TeamMember, TimelineEntry } from "../../src/contract/index.ts";
import { type Caller, createTestApp, type TestApp, type TestWorkspace } from "../helpers/test-app.ts";

/** The account team and the account timeline: who works the account, and what happened to it. */
let t: TestApp;
let ws: TestWorkspace;
let writer: Caller;
let admin: Caller;

type ErrorBody = { error: { code: string; message: string; details?: { issues?: { path: string }[] } } };
type Page<T> = { data: T[]; nextCursor: string | null };
const errorOf = (res: LightMyRequestResponse) => res.json<ErrorBody>().error;

async function post<T>(url: string, body: unknown): Promise<T> {
  const res = await t.request(writer, "POST", url, body);
  if (res.statusCode !== 201) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
  return res.json<T>();
}
const newAccount = (name: string) => post<Account>("/api/v1/accounts", { name });
const timeline = async (accountId: string, query = "") =>
  (await t.request(writer, "GET", `/api/v1/accounts/${accountId}/timeline?${query}`)).json<
    Page<TimelineEntry>
  >();
const auditTargets = async (action: string) =>
  (await t.request(admin, "GET", `/api/v1/audit-log?action=${action}`)).json<
    Page<{ targetId: string; details: Record<string, unknown> }>
  >().data;

beforeAll(async () => {
  t = await createTestApp();
  ws = await t.workspace("team");
  writer = await t.signIn(ws.users.member.email);
  admin = await t.signIn(ws.users.admin.email);
});

afterAll(async () => {
  await t?.close();
});

describe("account team", () => {
  it("adds a workspace member in a role and lists the team", async () => {
    const a = await newAccount("Team Co");
    const res = await t.request(writer, "POST", `/api/v1/accounts/${a.id}/team`, {
      userId: ws.users.manager.id,
      teamRole: "csm",
    });
    expect(res.statusCode).toBe(201);
    const m = res.json<TeamMember>();
    expect(m).toMatchObject({
      accountId: a.id,
      userId: ws.users.manager.id,
      userName: "manager of team",
      userEmail: ws.users.manager.email,
      function: "customer_success",
      teamRole: "csm",
    });
    await post(`/api/v1/accounts/${a.id}/team`, {
      userId: ws.users.leader.id,
      teamRole: "account_executive",
    });
    // The same person may hold a second, different role.
    await post(`/api/v1/accounts/${a.id}/team`, { userId: ws.users.manager.id, teamRole: "support_lead" });

    const list = await t.request(writer, "GET", `/api/v1/accounts/${a.id}/team`);
    expect(list.json<Page<TeamMember>>().data.map((x) => `${x.teamRole}:${x.userId}`)).toEqual([
      `account_executive:${ws.users.leader.id}`,
      `csm:${ws.users.manager.id}`,
      `support_lead:${ws.users.manager.id}`,
    ]);
    expect((await t.request(writer, "GET", `/api/v1/accounts/${a.id}/team/${m.id}`)).json()).toEqual(m);
    const entries = (await timeline(a.id, "kind=team")).data.map((e) => e.title);
    expect(entries).toContain("manager of team joined the account team as CSM");
  });

  it("refuses someone who is not a member of this workspace", async () => {
    const a = await newAccount("Outsider Co");
    const other = await t.workspace("team-other");
    for (const userId of [other.users.member.id, "0190a4b0-0000-7000-8000-000000000000"]) {
      const res = await t.request(writer, "POST", `/api/v1/accounts/${a.id}/team`, {
        userId,
        teamRole: "csm",
      });
      expect(res.statusCode).toBe(400);
      expect(errorOf(res).details?.issues?.[0]?.path).toBe("userId");
    }
    const list = await t.request(writer, "GET", `/api/v1/accounts/${a.id}/team`);
    expect(list.json<Page<TeamMember>>().data).toEqual([]);
  });

  it("refuses the same person twice in the same role with 409", async () => {
    const a = await newAccount("Duplicate Co");
    await post(`/api/v1/accounts/${a.id}/team`, { userId: ws.users.member.id, teamRole: "csm" });
    const again = await t.request(writer, "POST", `/api/v1/accounts/${a.id}/team`, {
      userId: ws.users.member.id,
      teamRole: "csm",
    });
    expect(again.statusCode).toBe(409);
    expect(errorOf(again).code).toBe("CONFLICT");
    const list = await t.request(writer, "GET", `/api/v1/accounts/${a.id}/team`);
    expect(list.json<Page<TeamMember>>().data).toHaveLength(1);
  });

  it("changes a member's role, refusing a role the person already holds", async () => {
    const a = await newAccount("Role Change Co");
    const csm = await post<TeamMember>(`/api/v1/accounts/${a.id}/team`, {
      userId: ws.users.viewer.id,
      teamRole: "csm",
    });
    await post(`/api/v1/accounts/${a.id}/team`, { userId: ws.users.viewer.id, teamRole: "marketing" });

    const changed = await t.request(writer, "PATCH", `/api/v1/accounts/${a.id}/team/${csm.id}`, {
      teamRole: "executive_sponsor",
    });
    expect(changed.statusCode).toBe(200);
    expect(changed.json<TeamMember>()).toMatchObject({ id: csm.id, teamRole: "executive_sponsor" });

    const clash = await t.request(writer, "PATCH", `/api/v1/accounts/${a.id}/team/${csm.id}`, {
      teamRole: "marketing",
    });
    expect(clash.statusCode).toBe(409);
    const kept = await t.request(writer, "GET", `/api/v1/accounts/${a.id}/team/${csm.id}`);
    expect(kept.json<TeamMember>().teamRole).toBe("executive_sponsor");

    const bad = await t.request(writer, "PATCH", `/api/v1/accounts/${a.id}/team/${csm.id}`, {
      teamRole: "mascot",
    });
    expect(bad.statusCode).toBe(400);
  });

  it("removes a member from the team, with a timeline entry and an audit row", async () => {
    const a = await newAccount("Removal Co");
    const m = await post<TeamMember>(`/api/v1/accounts/${a.id}/team`, {
      userId: ws.users.leader.id,
      teamRole: "csm",
    });
    expect((await t.request(writer, "DELETE", `/api/v1/accounts/${a.id}/team/${m.id}`)).statusCode).toBe(204);
    expect((await t.request(writer, "GET", `/api/v1/accounts/${a.id}/team/${m.id}`)).statusCode).toBe(404);
    expect((await t.request(writer, "DELETE", `/api/v1/accounts/${a.id}/team/${m.id}`)).statusCode).toBe(404);

    expect((await timeline(a.id)).data[0]?.title).toBe("leader of team left the account team (CSM)");
    const row = (await auditTargets("team_member.remove")).find((r) => r.targetId === m.id);
    expect(row?.details).toEqual({ accountId: a.id });
  });

  it("answers 404 for a team member reached through another account", async () => {
    const a = await newAccount("Owner Co");
    const b = await newAccount("Bystander Co");
    const m = await post<TeamMember>(`/api/v1/accounts/${a.id}/team`, {
      userId: ws.users.member.id,
      teamRole: "csm",
    });
    expect((await t.request(writer, "GET", `/api/v1/accounts/${b.id}/team/${m.id}`)).statusCode).toBe(404);
    const patch = await t.request(writer, "PATCH", `/api/v1/accounts/${b.id}/team/${m.id}`, {
      teamRole: "marketing",
    });
    expect(patch.statusCode).toBe(404);
    expect((await t.request(writer, "DELETE", `/api/v1/accounts/${b.id}/team/${m.id}`)).statusCode).toBe(404);
    expect(
      (await t.request(writer, "GET", `/api/v1/accounts/${a.id}/team/${m.id}`)).json<TeamMember>().teamRole,
    ).toBe("csm");
  });
});

describe("timeline notes", () => {
  it("adds a note that appears first in the timeline, with its author", async () => {
    const a = await newAccount("Notes Co");
    const res = await t.request(writer, "POST", `/api/v1/accounts/${a.id}/timeline`, {
      title: "QBR held",
      body: "Went well; expansion likely.",
    });
    expect(res.statusCode).toBe(201);
    const note = res.json<TimelineEntry>();
    expect(note).toMatchObject({
      accountId: a.id,
      kind: "note",
      title: "QBR held",
      body: "Went well; expansion likely.",
      authorId: ws.users.member.id,
      authorName: "member of team",
    });
    const entries = (await timeline(a.id)).data;
    expect(entries.map((e) => e.id)).toEqual([note.id, entries[1]?.id]);
    expect(entries[1]).toMatchObject({ kind: "account", title: "Account created" });
  });

  it("places a back-dated note by when it happened", async () => {
    const a = await newAccount("Backdated Co");
    const note = await post<TimelineEntry>(`/api/v1/accounts/${a.id}/timeline`, {
      title: "Kickoff call",
      occurredAt: "2020-01-15T10:00:00Z",
    });
    const entries = (await timeline(a.id)).data;
    expect(entries.at(-1)?.id).toBe(note.id);
    expect(entries.at(-1)?.occurredAt).toBe("2020-01-15T10:00:00.000Z");
  });

  it("edits a note", async () => {
    const a = await newAccount("Edit Co");
    const note = await post<TimelineEntry>(`/api/v1/accounts/${a.id}/timeline`, { title: "Draft" });
    const res = await t.request(writer, "PATCH", `/api/v1/accounts/${a.id}/timeline/${note.id}`, {
      title: "Final",
      body: "Added detail",
    });
    expect(res.statusCode).toBe(200);
    const edited = res.json<TimelineEntry>();
    expect(edited).toMatchObject({
      id: note.id,
      title: "Final",
      body: "Added detail",
      occurredAt: note.occurredAt,
    });
    expect(Date.parse(edited.updatedAt)).toBeGreaterThanOrEqual(Date.parse(note.updatedAt));
    const got = await t.request(writer, "GET", `/api/v1/accounts/${a.id}/timeline/${note.id}`);
    expect(got.json()).toEqual(edited);

    const blank = await t.request(writer, "PATCH", `/api/v1/accounts/${a.id}/timeline/${note.id}`, {
      title: "",
    });
    expect(blank.statusCode).toBe(400);
  });

  it("deletes a note, with an audit row", async () => {
    const a = await newAccount("Delete Note Co");
    const note = await post<TimelineEntry>(`/api/v1/accounts/${a.id}/timeline`, { title: "Oops" });
    expect(
      (await t.request(writer, "DELETE", `/api/v1/accounts/${a.id}/timeline/${note.id}`)).statusCode,
    ).toBe(204);
    expect((await t.request(writer, "GET", `/api/v1/accounts/${a.id}/timeline/${note.id}`)).statusCode).toBe(
      404,
    );
    expect((await timeline(a.id)).data.map((e) => e.id)).not.toContain(note.id);
    const row = (await auditTargets("note.delete")).find((r) => r.targetId === note.id);
    expect(row?.details).toEqual({ accountId: a.id, title: "Oops" });
  });

  it("keeps entries Steward recorded: editing or deleting them is a 409", async () => {
    const a = await newAccount("System Co");
    const system = (await timeline(a.id)).data[0];
    expect(system?.kind).toBe("account");
    const url = `/api/v1/accounts/${a.id}/timeline/${system?.id}`;
    const edit = await t.request(writer, "PATCH", url, { title: "Rewritten history" });
    expect(edit.statusCode).toBe(409);
    expect(errorOf(edit).code).toBe("CONFLICT");
    expect((await t.request(writer, "DELETE", url)).statusCode).toBe(409);
    expect((await t.request(writer, "GET", url)).json<TimelineEntry>().title).toBe("Account created");
  });

  it("links a note only to a contact of the same account", async () => {
    const a = await newAccount("Linked Co");
    const b = await newAccount("Unlinked Co");
    const own = await post<{ id: string }>("/api/v1/contacts", { accountId: a.id, firstName: "Own" });
    const elsewhere = await post<{ id: string }>("/api/v1/contacts", {
      accountId: b.id,
      firstName: "Elsewhere",
    });
    const other = await t.workspace("notes-contacts");
    const otherKey = await t.apiKey(other, ["write"]);
    const theirAccount = await t.request(otherKey, "POST", "/api/v1/accounts", { name: "Theirs" });
    const theirs = await t.request(otherKey, "POST", "/api/v1/contacts", {
      accountId: theirAccount.json<Account>().id,
      firstName: "Theirs",
    });

    const note = await post<TimelineEntry>(`/api/v1/accounts/${a.id}/timeline`, {
      title: "Call",
      contactId: own.id,
    });
    expect(note.contactId).toBe(own.id);
    for (const contactId of [
      elsewhere.id,
      theirs.json<{ id: string }>().id,
      "0190a4b0-0000-7000-8000-000000000000",
    ]) {
      const add = await t.request(writer, "POST", `/api/v1/accounts/${a.id}/timeline`, {
        title: "Call",
        contactId,
      });
      expect(add.statusCode, contactId).toBe(400);
      expect(errorOf(add).details?.issues?.[0]?.path).toBe("contactId");
      const edit = await t.request(writer, "PATCH", `/api/v1/accounts/${a.id}/timeline/${note.id}`, {
        contactId,
      });
      expect(edit.statusCode, contactId).toBe(400);
    }
    const kept = await t.request(writer, "GET", `/api/v1/accounts/${a.id}/timeline/${note.id}`);
    expect(kept.json<TimelineEntry>().contactId).toBe(own.id);
    const unlinked = await t.request(writer, "PATCH", `/api/v1/accounts/${a.id}/timeline/${note.id}`, {
      contactId: null,
    });
    expect(unlinked.json<TimelineEntry>().contactId).toBeNull();
  });

  it("refuses a note on an account of another workspace", async () => {
    const other = await t.workspace("notes-other");
    const theirs = await t.request(await t.apiKey(other, ["write"]), "POST", "/api/v1/accounts", {
      name: "Theirs",
    });
    const res = await t.request(writer, "POST", `/api/v1/accounts/${theirs.json<Account>().id}/timeline`, {
      title: "Graffiti",
    });
    expect(res.statusCode).toBe(404);
  });

  it("filters by kind and paginates newest first, ties broken by id", async () => {
    const a = await newAccount("Busy Co");
    const same = "2024-06-01T12:00:00.000Z";
    for (let i = 0; i < 7; i++) {
      await post(`/api/v1/accounts/${a.id}/timeline`, { title: `Same moment ${i}`, occurredAt: same });
    }
    for (let i = 0; i < 5; i++) {
      await post(`/api/v1/accounts/${a.id}/timeline`, {
        title: `Day ${i}`,
        occurredAt: new Date(Date.parse("2024-01-01T00:00:00Z") + i * 86_400_000).toISOString(),
      });
    }
    const everything = (await timeline(a.id, "limit=200")).data;
    expect(everything).toHaveLength(13);

    const seen: TimelineEntry[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: Page<TimelineEntry> = await timeline(a.id, `limit=4${cursor ? `&cursor=${cursor}` : ""}`);
      seen.push(...page.data);
      cursor = page.nextCursor;
      pages++;
    } while (cursor && pages < 20);
    expect(pages).toBe(4);
    expect(seen.map((e) => e.id)).toEqual(everything.map((e) => e.id));
    expect(new Set(seen.map((e) => e.id)).size).toBe(13);
    const expected = [...everything].sort(
      (x, y) => Date.parse(y.occurredAt) - Date.parse(x.occurredAt) || (x.id < y.id ? 1 : -1),
    );
    expect(seen.map((e) => e.id)).toEqual(expected.map((e) => e.id));

    const notes = (await timeline(a.id, "kind=note&limit=200")).data;
    expect(notes).toHaveLength(12);
    expect((await timeline(a.id, "kind=account")).data.map((e) => e.title)).toEqual(["Account created"]);
  });
});
