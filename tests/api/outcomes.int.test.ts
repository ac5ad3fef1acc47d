import { sql } from "drizzle-orm";
import type { LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays, utcToday } from "../../src/common/dates.ts";
import type {
  Account,
  AccountSuccess,
  Contact,
  Outcome,
  OutcomeChange,
  OutcomeTemplate,
} from "../../src/contract/index.ts";
import { measureValues } from "../../src/domain/health/measure-values.queries.ts";
import { type Caller, createTestApp, type TestApp, type TestWorkspace } from "../helpers/test-app.ts";

/** Key players' outcomes and wins through the API: writes, history, evidence, templates, success. */
let t: TestApp;
let ws: TestWorkspace;
let member: Caller;
let admin: Caller;
let acme: Account;
let buyer: Contact;
let champion: Contact;

type Issue = { path: string; message: string };
type ErrorBody = { error: { code: string; message: string; details?: { issues?: Issue[] } } };
const errorOf = (res: LightMyRequestResponse) => res.json<ErrorBody>().error;

async function send<T>(method: string, url: string, body?: unknown, status = 200, who = member): Promise<T> {
  const res = await t.request(who, method, url, body);
  if (res.statusCode !== status) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body}`);
  return res.json<T>();
}

const createOutcome = (body: Record<string, unknown>) => send<Outcome>("POST", "/api/v1/outcomes", body, 201);

beforeAll(async () => {
  t = await createTestApp();
  ws = await t.workspace("outcomes");
  member = await t.signIn(ws.users.member.email);
  admin = await t.signIn(ws.users.admin.email);
  acme = await send<Account>("POST", "/api/v1/accounts", { name: "Acme" }, 201);
  buyer = await send<Contact>(
    "POST",
    "/api/v1/contacts",
    {
      accountId: acme.id,
      firstName: "Bea",
      decisionRole: "economic_buyer",
      influence: 5,
      seniority: "executive",
    },
    201,
  );
  champion = await send<Contact>(
    "POST",
    "/api/v1/contacts",
    { accountId: acme.id, firstName: "Cy", decisionRole: "champion", influence: 3, seniority: "manager" },
    201,
  );
});

afterAll(async () => {
  await t?.close();
});

describe("outcomes and personal wins", () => {
  it("creates an outcome with its measure, scores its progress, and records it in history and on the timeline", async () => {
    const o = await createOutcome({
      contactId: buyer.id,
      kind: "business_outcome",
      title: "Reduce month-end close time",
      measure: "Month-end close time",
      unit: "days",
      baseline: 10,
      target: 4,
      current: 7,
      dueDate: addDays(utcToday(), 90),
      status: "in_progress",
      ownerId: ws.users.member.id,
    });
    // From 10 days to 4, now 7: half way. Created today, so no time has passed: on track.
    expect(o).toMatchObject({
      contactId: buyer.id,
      contactName: "Bea",
      accountId: acme.id,
      progress: 0.5,
      timeElapsed: 0,
      score: 0.5,
      status: "in_progress",
      ownerId: ws.users.member.id,
      achievedAt: null,
      evidence: [],
    });
    const history = await send<{ data: OutcomeChange[] }>("GET", `/api/v1/outcomes/${o.id}/history`);
    expect(history.data).toHaveLength(1);
    expect(history.data[0]).toMatchObject({ action: "created", actorId: ws.users.member.id });
    expect(history.data[0]?.changes.current).toEqual({ from: null, to: 7 });
    const timeline = await send<{ data: { kind: string; title: string }[] }>(
      "GET",
      `/api/v1/accounts/${acme.id}/timeline`,
    );
    expect(timeline.data.map((e) => [e.kind, e.title])).toContainEqual([
      "outcome",
      "Outcome added: Reduce month-end close time",
    ]);
  });

  it("keeps every change in the history, sets when it was achieved, and records nothing for a patch that changes nothing", async () => {
    const o = await createOutcome({ contactId: champion.id, kind: "personal_win", title: "Get promoted" });
    expect(o.score).toBe(0.5);
    const done = await send<Outcome>("PATCH", `/api/v1/outcomes/${o.id}`, { status: "achieved" });
    expect(done.status).toBe("achieved");
    expect(done.score).toBe(1);
    expect(done.achievedAt).not.toBeNull();
    await send<Outcome>("PATCH", `/api/v1/outcomes/${o.id}`, { status: "achieved", title: "Get promoted" });
    const history = await send<{ data: OutcomeChange[] }>("GET", `/api/v1/outcomes/${o.id}/history`);
    expect(history.data.map((c) => c.action)).toEqual(["changed", "created"]);
    expect(history.data[0]?.changes).toEqual({ status: { from: "planned", to: "achieved" } });
    const back = await send<Outcome>("PATCH", `/api/v1/outcomes/${o.id}`, { status: "in_progress" });
    expect(back.achievedAt).toBeNull();
  });

  it("refuses what cannot be right, at the field, and stores nothing", async () => {
    const before = await send<{ data: Outcome[] }>("GET", `/api/v1/outcomes?contactId=${buyer.id}`);
    const cases: [Record<string, unknown>, string][] = [
      [{ contactId: buyer.id, kind: "business_outcome", title: "  " }, "title"],
      [{ contactId: buyer.id, kind: "business_outcome", title: "X", baseline: 5, target: 5 }, "target"],
      [{ contactId: buyer.id, kind: "business_outcome", title: "X", status: "done" }, "status"],
      [{ contactId: buyer.id, kind: "goal", title: "X" }, "kind"],
      [{ contactId: buyer.id, kind: "business_outcome", title: "X", dueDate: "1900-01-01" }, "dueDate"],
      [{ contactId: ws.users.member.id, kind: "business_outcome", title: "X" }, "contactId"],
      [{ contactId: buyer.id, kind: "business_outcome", title: "X", ownerId: buyer.id }, "ownerId"],
    ];
    for (const [body, field] of cases) {
      const res = await t.request(member, "POST", "/api/v1/outcomes", body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(errorOf(res).details?.issues?.map((i) => i.path)).toContain(field);
    }
    const after = await send<{ data: Outcome[] }>("GET", `/api/v1/outcomes?contactId=${buyer.id}`);
    expect(after.data).toHaveLength(before.data.length);
  });

  it("takes evidence as a note or a web link, and removes it", async () => {
    const o = await createOutcome({
      contactId: buyer.id,
      kind: "business_outcome",
      title: "Save team hours",
    });
    const res = await t.request(member, "POST", `/api/v1/outcomes/${o.id}/evidence`, {
      url: "javascript:alert(1)",
    });
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).details?.issues?.[0]?.path).toBe("url");
    const empty = await t.request(member, "POST", `/api/v1/outcomes/${o.id}/evidence`, {});
    expect(errorOf(empty).details?.issues?.[0]).toMatchObject({
      path: "note",
      message: "Write a note or give a link",
    });
    const withEvidence = await send<Outcome>(
      "POST",
      `/api/v1/outcomes/${o.id}/evidence`,
      { note: "Saved 12 hours in March", url: "https://example.com/report" },
      201,
    );
    expect(withEvidence.evidence).toHaveLength(1);
    expect(withEvidence.evidence[0]).toMatchObject({
      note: "Saved 12 hours in March",
      authorId: ws.users.member.id,
    });
    const evidenceId = withEvidence.evidence[0]?.id;
    expect(
      (await t.request(member, "DELETE", `/api/v1/outcomes/${o.id}/evidence/${evidenceId}`)).statusCode,
    ).toBe(204);
    expect((await send<Outcome>("GET", `/api/v1/outcomes/${o.id}`)).evidence).toEqual([]);
    expect(
      (await t.request(member, "DELETE", `/api/v1/outcomes/${o.id}/evidence/${evidenceId}`)).statusCode,
    ).toBe(404);
  });

  it("lists by account, key player, kind and status, and deletes", async () => {
    const byAccount = await send<{ data: Outcome[] }>(
      "GET",
      `/api/v1/outcomes?accountId=${acme.id}&limit=200`,
    );
    expect(byAccount.data.length).toBeGreaterThanOrEqual(3);
    expect(byAccount.data.every((o) => o.accountId === acme.id)).toBe(true);
    const wins = await send<{ data: Outcome[] }>(
      "GET",
      `/api/v1/outcomes?accountId=${acme.id}&kind=personal_win`,
    );
    expect(wins.data.map((o) => o.kind)).toEqual(wins.data.map(() => "personal_win"));
    const paged = await send<{ data: Outcome[]; nextCursor: string | null }>(
      "GET",
      `/api/v1/outcomes?accountId=${acme.id}&limit=1&sort=title`,
    );
    expect(paged.nextCursor).not.toBeNull();
    const next = await send<{ data: Outcome[] }>(
      "GET",
      `/api/v1/outcomes?accountId=${acme.id}&limit=1&sort=title&cursor=${paged.nextCursor}`,
    );
    expect(next.data[0]?.id).not.toBe(paged.data[0]?.id);
    const gone = await createOutcome({ contactId: buyer.id, kind: "business_outcome", title: "To delete" });
    expect((await t.request(member, "DELETE", `/api/v1/outcomes/${gone.id}`)).statusCode).toBe(204);
    expect((await t.request(member, "GET", `/api/v1/outcomes/${gone.id}`)).statusCode).toBe(404);
    const changes = await send<{ data: { type: string; data: { outcomeId?: string } }[] }>(
      "GET",
      "/api/v1/changes?limit=500",
      undefined,
      200,
      admin,
    );
    const types = changes.data.filter((e) => e.data.outcomeId === gone.id).map((e) => e.type);
    expect(types).toEqual(["outcome.created", "outcome.deleted"]);
  });
});

describe("edge cases", () => {
  it("refuses blank text and numbers beyond a trillion, and stores nothing", async () => {
    for (const [body, field] of [
      [{ measure: "   " }, "measure"],
      [{ unit: "" }, "unit"],
      [{ baseline: -1e308, target: 1e308, current: 1e308 }, "baseline"],
    ] as const) {
      const res = await t.request(member, "POST", "/api/v1/outcomes", {
        contactId: champion.id,
        kind: "business_outcome",
        title: "Edge",
        ...body,
      });
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(errorOf(res).details?.issues?.map((i) => i.path)).toContain(field);
    }
    const list = await send<{ data: Outcome[] }>(
      "GET",
      `/api/v1/outcomes?contactId=${champion.id}&limit=200`,
    );
    expect(list.data.filter((o) => o.title === "Edge")).toEqual([]);
  });

  it("keeps an owner who left until someone changes it: their outcomes lose the owner, and edits still work", async () => {
    const owner = await t.signIn(ws.users.owner.email);
    const o = await createOutcome({
      contactId: champion.id,
      kind: "business_outcome",
      title: "Owned by someone leaving",
      ownerId: ws.users.viewer.id,
    });
    expect(o.ownerId).toBe(ws.users.viewer.id);
    expect((await t.request(owner, "DELETE", `/api/v1/members/${ws.users.viewer.id}`)).statusCode).toBe(204);
    const after = await send<Outcome>("GET", `/api/v1/outcomes/${o.id}`);
    expect(after.ownerId).toBeNull();
    const history = await send<{ data: OutcomeChange[] }>("GET", `/api/v1/outcomes/${o.id}/history`);
    expect(history.data[0]?.changes).toEqual({ ownerId: { from: ws.users.viewer.id, to: null } });
    // The form sends the owner back unchanged with the new value: saved.
    const edited = await send<Outcome>("PATCH", `/api/v1/outcomes/${o.id}`, { ownerId: null, current: 3 });
    expect(edited.current).toBe(3);
  });
});

describe("the template library", () => {
  it("starts with outcomes and personal wins to pick from; admins add, change and remove templates", async () => {
    const library = await send<{ data: OutcomeTemplate[] }>("GET", "/api/v1/outcome-templates");
    expect(library.data.map((x) => x.title)).toEqual(
      expect.arrayContaining(["Reduce month-end close time", "Get promoted or recognized"]),
    );
    const wins = await send<{ data: OutcomeTemplate[] }>(
      "GET",
      "/api/v1/outcome-templates?kind=personal_win",
    );
    expect(wins.data.every((x) => x.kind === "personal_win")).toBe(true);

    const refused = await t.request(member, "POST", "/api/v1/outcome-templates", {
      kind: "personal_win",
      title: "Speak at a conference",
    });
    expect(refused.statusCode).toBe(403);
    const made = await send<OutcomeTemplate>(
      "POST",
      "/api/v1/outcome-templates",
      { kind: "personal_win", title: "Speak at a conference" },
      201,
      admin,
    );
    const twice = await t.request(admin, "POST", "/api/v1/outcome-templates", {
      kind: "personal_win",
      title: "speak at a CONFERENCE",
    });
    expect(twice.statusCode).toBe(409);
    const renamed = await t.request(admin, "PATCH", `/api/v1/outcome-templates/${made.id}`, {
      title: "Get promoted or recognized",
    });
    expect(renamed.statusCode).toBe(409);
    expect(errorOf(renamed).details?.issues?.[0]?.path).toBe("title");
    const changed = await send<OutcomeTemplate>(
      "PATCH",
      `/api/v1/outcome-templates/${made.id}`,
      { description: "On stage at an industry event" },
      200,
      admin,
    );
    expect(changed).toMatchObject({
      title: "Speak at a conference",
      description: "On stage at an industry event",
    });
    // Nothing to change: the template as it is.
    expect(
      await send<OutcomeTemplate>("PATCH", `/api/v1/outcome-templates/${made.id}`, {}, 200, admin),
    ).toEqual(changed);
    expect((await t.request(admin, "DELETE", `/api/v1/outcome-templates/${made.id}`)).statusCode).toBe(204);
    expect((await t.request(admin, "DELETE", `/api/v1/outcome-templates/${made.id}`)).statusCode).toBe(404);
  });
});

describe("the account's success", () => {
  it("weights key players by influence and seniority and names the lowest decision maker beside the index", async () => {
    const account = await send<Account>("POST", "/api/v1/accounts", { name: "Initech" }, 201);
    const empty = await send<AccountSuccess>("GET", `/api/v1/accounts/${account.id}/success`);
    expect(empty).toEqual({ index: null, lowestDecisionMaker: null, keyPlayers: [] });

    const person = (firstName: string, extra: Record<string, unknown>) =>
      send<Contact>("POST", "/api/v1/contacts", { accountId: account.id, firstName, ...extra }, 201);
    const eb = await person("Eve", { decisionRole: "economic_buyer", influence: 5, seniority: "executive" });
    const dm = await person("Dan", { decisionRole: "decision_maker", influence: 4, seniority: "director" });
    const ch = await person("Cat", { decisionRole: "champion", influence: 3, seniority: "manager" });
    const gone = await person("Gus", { decisionRole: "decision_maker", influence: 5, leftCompany: true });
    await person("Uma", { decisionRole: "user" });

    const status = (contactId: string, s: string) =>
      createOutcome({ contactId, kind: "business_outcome", title: `${s} for ${contactId}`, status: s });
    await status(eb.id, "missed"); // Eve: 0
    await status(eb.id, "achieved"); // Eve: (0 + 1) / 2 = 50
    await status(dm.id, "achieved"); // Dan: 100
    await status(ch.id, "at_risk"); // Cat: 25
    await status(gone.id, "missed"); // Gus left: listed, not counted

    const s = await send<AccountSuccess>("GET", `/api/v1/accounts/${account.id}/success`);
    const byName = Object.fromEntries(s.keyPlayers.map((p) => [p.name, p]));
    expect(Object.keys(byName).sort()).toEqual(["Cat", "Dan", "Eve", "Gus"]);
    expect(byName.Eve).toMatchObject({ index: 50, weight: 7.5 });
    expect(byName.Dan).toMatchObject({ index: 100, weight: 4.6 });
    expect(byName.Cat).toMatchObject({ index: 25, weight: 3 });
    expect(byName.Gus).toMatchObject({ index: 0, leftCompany: true });
    // (7.5 × 50 + 4.6 × 100 + 3 × 25) / (7.5 + 4.6 + 3) = 910 / 15.1 = 60.26…
    expect(s.index).toBe(60.3);
    // Eve is the decision maker doing worst; Gus, who left, is not counted.
    expect(s.lowestDecisionMaker).toEqual({
      contactId: eb.id,
      name: "Eve",
      decisionRole: "economic_buyer",
      index: 50,
    });
    expect(byName.Eve?.outcomes).toHaveLength(2);
  });

  it("records the index's daily history when its inputs change, which health reads as a measure source", async () => {
    const account = await send<Account>("POST", "/api/v1/accounts", { name: "Umbrella" }, 201);
    await send(
      "POST",
      "/api/v1/subscriptions",
      { accountId: account.id, product: "P", mrrMinor: 100, startDate: "2026-01-01" },
      201,
    );
    const kim = await send<Contact>(
      "POST",
      "/api/v1/contacts",
      { accountId: account.id, firstName: "Kim", decisionRole: "economic_buyer" },
      201,
    );
    const history = () =>
      ws.ctx.db.execute(
        sql`select day::text, index, lowest_decision_maker as lowest from success_index_history
             where workspace_id = ${ws.id} and account_id = ${account.id}`,
      ) as unknown as Promise<{ rows: { day: string; index: number | null; lowest: number | null }[] }>;
    expect((await history()).rows).toEqual([{ day: utcToday(), index: null, lowest: null }]);
    await createOutcome({
      contactId: kim.id,
      kind: "business_outcome",
      title: "Close faster",
      status: "achieved",
    });
    expect((await history()).rows).toEqual([{ day: utcToday(), index: 100, lowest: 100 }]);
    // An NPS 0 today: experience 0 weighs 30%.
    await send(
      "POST",
      "/api/v1/survey-responses",
      { contactId: kim.id, kind: "nps", score: 0, answeredAt: new Date().toISOString() },
      201,
    );
    expect((await history()).rows).toEqual([{ day: utcToday(), index: 70, lowest: 70 }]);
    const [values] = await measureValues(ws.ctx.db, ws.id, [utcToday()], {
      staleDays: 30,
      accountIds: [account.id],
    });
    expect(values?.values["success.index"]).toBe(70);
    const [before] = await measureValues(ws.ctx.db, ws.id, [addDays(utcToday(), -1)], {
      staleDays: 30,
      accountIds: [account.id],
    });
    expect(before?.values["success.index"]).toBeNull();
  });

  it("answers 404 for an account that is not there", async () => {
    const res = await t.request(
      member,
      "GET",
      "/api/v1/accounts/00000000-0000-4000-8000-000000000000/success",
    );
    expect(res.statusCode).toBe(404);
  });
});
