import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays, utcToday } from "../../src/common/dates.ts";
import type { Account, Contact, Member, Task, TaskCounts, TimelineEntry } from "../../src/contract/index.ts";
import { queryRows } from "../../src/db/index.ts";
import { systemDb } from "../../src/db/system.ts";
import { escalateOverdueTasks, raiseTasks } from "../../src/domain/tasks/index.ts";
import {
  apiSender,
  type Caller,
  createTestApp,
  errorOf,
  type TestApp,
  type TestWorkspace,
} from "../helpers/test-app.ts";

/** The task inbox through the API: items with their reason, views, the closed loop, risks, escalation. */
let t: TestApp;
let ws: TestWorkspace;
let admin: Caller;
let member: Caller;
let viewer: Caller;
let acme: Account;
let globex: Account;

const send = apiSender(
  () => t,
  () => member,
);
const list = (query: string, who = member) =>
  send<{ data: Task[]; nextCursor: string | null }>("GET", `/api/v1/tasks${query}`, undefined, 200, who);
const newTask = (body: Record<string, unknown>, who = member) =>
  send<Task>("POST", "/api/v1/tasks", body, 201, who);
const today = utcToday();

beforeAll(async () => {
  t = await createTestApp({ STEWARD_PUBLIC_URL: "https://steward.example.com" });
  ws = await t.workspace("inbox");
  admin = await t.signIn(ws.users.admin.email);
  member = await t.signIn(ws.users.member.email);
  viewer = await t.signIn(ws.users.viewer.email);
  acme = await send<Account>("POST", "/api/v1/accounts", { name: "Acme", ownerId: ws.users.member.id }, 201);
  globex = await send<Account>("POST", "/api/v1/accounts", { name: "Globex" }, 201);
});

afterAll(async () => {
  await t.close();
});

describe("tasks given by hand", () => {
  it("go to the account's owner, say who gave them, and are refused at the field when wrong", async () => {
    const task = await newTask(
      { accountId: acme.id, title: "Book the QBR", dueDate: addDays(today, 3) },
      admin,
    );
    expect(task).toMatchObject({
      kind: "task",
      type: "activity",
      priority: "medium",
      status: "open",
      account: { id: acme.id, name: "Acme" },
      owner: { userId: ws.users.member.id },
      overdue: false,
      occurrences: 1,
      reason: { kind: "manual", data: { userId: ws.users.admin.id } },
    });
    expect(task.reason.text).toMatch(/^Created by /);
    // No owner on the account: the giver owns it.
    expect((await newTask({ accountId: globex.id, title: "Say hello" })).owner?.userId).toBe(
      ws.users.member.id,
    );

    const noTitle = await t.request(member, "POST", "/api/v1/tasks", { accountId: acme.id, title: " " });
    expect(noTitle.statusCode).toBe(400);
    expect(errorOf(noTitle).details?.issues?.[0]?.path).toBe("title");
    const stranger = await t.request(member, "POST", "/api/v1/tasks", {
      accountId: acme.id,
      title: "Hand it over",
      ownerId: "0190a4b0-0000-7000-8000-00000000dead",
    });
    expect(stranger.statusCode).toBe(400);
    expect(errorOf(stranger).details?.issues?.[0]?.path).toBe("ownerId");
    const viewerTry = await t.request(viewer, "POST", "/api/v1/tasks", { accountId: acme.id, title: "Nope" });
    expect(viewerTry.statusCode).toBe(403);
  });

  it("are listed by view, each with its reason, and counted per view", async () => {
    const late = await newTask({
      accountId: acme.id,
      title: "Send the renewal quote",
      dueDate: addDays(today, -2),
      priority: "high",
    });
    const adminOwn = await newTask(
      { accountId: globex.id, title: "Admin's own", ownerId: ws.users.admin.id },
      admin,
    );

    const mine = await list("?view=mine");
    expect(mine.data.map((x) => x.id)).toContain(late.id);
    expect(mine.data.map((x) => x.id)).not.toContain(adminOwn.id);
    expect(mine.data.every((x) => x.reason.text.length > 0)).toBe(true);
    // Soonest due first: the overdue one leads.
    expect(mine.data[0]?.id).toBe(late.id);
    expect(mine.data[0]?.overdue).toBe(true);

    const overdue = await list("?view=overdue");
    expect(overdue.data.map((x) => x.id)).toEqual([late.id]);
    expect((await list(`?ownerId=${ws.users.admin.id}`)).data.map((x) => x.id)).toEqual([adminOwn.id]);
    expect((await list("?priority=high")).data.map((x) => x.id)).toEqual([late.id]);

    const counts = await send<TaskCounts>("GET", "/api/v1/tasks/counts");
    const all = await list("?limit=200");
    expect(counts.all).toBe(all.data.length);
    expect(counts.mine).toBe(mine.data.length);
    expect(counts.overdue).toBe(1);
    // A viewer reads the inbox too (read scope).
    expect((await list("", viewer)).data.length).toBe(all.data.length);
  });

  it("pages with a cursor in the chosen order", async () => {
    const first = await list("?limit=2&sort=priority");
    expect(first.data).toHaveLength(2);
    expect(first.nextCursor).not.toBeNull();
    const rest = await list(`?limit=200&sort=priority&cursor=${first.nextCursor}`);
    const ids = [...first.data, ...rest.data].map((x) => x.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBe((await list("?limit=200")).data.length);
    const bad = await t.request(member, "GET", "/api/v1/tasks?sort=dueDate&cursor=nonsense");
    expect(bad.statusCode).toBe(400);
  });
});

describe("working an item", () => {
  it("snoozes out of the open list, reassigns, and closes with an outcome the timeline keeps", async () => {
    const task = await newTask({ accountId: acme.id, title: "Check the onboarding plan" });
    const past = await t.request(member, "POST", `/api/v1/tasks/${task.id}/snooze`, {
      until: "2020-01-01T00:00:00Z",
    });
    expect(past.statusCode).toBe(400);
    expect(errorOf(past).details?.issues?.[0]?.path).toBe("until");

    const until = new Date(Date.now() + 3 * 86_400_000).toISOString();
    const snoozed = await send<Task>("POST", `/api/v1/tasks/${task.id}/snooze`, { until });
    expect(snoozed.snoozedUntil).not.toBeNull();
    expect((await list("?limit=200")).data.map((x) => x.id)).not.toContain(task.id);
    expect((await list("?status=snoozed&view=mine")).data.map((x) => x.id)).toContain(task.id);
    // Brought back by hand before its time.
    const woken = await send<Task>("POST", `/api/v1/tasks/${task.id}/snooze`, { until: null });
    expect(woken.snoozedUntil).toBeNull();
    expect((await list("?limit=200")).data.map((x) => x.id)).toContain(task.id);

    const moved = await send<Task>("PATCH", `/api/v1/tasks/${task.id}`, {
      ownerId: ws.users.admin.id,
      priority: "urgent",
    });
    expect(moved.owner?.userId).toBe(ws.users.admin.id);
    expect(moved.priority).toBe("urgent");

    const noNote = await t.request(member, "POST", `/api/v1/tasks/${task.id}/close`, {
      outcome: "unsuccessful",
    });
    expect(noNote.statusCode).toBe(400);
    expect(errorOf(noNote).details?.issues?.[0]?.path).toBe("note");
    expect((await send<Task>("GET", `/api/v1/tasks/${task.id}`)).status).toBe("open");

    const closed = await send<Task>("POST", `/api/v1/tasks/${task.id}/close`, {
      outcome: "unsuccessful",
      note: "Their admin is on leave until March",
    });
    expect(closed).toMatchObject({
      status: "closed",
      outcome: "unsuccessful",
      outcomeNote: "Their admin is on leave until March",
      closedBy: { userId: ws.users.member.id },
      snoozedUntil: null,
    });
    const again = await t.request(member, "PATCH", `/api/v1/tasks/${task.id}`, { title: "Changed" });
    expect(again.statusCode).toBe(409);
    const timeline = await send<{ data: TimelineEntry[] }>(
      "GET",
      `/api/v1/accounts/${acme.id}/timeline?limit=50`,
    );
    expect(timeline.data.find((e) => e.kind === "task")).toMatchObject({
      title: "Check the onboarding plan — closed: did not work out",
      body: "Their admin is on leave until March",
    });
    expect((await list("?status=closed")).data.map((x) => x.id)).toContain(task.id);

    const reopened = await send<Task>("POST", `/api/v1/tasks/${task.id}/reopen`);
    expect(reopened).toMatchObject({ status: "open", outcome: null, closedAt: null });
  });
});

describe("signals reach the inbox", () => {
  let cy: Contact;

  it("opens one alert per unhappy person from the closed loop, counting repeats, with the answer as its reason", async () => {
    cy = await send<Contact>(
      "POST",
      "/api/v1/contacts",
      { accountId: acme.id, firstName: "Cy", lastName: "Park", decisionRole: "user" },
      201,
    );
    const answer = (score: number, day: string) =>
      send(
        "POST",
        "/api/v1/survey-responses",
        { contactId: cy.id, kind: "nps", score, answeredAt: `${day}T10:00:00Z` },
        201,
      );
    await answer(2, "2026-03-01");
    const alerts = (await list(`?accountId=${acme.id}&type=risk`)).data.filter(
      (x) => x.reason.kind === "survey_follow_up",
    );
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({
      kind: "alert",
      priority: "urgent",
      owner: { userId: ws.users.member.id },
      reason: { data: { contactId: cy.id, surveyKind: "nps", score: 2 } },
    });
    expect(alerts[0]?.title).toContain("Cy Park");
    expect(alerts[0]?.reason.text).toBe(
      "Cy Park answered an NPS survey with 2: the closed loop asks for a call back",
    );

    await answer(5, "2026-04-20");
    const after = (await list(`?accountId=${acme.id}&type=risk`)).data.filter(
      (x) => x.reason.kind === "survey_follow_up",
    );
    expect(after).toHaveLength(1);
    expect(after[0]?.occurrences).toBe(2);
    // Its reason is the latest answer's.
    expect(after[0]?.reason.data).toMatchObject({ score: 5 });
    // A promoter raises nothing.
    await answer(10, "2026-06-01");
    expect(
      (await list(`?accountId=${acme.id}&type=risk`)).data.filter(
        (x) => x.reason.kind === "survey_follow_up",
      )[0]?.occurrences,
    ).toBe(2);
  });

  it("opens an alert when the champion leaves and closes it by itself when a champion is named", async () => {
    const dee = await send<Contact>(
      "POST",
      "/api/v1/contacts",
      { accountId: acme.id, firstName: "Dee", lastName: "Quinn", decisionRole: "champion" },
      201,
    );
    await send("PATCH", `/api/v1/contacts/${dee.id}`, { leftCompany: true });
    const [alert] = (await list(`?accountId=${acme.id}`)).data.filter(
      (x) => x.reason.kind === "stakeholder_risk",
    );
    expect(alert).toMatchObject({
      kind: "alert",
      type: "risk",
      title: "Champion left: Dee Quinn",
      reason: { data: { riskCode: "champion_left", contactIds: [dee.id] } },
    });

    await send("PATCH", `/api/v1/contacts/${cy.id}`, { decisionRole: "champion" });
    const resolved = await send<Task>("GET", `/api/v1/tasks/${alert?.id}`);
    expect(resolved).toMatchObject({ status: "closed", outcome: "auto_resolved", closedBy: null });
  });

  it("refuses to reopen an item whose reason is open again, naming the open one", async () => {
    const cyLeaves = await send("PATCH", `/api/v1/contacts/${cy.id}`, { leftCompany: true });
    expect(cyLeaves).toBeTruthy();
    const open = (await list(`?accountId=${acme.id}`)).data.find((x) => x.reason.kind === "stakeholder_risk");
    const closed = (await list(`?accountId=${acme.id}&status=closed`)).data.find(
      (x) => x.reason.kind === "stakeholder_risk",
    );
    expect(open && closed).toBeTruthy();
    const res = await t.request(member, "POST", `/api/v1/tasks/${closed?.id}/reopen`);
    expect(res.statusCode).toBe(409);
    expect(errorOf(res).details?.taskId).toBe(open?.id);
  });
});

describe("managers and escalation", () => {
  it("refuses a manager who reports to the member, at the field", async () => {
    await send<Member>(
      "PATCH",
      `/api/v1/members/${ws.users.member.id}`,
      { managerId: ws.users.admin.id, team: "Enterprise" },
      200,
      admin,
    );
    const circle = await t.request(admin, "PATCH", `/api/v1/members/${ws.users.admin.id}`, {
      managerId: ws.users.member.id,
    });
    expect(circle.statusCode).toBe(400);
    expect(errorOf(circle).details?.issues?.[0]?.path).toBe("managerId");
    const self = await t.request(admin, "PATCH", `/api/v1/members/${ws.users.admin.id}`, {
      managerId: ws.users.admin.id,
    });
    expect(self.statusCode).toBe(400);
  });

  it("sends an overdue item once to the owner's manager, who sees it in their inbox and gets one email", async () => {
    const late = await newTask({
      accountId: acme.id,
      title: "Chase the signed order form",
      dueDate: addDays(today, -1),
    });
    const db = systemDb(t.database.db);
    const first = await escalateOverdueTasks(db, {
      smtpUrl: null,
      from: "Steward <s@example.com>",
      publicUrl: "https://steward.example.com",
    });
    expect(first.escalated).toBeGreaterThanOrEqual(1);
    const task = await send<Task>("GET", `/api/v1/tasks/${late.id}`);
    expect(task.escalatedTo.map((p) => p.userId)).toEqual([ws.users.admin.id]);
    expect((await list("?view=mine", admin)).data.map((x) => x.id)).toContain(late.id);

    const again = await escalateOverdueTasks(db, {
      smtpUrl: null,
      from: "Steward <s@example.com>",
      publicUrl: "https://steward.example.com",
    });
    expect(again.escalated).toBe(0);
    const mails = await queryRows<{ to_address: string; text_body: string }>(
      db,
      sql`select to_address, text_body from mail_messages where workspace_id = ${ws.id} and purpose = 'task_escalation'`,
    );
    expect(mails).toHaveLength(1);
    expect(mails[0]?.to_address).toBe(ws.users.admin.email);
    expect(mails[0]?.text_body).toContain("Chase the signed order form (Acme)");
    expect(mails[0]?.text_body).toContain("https://steward.example.com/inbox?view=mine");

    // Reassigning starts the escalation afresh.
    const moved = await send<Task>("PATCH", `/api/v1/tasks/${late.id}`, { ownerId: ws.users.admin.id });
    expect(moved.escalatedAt).toBeNull();
  });

  it("leaves a departing member's open items to the team", async () => {
    const left = await newTask({
      accountId: globex.id,
      title: "Owned by the leaver",
      ownerId: ws.users.member.id,
    });
    expect((await t.request(admin, "DELETE", `/api/v1/members/${ws.users.member.id}`)).statusCode).toBe(204);
    const task = await send<Task>("GET", `/api/v1/tasks/${left.id}`, undefined, 200, admin);
    expect(task.owner).toBeNull();
    expect((await list("?view=team", admin)).data.map((x) => x.id)).toContain(left.id);
  });
});

describe("many at once", () => {
  it("opens thousands of items in one raise (a rule over many accounts), and counts each again on a repeat", async () => {
    const account = await send<Account>(
      "POST",
      "/api/v1/accounts",
      { name: "Bulk Co", ownerId: ws.users.admin.id },
      201,
      admin,
    );
    const ctx = {
      db: systemDb(t.database.db),
      workspaceId: ws.id,
      actor: { kind: "system" as const, label: "test" },
    };
    // More items than one statement could carry as a parameter per value (65,535).
    const items = Array.from({ length: 5000 }, (_, i) => ({
      accountId: account.id,
      kind: "alert" as const,
      type: "risk" as const,
      title: `Signal ${i}`,
      priority: "medium" as const,
      reason: { kind: "manual" as const, text: `signal ${i}`, data: { i } },
      reasonKey: `bulk:${i}`,
    }));
    const first = await raiseTasks(ctx, items);
    expect(first.opened).toHaveLength(5000);
    expect(new Set(first.items.map((i) => i.taskId)).size).toBe(5000);
    const again = await raiseTasks(ctx, items);
    expect(again.repeated.sort()).toEqual([...first.opened].sort());
    const [row] = await queryRows<{ n: number; occurrences: number; owned: number }>(
      ctx.db,
      sql`select count(*)::int as n, sum(occurrences)::int as occurrences,
                 count(*) filter (where owner_id = ${ws.users.admin.id})::int as owned
            from tasks where workspace_id = ${ws.id} and account_id = ${account.id} and closed_at is null`,
    );
    expect(row).toEqual({ n: 5000, occurrences: 10_000, owned: 5000 });
  });
});
