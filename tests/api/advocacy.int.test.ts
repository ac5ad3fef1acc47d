import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays, utcToday } from "../../src/common/dates.ts";
import type {
  Account,
  AdvocacyAsk,
  AdvocacyCandidates,
  AdvocacySummary,
  ChangesPage,
  Contact,
  TimelineEntry,
} from "../../src/contract/index.ts";
import { systemDb } from "../../src/db/system.ts";
import {
  apiSender,
  type Caller,
  createTestApp,
  errorOf,
  type TestApp,
  type TestWorkspace,
} from "../helpers/test-app.ts";

/**
 * Advocacy through the API: asks and their states, the do-not-ask window, who could be asked next
 * and why, and the loyalty summary with its NPS trend. Each test works on accounts of its own, so
 * it passes alone and in any order.
 */
let t: TestApp;
let ws: TestWorkspace;
let member: Caller;
let viewer: Caller;

const send = apiSender(
  () => t,
  () => member,
);

const today = utcToday();
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
/** "2026-11-03" → "3 Nov 2026", written here independently of the code under test. */
const words = (d: string) => `${Number(d.slice(8))} ${MONTHS[Number(d.slice(5, 7)) - 1]} ${d.slice(0, 4)}`;

const account = (name: string) => send<Account>("POST", "/api/v1/accounts", { name }, 201);
const contact = (accountId: string, firstName: string, lastName: string, more: Partial<Contact> = {}) =>
  send<Contact>("POST", "/api/v1/contacts", { accountId, firstName, lastName, ...more }, 201);
const nps = (contactId: string, score: number, answeredAt: string) =>
  send("POST", "/api/v1/survey-responses", { contactId, kind: "nps", score, answeredAt }, 201);
const outcome = (contactId: string, status: string) =>
  send(
    "POST",
    "/api/v1/outcomes",
    { contactId, kind: "business_outcome", title: "Close faster", status },
    201,
  );
const ask = (body: Record<string, unknown>, who = member) =>
  send<AdvocacyAsk>("POST", "/api/v1/advocacy/asks", body, 201, who);
const move = (id: string, body: Record<string, unknown>) =>
  t.request(member, "POST", `/api/v1/advocacy/asks/${id}/state`, body);
const candidates = (query = "") => send<AdvocacyCandidates>("GET", `/api/v1/advocacy/candidates${query}`);
/** A saved segment whose members match one condition. */
const segment = (name: string, entity: "account" | "contact", condition: Record<string, unknown>) =>
  send<{ id: string }>(
    "POST",
    "/api/v1/segments",
    { name, entity, filter: { match: "all", conditions: [condition] } },
    201,
  );
const asksOf = (query: string) =>
  send<{ data: AdvocacyAsk[]; nextCursor: string | null }>("GET", `/api/v1/advocacy/asks?${query}`);

/** Health as the scoring job stores it (tests set it after the writes that rescore accounts). */
async function setHealth(bands: [Account, number, "good" | "average" | "poor"][]) {
  const db = systemDb(t.database.db);
  for (const [a, score, band] of bands) {
    await db.execute(
      sql`update accounts set health_score = ${score}, health_band = ${band}, health_day = ${today}::date
           where workspace_id = ${ws.id} and id = ${a.id}`,
    );
  }
}

// Candidates' world: Acme and Birch are healthy with outcomes achieved; Cedar is only average;
// Dune has no outcome achieved yet.
let acme: Account;
let birch: Account;
let cedar: Account;
let dune: Account;
let dana: Contact;
let ed: Contact;
let hana: Contact;
// Asks' world.
let kite: Account;
let lena: Contact;
let milo: Contact;
let lark: Account;
let nora: Contact;
// The summary's world (answers and asks of 2024).
let oak: Account;
let otto: Contact;
let pia: Contact;

beforeAll(async () => {
  t = await createTestApp();
  ws = await t.workspace("advocacy");
  member = await t.signIn(ws.users.member.email);
  viewer = await t.signIn(ws.users.viewer.email);

  const recent = addDays(today, -20);
  acme = await account("Acme");
  birch = await account("Birch");
  cedar = await account("Cedar");
  dune = await account("Dune");
  dana = await contact(acme.id, "Dana", "Lee", { decisionRole: "champion" });
  ed = await contact(acme.id, "Ed", "Park", { decisionRole: "decision_maker" });
  const fay = await contact(acme.id, "Fay", "Ruiz", { decisionRole: "champion", leftCompany: true });
  const gus = await contact(acme.id, "Gus", "Ode", { decisionRole: "user", influence: 2 });
  hana = await contact(birch.id, "Hana", "Sato", { decisionRole: "economic_buyer" });
  const ivo = await contact(cedar.id, "Ivo", "Berg", { decisionRole: "champion" });
  const jo = await contact(dune.id, "Jo", "Kim", { decisionRole: "champion" });
  await nps(dana.id, 10, `${recent}T10:00:00Z`);
  // Ed was a promoter once; his latest answer is a 6.
  await nps(ed.id, 9, `${addDays(today, -200)}T10:00:00Z`);
  await nps(ed.id, 6, `${recent}T11:00:00Z`);
  await nps(fay.id, 10, `${recent}T12:00:00Z`);
  await nps(gus.id, 10, `${recent}T13:00:00Z`);
  await nps(hana.id, 9, `${addDays(today, -30)}T10:00:00Z`);
  await nps(ivo.id, 10, `${recent}T10:00:00Z`);
  await nps(jo.id, 10, `${recent}T10:00:00Z`);
  await outcome(dana.id, "achieved");
  await outcome(ed.id, "achieved");
  await outcome(hana.id, "achieved");
  await outcome(ivo.id, "achieved");
  await outcome(jo.id, "in_progress");

  kite = await account("Kite");
  lena = await contact(kite.id, "Lena", "Ames", { decisionRole: "champion" });
  milo = await contact(kite.id, "Milo", "Fitz", { decisionRole: "decision_maker" });
  lark = await account("Lark");
  nora = await contact(lark.id, "Nora", "Quinn", { decisionRole: "champion" });

  oak = await account("Oak");
  otto = await contact(oak.id, "Otto", "Lind");
  pia = await contact(oak.id, "Pia", "Moss");
  // January 2024: 10, 9, 3 (NPS 33.33); February: none; March: 7, 8 (NPS 0, passives only).
  await nps(otto.id, 10, "2024-01-05T09:00:00Z");
  await nps(pia.id, 9, "2024-01-20T09:00:00Z");
  await nps(otto.id, 3, "2024-01-31T23:30:00Z");
  await nps(pia.id, 7, "2024-03-01T00:30:00Z");
  await nps(otto.id, 8, "2024-03-15T09:00:00Z");

  // Birch is healthier than Acme, but Dana's 10 outranks Hana's 9.
  await setHealth([
    [acme, 80, "good"],
    [birch, 92, "good"],
    [cedar, 55, "average"],
    [dune, 90, "good"],
  ]);
}, 120_000);

afterAll(async () => {
  await t.close();
});

describe("asks", () => {
  it("asks a key player (today by default) and answers the ask with names, records the event and the timeline entry", async () => {
    const a = await ask({
      accountId: kite.id,
      contactId: lena.id,
      kind: "case_study",
      detail: "Finance story",
    });
    expect(a).toMatchObject({
      account: { id: kite.id, name: "Kite" },
      contact: { id: lena.id, name: "Lena Ames" },
      kind: "case_study",
      state: "asked",
      askedOn: today,
      stateOn: today,
      detail: "Finance story",
      askedBy: { userId: ws.users.member.id },
      nextStates: ["agreed", "delivered", "declined"],
    });
    expect(await send<AdvocacyAsk>("GET", `/api/v1/advocacy/asks/${a.id}`, undefined, 200, viewer)).toEqual(
      a,
    );

    const changes = await send<ChangesPage>("GET", "/api/v1/changes?limit=1000");
    expect(changes.data.filter((e) => e.type === "advocacy.asked" && e.data.askId === a.id)).toEqual([
      expect.objectContaining({
        accountId: kite.id,
        data: { accountId: kite.id, askId: a.id, contactId: lena.id, kind: "case_study" },
      }),
    ]);
    const timeline = await send<{ data: TimelineEntry[] }>(
      "GET",
      `/api/v1/accounts/${kite.id}/timeline?kind=advocacy`,
    );
    expect(timeline.data.map((e) => [e.title, e.body, e.contactId])).toContainEqual([
      "Asked Lena Ames for a case study",
      "Finance story",
      lena.id,
    ]);
  });

  it("moves an ask asked → agreed → delivered, refuses any other move with a 409, and never a day before the ask", async () => {
    const a = await ask({
      accountId: kite.id,
      contactId: milo.id,
      kind: "reference",
      askedOn: addDays(today, -10),
    });
    const early = await move(a.id, { state: "agreed", stateOn: addDays(today, -11) });
    expect(early.statusCode).toBe(400);
    expect(errorOf(early).details?.issues).toEqual([
      { path: "stateOn", message: `must not be before the ask (${words(addDays(today, -10))})` },
    ]);
    const future = await move(a.id, { state: "agreed", stateOn: addDays(today, 1) });
    expect(errorOf(future).details?.issues?.[0]).toMatchObject({
      path: "stateOn",
      message: "must not be in the future",
    });

    const agreed = await move(a.id, { state: "agreed", stateOn: addDays(today, -5) });
    expect(agreed.statusCode).toBe(200);
    expect(agreed.json<AdvocacyAsk>()).toMatchObject({
      state: "agreed",
      stateOn: addDays(today, -5),
      nextStates: ["delivered", "declined"],
    });
    const back = await move(a.id, { state: "asked" });
    expect(back.statusCode).toBe(409);
    expect(errorOf(back)).toMatchObject({
      code: "CONFLICT",
      message: "An ask that is agreed can only become delivered or declined",
    });

    const delivered = await move(a.id, { state: "delivered" });
    expect(delivered.json<AdvocacyAsk>()).toMatchObject({
      state: "delivered",
      stateOn: today,
      nextStates: [],
    });
    const again = await move(a.id, { state: "declined" });
    expect(again.statusCode).toBe(409);
    expect(errorOf(again).message).toBe(
      "This ask was delivered already: delivered and declined asks are final",
    );
    expect((await send<AdvocacyAsk>("GET", `/api/v1/advocacy/asks/${a.id}`)).state).toBe("delivered");

    const changes = await send<ChangesPage>("GET", "/api/v1/changes?limit=1000");
    expect(
      changes.data
        .filter((e) => e.type === "advocacy.changed" && e.data.askId === a.id)
        .map((e) => e.data.state),
    ).toEqual(["agreed", "delivered"]);
    const timeline = await send<{ data: TimelineEntry[] }>(
      "GET",
      `/api/v1/accounts/${kite.id}/timeline?kind=advocacy`,
    );
    expect(timeline.data.map((e) => e.title)).toEqual(
      expect.arrayContaining(["Milo Fitz agreed to give a reference", "Milo Fitz delivered a reference"]),
    );
  });

  it("edits the detail, deletes an ask, and lists with filters, names and cursor paging", async () => {
    const own = await account("Pine");
    const quin = await contact(own.id, "Quin", "Roe");
    const made: AdvocacyAsk[] = [];
    for (const [kind, days] of [
      ["review", -40],
      ["referral", -30],
      ["review", -20],
      ["testimonial", -10],
    ] as const) {
      made.push(
        await ask({
          accountId: own.id,
          contactId: quin.id,
          kind,
          askedOn: addDays(today, days),
          ignoreWindow: true,
        }),
      );
    }
    const [first, referral] = made as [AdvocacyAsk, AdvocacyAsk];
    const edited = await send<AdvocacyAsk>("PATCH", `/api/v1/advocacy/asks/${referral.id}`, {
      detail: "  Referred Globex  ",
    });
    expect(edited.detail).toBe("Referred Globex");
    expect(
      (await send<AdvocacyAsk>("PATCH", `/api/v1/advocacy/asks/${referral.id}`, { detail: "" })).detail,
    ).toBeNull();

    // Newest first, two a page, with the account's and contact's names.
    const one = await asksOf(`accountId=${own.id}&limit=2`);
    expect(one.data.map((a) => a.askedOn)).toEqual([addDays(today, -10), addDays(today, -20)]);
    expect(one.data[0]).toMatchObject({ account: { name: "Pine" }, contact: { name: "Quin Roe" } });
    const two = await asksOf(`accountId=${own.id}&limit=2&cursor=${one.nextCursor}`);
    expect(two.data.map((a) => a.askedOn)).toEqual([addDays(today, -30), addDays(today, -40)]);
    expect(two.nextCursor).toBeNull();
    expect((await asksOf(`accountId=${own.id}&kind=review`)).data.map((a) => a.id)).toEqual([
      made[2]?.id,
      first.id,
    ]);
    await move(first.id, { state: "declined" });
    expect((await asksOf(`contactId=${quin.id}&state=declined`)).data.map((a) => a.id)).toEqual([first.id]);
    expect((await asksOf(`contactId=${quin.id}&sort=stateOn`)).data[3]?.id).toBe(first.id);

    await send("DELETE", `/api/v1/advocacy/asks/${first.id}`, undefined, 204);
    expect((await t.request(member, "GET", `/api/v1/advocacy/asks/${first.id}`)).statusCode).toBe(404);
    expect((await asksOf(`accountId=${own.id}`)).data).toHaveLength(3);
    const changes = await send<ChangesPage>("GET", "/api/v1/changes?limit=1000");
    expect(changes.data.find((e) => e.type === "advocacy.deleted")?.data).toEqual({
      accountId: own.id,
      askId: first.id,
    });
  });

  it("refuses bad input at its field, a contact of another account, and a viewer, storing nothing", async () => {
    const before = await asksOf(`accountId=${lark.id}`);
    const cases: [Record<string, unknown>, string, string][] = [
      [{ accountId: lark.id, kind: "podcast" }, "kind", "must be one of: reference, testimonial"],
      [
        { accountId: lark.id, kind: "review", askedOn: addDays(today, 1) },
        "askedOn",
        "must not be in the future",
      ],
      [
        { accountId: lark.id, kind: "review", askedOn: "2026-02-30" },
        "askedOn",
        "must be a date as YYYY-MM-DD",
      ],
      [{ accountId: lark.id, contactId: lena.id, kind: "review" }, "contactId", "is not a contact of Lark"],
      [
        { accountId: "00000000-0000-4000-8000-000000000000", kind: "review" },
        "accountId",
        "is not an account here",
      ],
      [
        { accountId: lark.id, kind: "review", detail: "x".repeat(2001) },
        "detail",
        "can be at most 2,000 characters",
      ],
    ];
    for (const [body, path, message] of cases) {
      const res = await t.request(member, "POST", "/api/v1/advocacy/asks", body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(errorOf(res).details?.issues?.[0]?.path).toBe(path);
      expect(errorOf(res).details?.issues?.[0]?.message).toContain(message);
    }
    expect(
      (await t.request(viewer, "POST", "/api/v1/advocacy/asks", { accountId: lark.id, kind: "review" }))
        .statusCode,
    ).toBe(403);
    const bad = await t.request(member, "GET", "/api/v1/advocacy/candidates?kind=podcast&limit=0");
    expect(bad.statusCode).toBe(400);
    expect(
      errorOf(bad)
        .details?.issues?.map((i) => i.path)
        .sort(),
    ).toEqual(["query.kind", "query.limit"]);
    expect((await asksOf(`accountId=${lark.id}`)).data).toEqual(before.data);
  });
});

describe("the do-not-ask window", () => {
  it("refuses a second ask of the same person within the window, whatever the kind, unless told to ignore it", async () => {
    const first = await ask({
      accountId: lark.id,
      contactId: nora.id,
      kind: "reference",
      askedOn: addDays(today, -60),
    });
    const timelineBefore = await send<{ data: TimelineEntry[] }>(
      "GET",
      `/api/v1/accounts/${lark.id}/timeline`,
    );
    const refused = await t.request(member, "POST", "/api/v1/advocacy/asks", {
      accountId: lark.id,
      contactId: nora.id,
      kind: "testimonial",
    });
    expect(refused.statusCode).toBe(409);
    expect(errorOf(refused)).toMatchObject({
      code: "CONFLICT",
      message: `Nora Quinn was asked on ${words(first.askedOn)}; the do-not-ask window runs until ${words(addDays(first.askedOn, 90))}`,
      details: { reason: "do_not_ask_window", field: "contactId", askedOn: first.askedOn },
    });
    // Nothing of the refused ask is kept: no ask, no timeline entry.
    expect((await asksOf(`contactId=${nora.id}`)).data.map((a) => a.id)).toEqual([first.id]);
    expect(await send("GET", `/api/v1/accounts/${lark.id}/timeline`)).toEqual(timelineBefore);

    // An ask to the whole account is held back by any ask at it, the key player's included.
    const wholeAccount = await t.request(member, "POST", "/api/v1/advocacy/asks", {
      accountId: lark.id,
      kind: "review",
    });
    expect(wholeAccount.statusCode).toBe(409);
    expect(errorOf(wholeAccount).message).toMatch(/^Lark was asked on /);

    const anyway = await ask({
      accountId: lark.id,
      contactId: nora.id,
      kind: "testimonial",
      ignoreWindow: true,
    });
    expect(anyway.state).toBe("asked");

    // Someone else at the account is not held back by Nora's asks.
    const other = await contact(lark.id, "Olga", "Hart");
    expect((await ask({ accountId: lark.id, contactId: other.id, kind: "review" })).contact?.name).toBe(
      "Olga Hart",
    );
  });

  it("lets the person be asked again once the window is over, and follows the workspace's setting", async () => {
    const own = await account("Quay");
    const rae = await contact(own.id, "Rae", "Cole");
    // Asked 91 days ago: the 90-day window ran through yesterday; a day later it still held.
    await ask({ accountId: own.id, contactId: rae.id, kind: "review", askedOn: addDays(today, -91) });
    const held = await t.request(member, "POST", "/api/v1/advocacy/asks", {
      accountId: own.id,
      contactId: rae.id,
      kind: "referral",
      askedOn: addDays(today, -1),
    });
    expect(held.statusCode).toBe(409);
    await ask({ accountId: own.id, contactId: rae.id, kind: "referral" });
    const admin = await t.signIn(ws.users.admin.email);
    await send("PUT", "/api/v1/revenue/settings", { doNotAskDays: 0 }, 200, admin);
    try {
      expect((await ask({ accountId: own.id, contactId: rae.id, kind: "testimonial" })).state).toBe("asked");
    } finally {
      await send("PUT", "/api/v1/revenue/settings", { doNotAskDays: 90 }, 200, admin);
    }
    const refused = await t.request(member, "POST", "/api/v1/advocacy/asks", {
      accountId: own.id,
      contactId: rae.id,
      kind: "case_study",
    });
    expect(errorOf(refused).message).toBe(
      `Rae Cole was asked on ${words(today)}; the do-not-ask window runs until ${words(addDays(today, 90))}`,
    );
  });
});

describe("who could be asked next", () => {
  it("suggests promoters among the key players of healthy customers with outcomes achieved, best first, with the reasons", async () => {
    const c = await candidates("?limit=10");
    expect(c).toMatchObject({ doNotAskDays: 90, kind: null, segmentId: null });
    // Not Ed (latest answer 6), Fay (left), Gus (no key player), Ivo (Cedar is average), Jo (Dune
    // has no outcome achieved); Dana's 10 comes before Hana's 9 though Birch is healthier.
    const mine = c.data.filter((x) => [acme.id, birch.id, cedar.id, dune.id].includes(x.account.id));
    expect(mine.map((x) => x.contact.name)).toEqual(["Dana Lee", "Hana Sato"]);
    expect(mine[0]).toMatchObject({
      contact: { id: dana.id, decisionRole: "champion" },
      account: { id: acme.id, name: "Acme" },
      health: { band: "good", score: 80 },
      nps: { score: 10 },
      outcomesAchieved: 2,
      lastAsk: null,
      reasons: [
        `Promoter: answered NPS 10 on ${words(addDays(today, -20))}`,
        "Healthy customer: good health, score 80",
        "2 outcomes achieved at Acme",
        "Never asked before",
      ],
    });
  });

  it("leaves out whoever was asked within the window, says when someone was last asked, and narrows by kind", async () => {
    const own = await account("Reed");
    const sam = await contact(own.id, "Sam", "Tate", { decisionRole: "champion" });
    const tia = await contact(own.id, "Tia", "Uhl", { decisionRole: "champion" });
    await nps(sam.id, 10, `${addDays(today, -3)}T10:00:00Z`);
    await nps(tia.id, 10, `${addDays(today, -3)}T10:00:00Z`);
    await outcome(sam.id, "achieved");
    await setHealth([[own, 75, "good"]]);
    const names = async (q = "") =>
      (await candidates(`?limit=200${q}`)).data
        .filter((x) => x.account.id === own.id)
        .map((x) => x.contact.name);
    expect(await names()).toEqual(["Sam Tate", "Tia Uhl"]);

    const old = await ask({
      accountId: own.id,
      contactId: sam.id,
      kind: "case_study",
      askedOn: addDays(today, -120),
    });
    await move(old.id, { state: "declined", stateOn: addDays(today, -100) });
    await ask({ accountId: own.id, contactId: tia.id, kind: "reference", askedOn: addDays(today, -5) });
    const c = (await candidates("?limit=200")).data.filter((x) => x.account.id === own.id);
    expect(c.map((x) => x.contact.name)).toEqual(["Sam Tate"]);
    expect(c[0]?.lastAsk).toEqual({ askedOn: addDays(today, -120), kind: "case_study", state: "declined" });
    expect(c[0]?.reasons[3]).toBe(`Last asked on ${words(addDays(today, -120))} (case study, declined)`);
    // Sam said no to a case study: not suggested for another, still for a reference.
    expect(await names("&kind=case_study")).toEqual([]);
    expect(await names("&kind=reference")).toEqual(["Sam Tate"]);
  });

  it("narrows to an account or contact segment, and answers 404 for a segment the workspace does not have", async () => {
    const birchOnly = await segment("Birch only", "account", { field: "name", op: "eq", value: "Birch" });
    expect((await candidates(`?segment=${birchOnly.id}`)).data.map((x) => x.contact.id)).toEqual([hana.id]);
    const buyers = await segment("Economic buyers", "contact", {
      field: "decisionRole",
      op: "in",
      value: ["economic_buyer"],
    });
    const byContact = await candidates(`?segment=${buyers.id}`);
    expect(byContact.segmentId).toBe(buyers.id);
    expect(byContact.data.map((x) => x.contact.id)).toEqual([hana.id]);
    for (const url of [
      "/api/v1/advocacy/candidates?segment=00000000-0000-4000-8000-000000000000",
      "/api/v1/advocacy/summary?from=2024-01-01&to=2024-03-31&segment=00000000-0000-4000-8000-000000000000",
    ]) {
      const res = await t.request(member, "GET", url);
      expect(res.statusCode, url).toBe(404);
      expect(errorOf(res).message).toBe("Segment not found");
    }
  });
});

describe("loyalty summary", () => {
  it("counts the period's asks per kind and state, what was delivered in it, and NPS month by month", async () => {
    const made = async (kind: string, contactId: string, askedOn: string, to?: [string, string][]) => {
      const a = await ask({ accountId: oak.id, contactId, kind, askedOn, ignoreWindow: true });
      for (const [state, stateOn] of to ?? [])
        expect((await move(a.id, { state, stateOn })).statusCode).toBe(200);
    };
    // Asked before the period, delivered in it: delivered counts it, the asks do not.
    await made("case_study", otto.id, "2023-12-10", [["delivered", "2024-02-01"]]);
    await made("reference", otto.id, "2024-01-10", [
      ["agreed", "2024-01-12"],
      ["delivered", "2024-01-30"],
    ]);
    await made("reference", pia.id, "2024-02-10", [["declined", "2024-02-11"]]);
    await made("reference", pia.id, "2024-03-10");
    await made("review", pia.id, "2024-03-20", [["agreed", "2024-03-25"]]);
    // Delivered after the period.
    await made("testimonial", otto.id, "2024-03-30", [["delivered", "2024-04-02"]]);

    const s = await send<AdvocacySummary>("GET", "/api/v1/advocacy/summary?from=2024-01-15&to=2024-03-02");
    expect(s).toMatchObject({ from: "2024-01-01", to: "2024-03-31", segmentId: null });
    expect(s.byKind.find((k) => k.kind === "reference")).toEqual({
      kind: "reference",
      asked: 1,
      agreed: 0,
      delivered: 1,
      declined: 1,
      total: 3,
    });
    expect(s.byKind.find((k) => k.kind === "review")).toMatchObject({ agreed: 1, total: 1 });
    expect(s.byKind.find((k) => k.kind === "testimonial")).toMatchObject({
      asked: 0,
      delivered: 1,
      total: 1,
    });
    expect(s.byKind.find((k) => k.kind === "case_study")?.total).toBe(0);
    expect(s.delivered).toEqual({
      total: 2,
      byKind: [
        { kind: "reference", count: 1 },
        { kind: "testimonial", count: 0 },
        { kind: "referral", count: 0 },
        { kind: "review", count: 0 },
        { kind: "case_study", count: 1 },
      ],
    });
    expect(s.npsByMonth).toEqual([
      { month: "2024-01", score: 33.33, responses: 3, promoters: 2, passives: 0, detractors: 1 },
      { month: "2024-02", score: null, responses: 0, promoters: 0, passives: 0, detractors: 0 },
      { month: "2024-03", score: 0, responses: 2, promoters: 0, passives: 2, detractors: 0 },
    ]);
    // Two promoters and one detractor of five answers.
    expect(s.nps).toEqual({ score: 20, responses: 5, promoters: 2, passives: 2, detractors: 1 });

    // Narrowed to a segment without Oak: nothing of the above.
    const acmeOnly = await segment("Acme only", "account", { field: "name", op: "eq", value: "Acme" });
    const narrowed = await send<AdvocacySummary>(
      "GET",
      `/api/v1/advocacy/summary?from=2024-01-01&to=2024-03-31&segment=${acmeOnly.id}`,
    );
    expect(narrowed.segmentId).toBe(acmeOnly.id);
    expect(narrowed.byKind.every((k) => k.total === 0)).toBe(true);
    expect(narrowed.delivered.total).toBe(0);
    expect(narrowed.nps.score).toBeNull();
    expect(narrowed.npsByMonth.map((m) => m.score)).toEqual([null, null, null]);

    const backwards = await t.request(
      member,
      "GET",
      "/api/v1/advocacy/summary?from=2024-03-01&to=2024-01-01",
    );
    expect(backwards.statusCode).toBe(400);
    expect(errorOf(backwards).details?.issues?.[0]).toMatchObject({
      path: "query.to",
      message: "must not be before from",
    });
  });
});
