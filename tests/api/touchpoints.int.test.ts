import type { LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type {
  Account,
  Contact,
  EmployeeSummaries,
  Journey,
  JourneyLists,
  ListItem,
  Touchpoint,
} from "../../src/contract/index.ts";
import { type Caller, createTestApp, type TestApp, type TestWorkspace } from "../helpers/test-app.ts";

/** Touchpoints, the workspace's lists and the journey view through the API. */
let t: TestApp;
let ws: TestWorkspace;
let member: Caller;
let manager: Caller;
let admin: Caller;
let acme: Account;
let other: Account;
let bea: Contact;
let cy: Contact;
let stranger: Contact;

type Issue = { path: string; message: string; code?: string };
type ErrorBody = { error: { code: string; message: string; details?: { issues?: Issue[] } } };
const errorOf = (res: LightMyRequestResponse) => res.json<ErrorBody>().error;

async function send<T>(method: string, url: string, body?: unknown, status = 200, who = member): Promise<T> {
  const res = await t.request(who, method, url, body);
  if (res.statusCode !== status) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body}`);
  return res.json<T>();
}

const log = (body: Record<string, unknown>, who = member) =>
  send<Touchpoint>("POST", "/api/v1/touchpoints", body, 201, who);

beforeAll(async () => {
  t = await createTestApp();
  ws = await t.workspace("touchpoints");
  member = await t.signIn(ws.users.member.email);
  manager = await t.signIn(ws.users.manager.email);
  admin = await t.signIn(ws.users.admin.email);
  acme = await send<Account>("POST", "/api/v1/accounts", { name: "Acme" }, 201);
  other = await send<Account>("POST", "/api/v1/accounts", { name: "Other" }, 201);
  const contact = (accountId: string, firstName: string) =>
    send<Contact>("POST", "/api/v1/contacts", { accountId, firstName, decisionRole: "champion" }, 201);
  bea = await contact(acme.id, "Bea");
  cy = await contact(acme.id, "Cy");
  stranger = await contact(other.id, "Stan");
});

afterAll(async () => {
  await t?.close();
});

describe("touchpoints", () => {
  it("logs a touchpoint with defaults from the caller, its key players, and an entry on the account's timeline", async () => {
    const occurredAt = "2026-03-02T10:00:00.000Z";
    const tp = await log({
      accountId: acme.id,
      channel: "meeting",
      title: "Kickoff call",
      occurredAt,
      decisionStep: "implement",
      developmentStep: "onboard",
      contactIds: [bea.id, cy.id, bea.id],
      experienceRating: 4,
      notes: "Agreed the rollout plan",
    });
    expect(tp).toMatchObject({
      accountId: acme.id,
      accountName: "Acme",
      channel: "meeting",
      // The employee defaults to the caller, the function to the caller's own.
      employeeId: ws.users.member.id,
      function: "customer_success",
      decisionStep: "implement",
      developmentStep: "onboard",
      occurredAt,
      experienceRating: 4,
      qualityRating: null,
      source: "manual",
      createdBy: ws.users.member.id,
    });
    expect(tp.players.map((p) => p.name).sort()).toEqual(["Bea", "Cy"]);
    const timeline = await send<{
      data: { kind: string; title: string; occurredAt: string; contactId: string }[];
    }>("GET", `/api/v1/accounts/${acme.id}/timeline?kind=touchpoint`);
    expect(timeline.data).toContainEqual(
      expect.objectContaining({ kind: "touchpoint", title: "Meeting: Kickoff call", occurredAt }),
    );
    expect(await send<Touchpoint>("GET", `/api/v1/touchpoints/${tp.id}`)).toEqual(tp);
  });

  it("stores a quality rating as self-assessed when the employee gives it, and with its rater otherwise", async () => {
    const own = await log({ accountId: acme.id, channel: "call", title: "Check-in", qualityRating: 4 });
    expect(own).toMatchObject({ qualityRating: 4, qualitySelfAssessed: true, qualityRatedBy: null });
    const reviewed = await send<Touchpoint>(
      "PATCH",
      `/api/v1/touchpoints/${own.id}`,
      { qualityRating: 2 },
      200,
      manager,
    );
    expect(reviewed).toMatchObject({
      qualityRating: 2,
      qualitySelfAssessed: false,
      qualityRatedBy: ws.users.manager.id,
      qualityRatedByName: expect.any(String),
    });
    // Changing another field leaves the rating and its rater alone.
    const renamed = await send<Touchpoint>("PATCH", `/api/v1/touchpoints/${own.id}`, {
      title: "Check-in call",
    });
    expect(renamed).toMatchObject({ qualityRating: 2, qualityRatedBy: ws.users.manager.id });
    // The function defaults to the employee's own: the leader works in sales here.
    await send("PATCH", `/api/v1/members/${ws.users.leader.id}`, { function: "sales" }, 200, admin);
    const byAdmin = await log(
      {
        accountId: acme.id,
        channel: "demo",
        title: "Demo",
        employeeId: ws.users.leader.id,
        qualityRating: 5,
      },
      admin,
    );
    expect(byAdmin).toMatchObject({
      employeeId: ws.users.leader.id,
      function: "sales",
      qualityRating: 5,
      qualityRatedBy: ws.users.admin.id,
      qualitySelfAssessed: false,
    });
    const cleared = await send<Touchpoint>("PATCH", `/api/v1/touchpoints/${byAdmin.id}`, {
      qualityRating: null,
    });
    expect(cleared).toMatchObject({ qualityRating: null, qualityRatedBy: null, qualitySelfAssessed: false });
  });

  it("refuses what cannot be right with VALIDATION_FAILED at the field, and stores nothing", async () => {
    const before = await send<{ data: Touchpoint[] }>(
      "GET",
      `/api/v1/touchpoints?accountId=${acme.id}&limit=200`,
    );
    const ahead = new Date(Date.now() + 3 * 86_400_000).toISOString();
    const ok = { accountId: acme.id, channel: "call", title: "X" };
    const cases: [Record<string, unknown>, string][] = [
      [{ ...ok, decisionStep: "nope" }, "decisionStep"],
      [{ ...ok, developmentStep: "nope" }, "developmentStep"],
      [{ ...ok, contactIds: [bea.id, stranger.id] }, "contactIds"],
      [{ ...ok, occurredAt: ahead }, "occurredAt"],
      [{ ...ok, qualityRating: 6 }, "qualityRating"],
      [{ ...ok, experienceRating: 0 }, "experienceRating"],
      [{ ...ok, channel: "fax" }, "channel"],
      [{ ...ok, function: "legal" }, "function"],
      [{ ...ok, title: "   " }, "title"],
      [{ ...ok, employeeId: bea.id }, "employeeId"],
      [{ ...ok, accountId: "018f0000-0000-7000-8000-000000000000" }, "accountId"],
      [{ ...ok, surprise: true }, ""],
    ];
    for (const [body, field] of cases) {
      const res = await t.request(member, "POST", "/api/v1/touchpoints", body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      const error = errorOf(res);
      expect(error.code).toBe("VALIDATION_FAILED");
      if (field)
        expect(
          error.details?.issues?.map((i) => i.path),
          JSON.stringify(body),
        ).toContain(field);
    }
    // A day ahead is a time zone's worth and allowed; back-dating is free.
    const soon = new Date(Date.now() + 12 * 3_600_000).toISOString();
    await log({ ...ok, title: "Tomorrow morning", occurredAt: soon });
    await log({ ...ok, title: "Long ago", occurredAt: "2019-05-01T09:00:00Z" });
    const after = await send<{ data: Touchpoint[] }>(
      "GET",
      `/api/v1/touchpoints?accountId=${acme.id}&limit=200`,
    );
    expect(after.data.map((x) => x.title).filter((x) => x === "X")).toEqual([]);
    expect(after.data).toHaveLength(before.data.length + 2);
  });

  it("lists newest first with filters and pages, and updates and deletes with events that carry no personal data", async () => {
    const a = await log({
      accountId: other.id,
      channel: "webinar",
      title: "Webinar",
      occurredAt: "2026-01-10T09:00:00Z",
      function: "marketing",
      contactIds: [stranger.id],
    });
    const b = await log({
      accountId: other.id,
      channel: "call",
      title: "Call",
      occurredAt: "2026-02-10T09:00:00Z",
    });
    const c = await log({
      accountId: other.id,
      channel: "email",
      title: "Email",
      occurredAt: "2026-02-11T09:00:00Z",
    });
    const page = await send<{ data: Touchpoint[]; nextCursor: string | null }>(
      "GET",
      `/api/v1/touchpoints?accountId=${other.id}&limit=2`,
    );
    expect(page.data.map((x) => x.id)).toEqual([c.id, b.id]);
    const rest = await send<{ data: Touchpoint[]; nextCursor: string | null }>(
      "GET",
      `/api/v1/touchpoints?accountId=${other.id}&limit=2&cursor=${page.nextCursor}`,
    );
    expect(rest.data.map((x) => x.id)).toEqual([a.id]);
    expect(rest.nextCursor).toBeNull();
    const ids = async (q: string) =>
      (await send<{ data: Touchpoint[] }>("GET", `/api/v1/touchpoints?accountId=${other.id}&${q}`)).data.map(
        (x) => x.id,
      );
    expect(await ids(`contactId=${stranger.id}`)).toEqual([a.id]);
    expect(await ids("channel=call,email")).toEqual([c.id, b.id]);
    expect(await ids("function=marketing")).toEqual([a.id]);
    expect(await ids("from=2026-02-10&to=2026-02-10")).toEqual([b.id]);
    expect(await ids(`employeeId=${ws.users.member.id}&to=2026-01-31`)).toEqual([a.id]);

    const moved = await send<Touchpoint>("PATCH", `/api/v1/touchpoints/${b.id}`, {
      decisionStep: "realize_value",
      contactIds: [stranger.id],
    });
    expect(moved.players.map((p) => p.contactId)).toEqual([stranger.id]);
    expect((await t.request(member, "DELETE", `/api/v1/touchpoints/${b.id}`)).statusCode).toBe(204);
    expect((await t.request(member, "GET", `/api/v1/touchpoints/${b.id}`)).statusCode).toBe(404);
    expect((await t.request(member, "PATCH", `/api/v1/touchpoints/${b.id}`, { title: "Y" })).statusCode).toBe(
      404,
    );
    const changes = await send<{ data: { type: string; data: Record<string, unknown> }[] }>(
      "GET",
      "/api/v1/changes?limit=1000",
      undefined,
      200,
      admin,
    );
    const mine = changes.data.filter((e) => e.data.touchpointId === b.id);
    expect(mine.map((e) => e.type)).toEqual([
      "touchpoint.created",
      "touchpoint.changed",
      "touchpoint.deleted",
    ]);
    expect(mine[1]?.data).toEqual({
      accountId: other.id,
      touchpointId: b.id,
      fields: ["contactIds", "decisionStep"],
    });
    expect(JSON.stringify(mine)).not.toContain("Call");
    const timeline = await send<{ data: { title: string }[] }>(
      "GET",
      `/api/v1/accounts/${other.id}/timeline`,
    );
    expect(timeline.data.map((e) => e.title)).toContain("Touchpoint removed: Call: Call");
  });

  it("answers 404 for another workspace's touchpoint and account, and lists none of them", async () => {
    const tp = await log({ accountId: acme.id, channel: "call", title: "Private" });
    const intruderWs = await t.workspace("touchpoints-b");
    const intruder = await t.signIn(intruderWs.users.owner.email);
    expect((await t.request(intruder, "GET", `/api/v1/touchpoints/${tp.id}`)).statusCode).toBe(404);
    expect(
      (await t.request(intruder, "PATCH", `/api/v1/touchpoints/${tp.id}`, { title: "Mine" })).statusCode,
    ).toBe(404);
    expect((await t.request(intruder, "DELETE", `/api/v1/touchpoints/${tp.id}`)).statusCode).toBe(404);
    expect((await t.request(intruder, "GET", `/api/v1/journey?accountId=${acme.id}`)).statusCode).toBe(404);
    const listed = await send<{ data: Touchpoint[] }>(
      "GET",
      `/api/v1/touchpoints?accountId=${acme.id}`,
      undefined,
      200,
      intruder,
    );
    expect(listed.data).toEqual([]);
    const res = await t.request(intruder, "POST", "/api/v1/touchpoints", {
      accountId: acme.id,
      channel: "call",
      title: "Sneaky",
    });
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).details?.issues?.map((i) => i.path)).toEqual(["accountId"]);
  });
});

describe("the journey", () => {
  it("counts and averages touchpoints by decision step × function, per development step, and finds the gaps", async () => {
    const journeyCo = await send<Account>("POST", "/api/v1/accounts", { name: "Journey Co" }, 201);
    const day = (d: string) => `2025-${d}T12:00:00Z`;
    const rows = [
      {
        decisionStep: "recognize_need",
        function: "marketing",
        qualityRating: 4,
        experienceRating: 5,
        developmentStep: "attract",
      },
      { decisionStep: "recognize_need", function: "sales", qualityRating: 2 },
      {
        decisionStep: "explore_options",
        function: "sales",
        qualityRating: 4,
        experienceRating: 3,
        developmentStep: "propose_win",
      },
      { decisionStep: "implement", function: "customer_success", qualityRating: 5, experienceRating: 4 },
      { decisionStep: "implement", function: "customer_success", qualityRating: 3 },
      { function: "support" },
    ];
    for (const [i, r] of rows.entries()) {
      await log({
        accountId: journeyCo.id,
        channel: "meeting",
        title: `T${i}`,
        occurredAt: day(`0${i + 1}-15`),
        ...r,
      });
    }
    // Outside the period: not counted.
    await log({
      accountId: journeyCo.id,
      channel: "call",
      title: "Later",
      occurredAt: "2026-01-15T12:00:00Z",
      decisionStep: "evaluate_select",
    });
    const j = await send<Journey>(
      "GET",
      `/api/v1/journey?accountId=${journeyCo.id}&from=2025-01-01&to=2025-12-31`,
    );
    expect(j.steps.map((s) => s.key)).toEqual([
      "recognize_need",
      "explore_options",
      "evaluate_select",
      "implement",
      "realize_value",
      "renew_expand",
    ]);
    expect(j.cells).toEqual([
      { step: "recognize_need", function: "sales", touchpoints: 1, avgQuality: 2, avgExperience: null },
      { step: "recognize_need", function: "marketing", touchpoints: 1, avgQuality: 4, avgExperience: 5 },
      { step: "explore_options", function: "sales", touchpoints: 1, avgQuality: 4, avgExperience: 3 },
      { step: "implement", function: "customer_success", touchpoints: 2, avgQuality: 4, avgExperience: 4 },
    ]);
    expect(j.stepTotals.find((s) => s.step === "recognize_need")).toEqual({
      step: "recognize_need",
      touchpoints: 2,
      avgQuality: 3,
      avgExperience: 5,
    });
    expect(j.withoutStep).toEqual({ touchpoints: 1, avgQuality: null, avgExperience: null });
    expect(j.total).toEqual({ touchpoints: 6, avgQuality: 3.6, avgExperience: 4 });
    expect(j.gaps.map((g) => [g.kind, g.step, g.function])).toEqual([
      ["function_absent", "recognize_need", "customer_success"],
      ["function_absent", "explore_options", "customer_success"],
      ["function_absent", "explore_options", "marketing"],
      ["step_without_touchpoints", "evaluate_select", null],
      ["function_absent", "implement", "sales"],
      ["function_absent", "implement", "marketing"],
      ["step_without_touchpoints", "realize_value", null],
      ["step_without_touchpoints", "renew_expand", null],
    ]);
    expect(j.gaps[3]?.reason).toBe('No touchpoint at "Evaluate and select" in this period');
    expect(j.development.map((d) => [d.step, d.touchpoints])).toEqual([
      ["attract", 1],
      ["engage", 0],
      ["propose_win", 1],
      ["onboard", 0],
      ["drive_value", 0],
      ["grow_retain", 0],
    ]);
    // The workspace's journey of that period holds the same touchpoints (no other account has any then).
    const all = await send<Journey>("GET", "/api/v1/journey?from=2025-01-01&to=2025-12-31");
    expect(all.accountId).toBeNull();
    expect(all.total.touchpoints).toBe(6);
    const empty = await send<Journey>(
      "GET",
      `/api/v1/journey?accountId=${journeyCo.id}&from=2020-01-01&to=2020-12-31`,
    );
    expect(empty.cells).toEqual([]);
    expect(empty.gaps.every((g) => g.kind === "step_without_touchpoints")).toBe(true);
    expect(empty.total.avgQuality).toBeNull();
    const wrong = await t.request(member, "GET", "/api/v1/journey?from=2025-02-01&to=2025-01-01");
    expect(wrong.statusCode).toBe(400);
  });

  it("summarises each employee's touchpoints, self-assessed quality apart, for those allowed to see them", async () => {
    const acct = await send<Account>("POST", "/api/v1/accounts", { name: "Summary Co" }, 201);
    const at = "2024-06-01T12:00:00Z";
    await log({ accountId: acct.id, channel: "call", title: "Own", occurredAt: at, qualityRating: 3 });
    await log(
      {
        accountId: acct.id,
        channel: "call",
        title: "Reviewed",
        occurredAt: at,
        employeeId: ws.users.member.id,
        qualityRating: 5,
        experienceRating: 4,
      },
      manager,
    );
    await log(
      { accountId: acct.id, channel: "call", title: "Manager's own", occurredAt: at, qualityRating: 4 },
      manager,
    );
    const url = "/api/v1/journey/employees?from=2024-01-01&to=2024-12-31";
    const seen = await send<EmployeeSummaries>("GET", url, undefined, 200, manager);
    expect(seen.ownOnly).toBe(false);
    const memberRow = {
      employeeId: ws.users.member.id,
      function: "customer_success",
      touchpoints: 2,
      avgQuality: 5,
      reviewed: 1,
      avgSelfQuality: 3,
      selfAssessed: 1,
      avgExperience: 4,
      experienceRated: 1,
    };
    expect(seen.data).toContainEqual(expect.objectContaining(memberRow));
    expect(seen.data).toContainEqual(
      expect.objectContaining({ employeeId: ws.users.manager.id, avgQuality: null, avgSelfQuality: 4 }),
    );
    for (const role of ["leader", "admin", "owner"] as const) {
      const who = await t.signIn(ws.users[role].email);
      expect((await send<EmployeeSummaries>("GET", url, undefined, 200, who)).data).toHaveLength(2);
    }
    const own = await send<EmployeeSummaries>("GET", url, undefined, 200, member);
    expect(own.ownOnly).toBe(true);
    expect(own.data).toEqual([expect.objectContaining(memberRow)]);
    const viewer = await t.signIn(ws.users.viewer.email);
    const refused = await t.request(viewer, "GET", url);
    expect(refused.statusCode).toBe(403);
    expect(errorOf(refused).code).toBe("FORBIDDEN");
  });
});

describe("the workspace's lists", () => {
  let lw: TestWorkspace;
  let lAdmin: Caller;
  let lMember: Caller;
  beforeAll(async () => {
    lw = await t.workspace("lists");
    lAdmin = await t.signIn(lw.users.admin.email);
    lMember = await t.signIn(lw.users.member.email);
  });

  it("starts with the default steps and dimensions, in order", async () => {
    const lists = await send<JourneyLists>("GET", "/api/v1/journey/lists", undefined, 200, lMember);
    expect(lists.decision.map((i) => i.key)).toEqual([
      "recognize_need",
      "explore_options",
      "evaluate_select",
      "implement",
      "realize_value",
      "renew_expand",
    ]);
    expect(lists.development.map((i) => i.label)).toContain("Drive adoption and value");
    expect(lists.dimension).toHaveLength(7);
    expect(lists.dimension.every((i) => !i.archived && i.uses === 0)).toBe(true);
  });

  it("lets admins add, rename, reorder, archive and delete items; an item in use is archived, not deleted", async () => {
    const base = "/api/v1/journey/lists/decision";
    const item = await send<ListItem>("POST", `${base}/items`, { label: "Champion hand-over" }, 201, lAdmin);
    expect(item).toMatchObject({ key: "champion_hand_over", position: 7, archived: false, uses: 0 });
    expect((await t.request(lMember, "POST", `${base}/items`, { label: "Mine" })).statusCode).toBe(403);
    const dup = await t.request(lAdmin, "POST", `${base}/items`, {
      key: "champion_hand_over",
      label: "Again",
    });
    expect(dup.statusCode).toBe(409);
    expect(errorOf(dup).details?.issues?.map((i) => i.path)).toEqual(["key"]);
    for (const [body, field] of [
      [{ label: "x".repeat(101) }, "label"],
      [{ label: "  " }, "label"],
      [{ label: "Ok", key: "Not A Slug" }, "key"],
    ] as const) {
      const res = await t.request(lAdmin, "POST", `${base}/items`, body);
      expect(res.statusCode).toBe(400);
      expect(errorOf(res).details?.issues?.map((i) => i.path)).toContain(field);
    }
    const renamed = await send<ListItem>(
      "PATCH",
      `${base}/items/champion_hand_over`,
      { label: "Hand-over to the champion" },
      200,
      lAdmin,
    );
    expect(renamed).toMatchObject({ key: "champion_hand_over", label: "Hand-over to the champion" });

    const lists = await send<JourneyLists>("GET", "/api/v1/journey/lists", undefined, 200, lAdmin);
    const keys = lists.decision.map((i) => i.key).reverse();
    const reordered = await send<{ data: ListItem[] }>("PUT", `${base}/order`, { keys }, 200, lAdmin);
    expect(reordered.data.map((i) => i.key)).toEqual(keys);
    const short = await t.request(lAdmin, "PUT", `${base}/order`, { keys: keys.slice(1) });
    expect(short.statusCode).toBe(400);
    expect(errorOf(short).details?.issues?.map((i) => i.path)).toEqual(["keys"]);

    // In use: archived, kept on its touchpoint, refused for new ones, restorable.
    const acct = await send<Account>("POST", "/api/v1/accounts", { name: "Lists Co" }, 201, lMember);
    const tp = await send<Touchpoint>(
      "POST",
      "/api/v1/touchpoints",
      { accountId: acct.id, channel: "call", title: "Hand-over", decisionStep: "champion_hand_over" },
      201,
      lMember,
    );
    expect(
      await send<{ result: string }>("DELETE", `${base}/items/champion_hand_over`, undefined, 200, lAdmin),
    ).toEqual({ result: "archived" });
    const after = await send<JourneyLists>("GET", "/api/v1/journey/lists", undefined, 200, lAdmin);
    expect(after.decision.find((i) => i.key === "champion_hand_over")).toMatchObject({
      archived: true,
      uses: 1,
    });
    const refused = await t.request(lMember, "POST", "/api/v1/touchpoints", {
      accountId: acct.id,
      channel: "call",
      title: "Again",
      decisionStep: "champion_hand_over",
    });
    expect(refused.statusCode).toBe(400);
    expect(errorOf(refused).details?.issues?.map((i) => i.path)).toEqual(["decisionStep"]);
    const edited = await send<Touchpoint>(
      "PATCH",
      `/api/v1/touchpoints/${tp.id}`,
      { title: "Renamed" },
      200,
      lMember,
    );
    expect(edited.decisionStep).toBe("champion_hand_over");
    const restored = await send<ListItem>(
      "PATCH",
      `${base}/items/champion_hand_over`,
      { archived: false },
      200,
      lAdmin,
    );
    expect(restored.archived).toBe(false);

    const unused = await send<ListItem>(
      "POST",
      "/api/v1/journey/lists/dimension/items",
      { label: "Candour" },
      201,
      lAdmin,
    );
    expect(
      await send<{ result: string }>(
        "DELETE",
        `/api/v1/journey/lists/dimension/items/${unused.key}`,
        undefined,
        200,
        lAdmin,
      ),
    ).toEqual({ result: "deleted" });
    expect(
      (
        await t.request(lAdmin, "PATCH", `/api/v1/journey/lists/dimension/items/${unused.key}`, {
          label: "X",
        })
      ).statusCode,
    ).toBe(404);

    // Every change to a list is in the audit log, with who made it.
    const log = async (action: string) =>
      (await t.request(lAdmin, "GET", `/api/v1/audit-log?action=${action}`)).json<{
        data: { targetType: string; targetId: string | null; details: Record<string, unknown> }[];
      }>().data;
    expect((await log("journey_list.create")).map((r) => r.targetId)).toEqual(
      expect.arrayContaining(["champion_hand_over", unused.key]),
    );
    expect((await log("journey_list.update")).some((r) => r.targetId === "champion_hand_over")).toBe(true);
    expect((await log("journey_list.reorder"))[0]?.targetType).toBe("decision");
    expect((await log("journey_list.delete")).map((r) => r.details.result).sort()).toEqual([
      "archived",
      "deleted",
    ]);
  });
});
