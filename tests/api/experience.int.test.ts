import type { LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type {
  Account,
  Contact,
  ExperienceMetrics,
  ImportReport,
  SurveyResponse,
  Ticket,
} from "../../src/contract/index.ts";
import { measureValues } from "../../src/domain/health/measure-values.queries.ts";
import { type Caller, createTestApp, type TestApp, type TestWorkspace } from "../helpers/test-app.ts";

/** Support tickets, survey answers and the experience metrics, through the API and CSV imports. */
let t: TestApp;
let ws: TestWorkspace;
let member: Caller;
let acme: Account;
let globex: Account;
let bea: Contact;
let cy: Contact;

type Issue = { path: string; message: string };
type ErrorBody = { error: { code: string; message: string; details?: { issues?: Issue[] } } };
const errorOf = (res: LightMyRequestResponse) => res.json<ErrorBody>().error;

async function send<T>(method: string, url: string, body?: unknown, status = 200, who = member): Promise<T> {
  const res = await t.request(who, method, url, body);
  if (res.statusCode !== status) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body}`);
  return res.json<T>();
}

const importCsv = (entity: string, csv: string, extra: Record<string, unknown> = {}) =>
  send<ImportReport>("POST", `/api/v1/imports/${entity}`, { csv, dryRun: false, ...extra });

const metrics = (query = "") => send<ExperienceMetrics>("GET", `/api/v1/metrics/experience${query}`);

beforeAll(async () => {
  t = await createTestApp();
  ws = await t.workspace("experience");
  member = await t.signIn(ws.users.member.email);
  acme = await send<Account>("POST", "/api/v1/accounts", { name: "Acme", externalId: "A-1" }, 201);
  globex = await send<Account>("POST", "/api/v1/accounts", { name: "Globex", externalId: "A-2" }, 201);
  bea = await send<Contact>(
    "POST",
    "/api/v1/contacts",
    { accountId: acme.id, firstName: "Bea", email: "bea@acme.test", decisionRole: "economic_buyer" },
    201,
  );
  cy = await send<Contact>(
    "POST",
    "/api/v1/contacts",
    { accountId: globex.id, firstName: "Cy", email: "cy@globex.test", decisionRole: "champion" },
    201,
  );
});

afterAll(async () => {
  await t?.close();
});

describe("experience metrics", () => {
  it("has no score without answers: null with 0 responses, never 0", async () => {
    const m = await metrics();
    expect(m.nps).toEqual({ score: null, responses: 0 });
    expect(m.csat).toEqual({ score: null, responses: 0 });
    expect(m.ces).toEqual({ score: null, responses: 0, scale: { min: 1, max: 7 } });
    expect(m.ticketCsat).toEqual({ score: null, responses: 0 });
  });

  it("computes NPS of [1, 9, 10] as 33.33 and keeps each account's figures apart", async () => {
    const at = (d: string) => `2026-03-${d}T10:00:00Z`;
    for (const [score, day] of [
      [1, "01"],
      [9, "02"],
      [10, "03"],
    ] as const) {
      await send(
        "POST",
        "/api/v1/survey-responses",
        { contactId: bea.id, kind: "nps", score, answeredAt: at(day) },
        201,
      );
    }
    await send(
      "POST",
      "/api/v1/survey-responses",
      { contactId: cy.id, kind: "nps", score: 0, answeredAt: at("04") },
      201,
    );
    expect((await metrics(`?accountId=${acme.id}`)).nps).toEqual({ score: 33.33, responses: 3 });
    // Across the workspace, in March: 1, 9, 10, 0 → two promoters, two detractors.
    expect((await metrics("?from=2026-03-01T00:00:00Z&to=2026-03-31T23:59:59Z")).nps).toEqual({
      score: 0,
      responses: 4,
    });
    // A period without answers has no score.
    expect((await metrics("?from=2025-01-01T00:00:00Z&to=2025-01-31T00:00:00Z")).nps.score).toBeNull();
  });

  it("refuses a score outside its kind's scale, at the field, storing nothing", async () => {
    const before = await metrics();
    const res = await t.request(member, "POST", "/api/v1/survey-responses", {
      contactId: bea.id,
      kind: "csat",
      score: 6,
      answeredAt: "2026-03-05T10:00:00Z",
    });
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).code).toBe("VALIDATION_FAILED");
    expect(errorOf(res).message).toContain("score must be from 1 to 5 for CSAT");
    expect(await metrics()).toEqual(before);
  });

  it("refuses an unknown experience dimension and accepts one of the workspace's", async () => {
    const bad = await t.request(member, "POST", "/api/v1/survey-responses", {
      contactId: bea.id,
      kind: "dimension",
      dimension: "teleportation",
      score: 4,
      answeredAt: "2026-03-05T10:00:00Z",
    });
    expect(bad.statusCode).toBe(400);
    expect(errorOf(bad).message).toContain("dimension is not one of this workspace's experience dimensions");
    const ok = await send<SurveyResponse>(
      "POST",
      "/api/v1/survey-responses",
      {
        contactId: bea.id,
        kind: "dimension",
        dimension: "responsiveness",
        score: 4,
        answeredAt: "2026-03-05T10:00:00Z",
      },
      201,
    );
    expect(ok).toMatchObject({
      kind: "dimension",
      dimension: "responsiveness",
      scale: 5,
      contactName: "Bea",
    });
  });
});

describe("tickets", () => {
  it("records a ticket, updates it by its external id, and refuses closing before opening", async () => {
    const first = await send<Ticket>(
      "POST",
      "/api/v1/tickets",
      { accountId: acme.id, externalId: "T-1", openedAt: "2026-02-01T09:00:00Z", priority: "high" },
      201,
    );
    expect(first).toMatchObject({ satisfaction: null, escalated: false, closedAt: null });
    const again = await send<Ticket>(
      "POST",
      "/api/v1/tickets",
      {
        accountId: acme.id,
        externalId: "T-1",
        openedAt: "2026-02-01T09:00:00Z",
        satisfaction: 2,
        escalated: true,
      },
      201,
    );
    expect(again).toMatchObject({ id: first.id, satisfaction: 2, escalated: true, priority: "high" });
    const bad = await t.request(member, "POST", "/api/v1/tickets", {
      accountId: acme.id,
      openedAt: "2026-02-02T09:00:00Z",
      closedAt: "2026-02-01T09:00:00Z",
    });
    expect(bad.statusCode).toBe(400);
    expect(errorOf(bad).message).toContain("closedAt must not be before openedAt");
    const list = await send<{ data: Ticket[] }>("GET", `/api/v1/tickets?accountId=${acme.id}`);
    expect(list.data.map((x) => x.externalId)).toEqual(["T-1"]);
  });

  it("imports tickets by CSV: an empty satisfaction stays unanswered, and ticket CSAT counts answers only", async () => {
    const csv = [
      "ticket_id,account_id,submitted_at,closed_at,priority,satisfaction_score,escalation_flag",
      "T-10,A-2,2026-04-01,2026-04-02 03:00:00,urgent,5.0,False",
      "T-11,A-2,2026-04-03,,low,,True",
      "T-12,A-2,2026-04-04,2026-04-04 12:00:00,medium,3.0,False",
    ].join("\r\n");
    const r = await importCsv("tickets", csv);
    expect(r).toMatchObject({ status: "committed", createdRows: 3, errorRows: 0 });
    const m = await metrics(`?accountId=${globex.id}`);
    expect(m.ticketCsat).toEqual({ score: 0.5, responses: 2 });
    const again = await importCsv("tickets", csv);
    expect(again).toMatchObject({ status: "committed", createdRows: 0, updatedRows: 3 });
  });

  it("reports bad ticket rows at their row and column and stores nothing", async () => {
    const csv = [
      "ticket_id,account_id,submitted_at,satisfaction_score",
      "T-20,A-404,2026-04-01,4",
      "T-21,A-2,2026-04-01,7",
      "T-20,A-2,2026-04-02,4",
    ].join("\n");
    const r = await importCsv("tickets", csv);
    expect(r.status).toBe("rejected");
    expect(r.errors.map((e) => [e.row, e.column, e.code])).toEqual([
      [1, "account_id", "unknown_account"],
      [2, "satisfaction_score", "out_of_range"],
      [3, "ticket_id", "duplicate_external_id"],
    ]);
    const list = await send<{ data: Ticket[] }>("GET", "/api/v1/tickets?limit=200");
    expect(list.data.some((x) => x.externalId === "T-20" || x.externalId === "T-21")).toBe(false);
  });
});

describe("survey answers by CSV", () => {
  it("imports the default layout without a mapping, matching respondents by email", async () => {
    const csv = [
      "email,kind,score,answered_at,comment",
      "CY@globex.test,csat,5,2026-05-01T08:00:00Z,Quick answers",
      "cy@globex.test,ces,6,2026-05-01T08:00:00Z,",
      "cy@globex.test,nps,3,2026-05-02T08:00:00Z,Too many outages",
    ].join("\n");
    const dry = await send<ImportReport>("POST", "/api/v1/imports/survey-responses", { csv });
    expect(dry).toMatchObject({ status: "validated", createdRows: 3, errorRows: 0 });
    const r = await importCsv("survey-responses", csv);
    expect(r).toMatchObject({ status: "committed", createdRows: 3 });
    const m = await metrics(`?accountId=${globex.id}&from=2026-05-01T00:00:00Z`);
    expect(m.csat).toEqual({ score: 1, responses: 1 });
    expect(m.ces).toMatchObject({ score: 6, responses: 1 });
    const answers = await send<{ data: SurveyResponse[] }>(
      "GET",
      `/api/v1/survey-responses?contactId=${cy.id}&kind=nps`,
    );
    expect(answers.data[0]).toMatchObject({ score: 3, comment: "Too many outages", source: "import" });
    // Importing the same file again updates the answers rather than counting them twice.
    expect(await importCsv("survey-responses", csv)).toMatchObject({ createdRows: 0, updatedRows: 3 });
    expect((await metrics(`?accountId=${globex.id}&from=2026-05-01T00:00:00Z`)).csat.responses).toBe(1);
  });

  it("makes an answer whose email is no contact a row error, and refuses custom columns", async () => {
    const csv = ["email,kind,score,answered_at", "nobody@x.test,nps,9,2026-05-03"].join("\n");
    const r = await importCsv("survey-responses", csv);
    expect(r.status).toBe("rejected");
    expect(r.errors[0]).toMatchObject({ row: 1, column: "email", code: "unknown_contact" });
    const res = await t.request(member, "POST", "/api/v1/imports/survey-responses", {
      csv,
      mapping: {
        columns: { email: "email", kind: "kind", score: "score", answered_at: "answeredAt", x: "custom:x" },
      },
    });
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).message).toContain("have no custom fields");
  });
});

describe("health sources", () => {
  it("read ticket volume, escalations, ticket CSAT, NPS and CSAT as of each day, unknown rather than zero", async () => {
    const initech = await send<Account>("POST", "/api/v1/accounts", { name: "Initech" }, 201);
    const dee = await send<Contact>(
      "POST",
      "/api/v1/contacts",
      { accountId: initech.id, firstName: "Dee", email: "dee@initech.test", decisionRole: "decision_maker" },
      201,
    );
    await send(
      "POST",
      "/api/v1/subscriptions",
      { accountId: initech.id, product: "Platform", mrrMinor: 1000, startDate: "2026-01-01" },
      201,
    );
    const ticket = (openedAt: string, satisfaction: number | null, escalated = false) =>
      send("POST", "/api/v1/tickets", { accountId: initech.id, openedAt, satisfaction, escalated }, 201);
    await ticket("2026-04-01T09:00:00Z", 5);
    await ticket("2026-04-03T09:00:00Z", null, true);
    await ticket("2026-04-04T09:00:00Z", 3);
    const answer = (kind: string, score: number, answeredAt: string) =>
      send("POST", "/api/v1/survey-responses", { contactId: dee.id, kind, score, answeredAt }, 201);
    await answer("nps", 0, "2026-03-04T10:00:00Z");
    await answer("csat", 5, "2026-05-01T10:00:00Z");
    const day = async (d: string) =>
      (await measureValues(ws.ctx.db, ws.id, [d], { staleDays: 30, accountIds: [initech.id] }))[0]?.values;
    expect(await day("2026-04-10")).toMatchObject({
      "support.tickets_90d": 3,
      "support.escalations_90d": 1,
      "support.ticket_csat": 0.5,
      "surveys.nps": -100,
      "surveys.csat": null,
    });
    expect(await day("2026-05-10")).toMatchObject({ "surveys.nps": -100, "surveys.csat": 1 });
    // Before the first ticket the count is a real zero (the workspace has tickets); CSAT has no answers.
    expect(await day("2026-01-10")).toMatchObject({
      "support.tickets_90d": 0,
      "support.ticket_csat": null,
      "surveys.nps": null,
    });
  });
});

describe("workspaces", () => {
  it("never shows another workspace's tickets, answers or figures", async () => {
    const other = await t.workspace("experience-other");
    const stranger = await t.signIn(other.users.member.email);
    const tickets = await send<{ data: Ticket[] }>("GET", "/api/v1/tickets", undefined, 200, stranger);
    expect(tickets.data).toEqual([]);
    const m = await send<ExperienceMetrics>("GET", "/api/v1/metrics/experience", undefined, 200, stranger);
    expect(m.nps.responses).toBe(0);
    const res = await t.request(stranger, "GET", `/api/v1/metrics/experience?accountId=${acme.id}`);
    expect(res.statusCode).toBe(404);
  });
});
