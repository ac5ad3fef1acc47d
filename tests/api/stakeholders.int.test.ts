import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type {
  Account,
  AccountSuccess,
  Contact,
  StakeholderMap,
  SurveyResponse,
  Touchpoint,
} from "../../src/contract/index.ts";
import { type Caller, createTestApp, type TestApp, type TestWorkspace } from "../helpers/test-app.ts";

/** The stakeholder map and its relationship risks through the API, each risk built and taken away. */
let t: TestApp;
let ws: TestWorkspace;
let member: Caller;

const DAY = 86_400_000;
const daysAgo = (n: number) => new Date(Date.now() - n * DAY).toISOString();

async function send<T>(method: string, url: string, body?: unknown, status = 200, who = member): Promise<T> {
  const res = await t.request(who, method, url, body);
  if (res.statusCode !== status) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body}`);
  return res.json<T>();
}

const account = (name: string) => send<Account>("POST", "/api/v1/accounts", { name }, 201);
const contact = (accountId: string, firstName: string, more: Record<string, unknown> = {}) =>
  send<Contact>("POST", "/api/v1/contacts", { accountId, firstName, lastName: "Test", ...more }, 201);
const meet = (accountId: string, contacts: Contact[], days: number, title = "Check-in") =>
  send<Touchpoint>(
    "POST",
    "/api/v1/touchpoints",
    {
      accountId,
      channel: "meeting",
      title,
      occurredAt: daysAgo(days),
      contactIds: contacts.map((c) => c.id),
    },
    201,
  );
const answer = (c: Contact, kind: string, score: number, days: number, comment?: string) =>
  send<SurveyResponse>(
    "POST",
    "/api/v1/survey-responses",
    { contactId: c.id, kind, score, answeredAt: daysAgo(days), ...(comment ? { comment } : {}) },
    201,
  );
const mapOf = (accountId: string) =>
  send<StakeholderMap>("GET", `/api/v1/accounts/${accountId}/stakeholders`);
const codes = async (accountId: string) => (await mapOf(accountId)).risks.map((r) => r.code);
const riskOf = async (accountId: string, code: string) =>
  (await mapOf(accountId)).risks.find((r) => r.code === code);

/** An account with an active champion and an economic buyer met last month: no risk. */
async function healthyAccount(name: string) {
  const a = await account(name);
  const champion = await contact(a.id, "Cham", { decisionRole: "champion" });
  const buyer = await contact(a.id, "Ebby", { decisionRole: "economic_buyer" });
  await meet(a.id, [buyer, champion], 30, "Quarterly review");
  return { a, champion, buyer };
}

beforeAll(async () => {
  t = await createTestApp();
  ws = await t.workspace("stakeholders");
  member = await t.signIn(ws.users.member.email);
});

afterAll(async () => {
  await t?.close();
});

describe("the stakeholder map", () => {
  it("answers 200 with empty lists for an account without key players, flagging only the missing champion", async () => {
    const a = await account("Empty");
    await contact(a.id, "Plain", { decisionRole: "user", influence: 2 });
    const map = await mapOf(a.id);
    expect(map).toMatchObject({ accountId: a.id, keyPlayers: [] });
    expect(map.risks).toEqual([
      {
        code: "no_champion",
        message: expect.stringMatching(/no key players are mapped/),
        evidence: { contacts: [], touchpoints: [], answers: [], since: null },
      },
    ]);
  });

  it("shows each key player's role, influence, index, outcomes, last touchpoint and latest answer", async () => {
    const { a, champion, buyer } = await healthyAccount("Mapped");
    await send("PATCH", `/api/v1/contacts/${buyer.id}`, {
      title: "CFO",
      influence: 5,
      seniority: "executive",
    });
    await contact(a.id, "Uma", { decisionRole: "user", influence: 2 });
    const outcome = (status: string) =>
      send(
        "POST",
        "/api/v1/outcomes",
        { contactId: buyer.id, kind: "business_outcome", title: status, status },
        201,
      );
    await outcome("achieved");
    await outcome("achieved");
    await outcome("at_risk");
    const latest = await meet(a.id, [buyer], 2, "Budget talk");
    await meet(a.id, [buyer], 40, "Older");
    // A meeting booked for later today is not one that happened.
    await send(
      "POST",
      "/api/v1/touchpoints",
      {
        accountId: a.id,
        channel: "call",
        title: "Planned",
        occurredAt: new Date(Date.now() + 6 * 3_600_000).toISOString(),
        contactIds: [buyer.id],
      },
      201,
    );
    await answer(buyer, "nps", 9, 20);
    const csat = await answer(buyer, "csat", 4, 5, "Helpful");

    const map = await mapOf(a.id);
    const success = await send<AccountSuccess>("GET", `/api/v1/accounts/${a.id}/success`);
    expect(map.keyPlayers.map((p) => p.name)).toEqual(["Ebby Test", "Cham Test"]);
    const eb = map.keyPlayers[0];
    expect(eb).toEqual({
      contactId: buyer.id,
      name: "Ebby Test",
      title: "CFO",
      decisionRole: "economic_buyer",
      influence: 5,
      seniority: "executive",
      leftCompany: false,
      index: success.keyPlayers.find((p) => p.contactId === buyer.id)?.index,
      outcomes: { total: 3, planned: 0, inProgress: 0, achieved: 2, atRisk: 1, missed: 0 },
      lastTouchpoint: {
        touchpointId: latest.id,
        occurredAt: latest.occurredAt,
        channel: "meeting",
        title: "Budget talk",
      },
      latestAnswer: {
        responseId: csat.id,
        kind: "csat",
        dimension: null,
        score: 4,
        scale: 5,
        comment: "Helpful",
        answeredAt: csat.answeredAt,
      },
    });
    // Outcomes 1, 1 and 0.25 make 75; the recent NPS 9 and CSAT 4 (about 82) weigh 30%.
    const buyerSuccess = success.keyPlayers.find((p) => p.contactId === buyer.id);
    expect(buyerSuccess?.outcomesScore).toBe(75);
    expect(buyerSuccess?.experience.ratings).toBeGreaterThanOrEqual(2);
    expect(eb?.index).toBe(
      Math.round((0.7 * 75 + 0.3 * (buyerSuccess?.experience.score ?? Number.NaN)) * 10) / 10,
    );
    expect(map.keyPlayers[1]).toMatchObject({
      contactId: champion.id,
      index: null,
      latestAnswer: null,
      lastTouchpoint: { title: "Quarterly review" },
    });
    expect(map.risks).toEqual([]);
  });

  it("flags no champion and a champion who left, until an active champion takes the role", async () => {
    const { a, champion } = await healthyAccount("Champion gone");
    await send("PATCH", `/api/v1/contacts/${champion.id}`, { leftCompany: true });
    expect(await codes(a.id)).toEqual(["no_champion", "champion_left"]);
    const left = await riskOf(a.id, "champion_left");
    expect(left?.message).toMatch(/The champion Cham Test left the company/);
    expect(left?.evidence.contacts).toEqual([
      { contactId: champion.id, name: "Cham Test", decisionRole: "champion", leftCompany: true },
    ]);
    expect(left?.evidence.touchpoints.map((tp) => tp.title)).toEqual(["Quarterly review"]);
    await contact(a.id, "Nova", { decisionRole: "champion" });
    expect(await codes(a.id)).toEqual([]);
  });

  it("flags an economic buyer not met in 90 days, with when they were last met or never", async () => {
    const a = await account("Buyer unmet");
    const champion = await contact(a.id, "Cham", { decisionRole: "champion" });
    const buyer = await contact(a.id, "Ebby", { decisionRole: "economic_buyer" });
    expect((await riskOf(a.id, "economic_buyer_not_met"))?.message).toMatch(/Ebby Test.*has never been met/);
    const old = await meet(a.id, [buyer, champion], 100, "Kickoff");
    // The champion met alone recently does not count as meeting the buyer.
    await meet(a.id, [champion], 10);
    const risk = await riskOf(a.id, "economic_buyer_not_met");
    expect(risk?.message).toMatch(
      new RegExp(
        `Ebby Test, the economic buyer, was last met 100 days ago \\(${old.occurredAt.slice(0, 10)}, “Kickoff”\\)`,
      ),
    );
    expect(risk?.evidence).toMatchObject({
      contacts: [{ contactId: buyer.id, name: "Ebby Test" }],
      touchpoints: [{ touchpointId: old.id, occurredAt: old.occurredAt, title: "Kickoff" }],
    });
    expect(risk?.evidence.since).toBe(daysAgo(89).slice(0, 10));
    await meet(a.id, [buyer], 5);
    expect(await codes(a.id)).toEqual([]);
  });

  it("flags an economic buyer who left with nobody in their place", async () => {
    const { a, buyer } = await healthyAccount("Buyer gone");
    await send("PATCH", `/api/v1/contacts/${buyer.id}`, { leftCompany: true });
    expect(await codes(a.id)).toEqual(["economic_buyer_left"]);
    expect((await riskOf(a.id, "economic_buyer_left"))?.message).toMatch(
      /The economic buyer Ebby Test left the company and no active economic buyer/,
    );
    const next = await contact(a.id, "Newt", { decisionRole: "economic_buyer" });
    expect(await codes(a.id)).toEqual(["economic_buyer_not_met"]);
    await meet(a.id, [next], 1);
    expect(await codes(a.id)).toEqual([]);
  });

  it("flags single-threading: one key player at every touchpoint of 90 days, at least 3 of them", async () => {
    const a = await account("One thread");
    const champion = await contact(a.id, "Cham", { decisionRole: "champion" });
    const buyer = await contact(a.id, "Ebby", { decisionRole: "economic_buyer" });
    const plain = await contact(a.id, "Uma", { decisionRole: "user", influence: 1 });
    // Meeting others long ago, or someone who is not a key player, adds no thread.
    await meet(a.id, [buyer], 120);
    const tps = [await meet(a.id, [champion], 5), await meet(a.id, [champion, plain], 20)];
    expect(await codes(a.id)).toContain("economic_buyer_not_met");
    expect(await codes(a.id)).not.toContain("single_threaded");
    tps.push(await meet(a.id, [champion], 60));
    const risk = await riskOf(a.id, "single_threaded");
    expect(risk?.message).toMatch(/Cham Test was the only key player at all 3 touchpoints with key players/);
    expect(risk?.evidence.contacts.map((c) => c.contactId)).toEqual([champion.id]);
    expect(risk?.evidence.touchpoints.map((tp) => tp.touchpointId).sort()).toEqual(
      tps.map((tp) => tp.id).sort(),
    );
    await meet(a.id, [buyer], 3);
    expect(await codes(a.id)).toEqual([]);
  });

  it("flags a decision maker whose latest NPS is 0–6, and anyone with the detractor role", async () => {
    const { a } = await healthyAccount("Detractors");
    const maker = await contact(a.id, "Dee", { decisionRole: "decision_maker" });
    await answer(maker, "nps", 9, 40);
    expect(await codes(a.id)).toEqual([]);
    const low = await answer(maker, "nps", 5, 10, "Too many outages");
    // A later answer of another kind does not hide the NPS.
    await answer(maker, "csat", 5, 2);
    const risk = await riskOf(a.id, "detractor_decision_maker");
    expect(risk?.message).toMatch(/Dee Test, a decision maker, answered NPS 5 of 10 on .*“Too many outages”/);
    expect(risk?.evidence.answers).toEqual([
      expect.objectContaining({ responseId: low.id, contactId: maker.id, kind: "nps", score: 5 }),
    ]);
    await answer(maker, "nps", 8, 1);
    expect(await codes(a.id)).toEqual([]);
    const opponent = await contact(a.id, "Otto", { decisionRole: "detractor" });
    const byRole = await riskOf(a.id, "detractor_decision_maker");
    expect(byRole?.message).toMatch(/Otto Test is recorded as a detractor/);
    expect(byRole?.evidence.contacts.map((c) => c.contactId)).toEqual([opponent.id]);
  });

  it("answers 404 for another workspace's account and for one that is not there", async () => {
    const { a } = await healthyAccount("Private");
    const other = await t.workspace("stakeholders-other");
    const intruder = await t.signIn(other.users.owner.email);
    expect((await t.request(intruder, "GET", `/api/v1/accounts/${a.id}/stakeholders`)).statusCode).toBe(404);
    const missing = "/api/v1/accounts/00000000-0000-4000-8000-000000000000/stakeholders";
    expect((await t.request(member, "GET", missing)).statusCode).toBe(404);
  });
});
