import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type {
  Account,
  Contact,
  ExperienceMetrics,
  MailMessage,
  SurveyDetail,
  SurveyPreview,
  TimelineEntry,
} from "../../src/contract/index.ts";
import { type SmtpSink, startSmtpSink } from "../helpers/smtp-sink.ts";
import { type Caller, createTestApp, type TestApp } from "../helpers/test-app.ts";

/** Surveys by email: the recontact guard, the outbox without SMTP, personal links, the closed loop. */

type Sent = { survey: { id: string; recipients: number }; skipped: number; delivery: "queued" | "held" };

async function setUp(t: TestApp, slug: string) {
  const ws = await t.workspace(slug);
  const member = await t.signIn(ws.users.member.email);
  const admin = await t.signIn(ws.users.admin.email);
  const send = async <T>(method: string, url: string, body?: unknown, status = 200, who: Caller = member) => {
    const res = await t.request(who, method, url, body);
    if (res.statusCode !== status) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body}`);
    return res.json<T>();
  };
  const account = await send<Account>("POST", "/api/v1/accounts", { name: "Acme" }, 201);
  const contact = (body: Record<string, unknown>) =>
    send<Contact>("POST", "/api/v1/contacts", { accountId: account.id, ...body }, 201);
  const bea = await contact({
    firstName: "Bea",
    lastName: "Stone",
    email: "bea@acme.test",
    decisionRole: "economic_buyer",
  });
  const cy = await contact({ firstName: "Cy", email: "cy@acme.test", decisionRole: "champion" });
  const noEmail = await contact({ firstName: "Dee", decisionRole: "decision_maker" });
  const user = await contact({ firstName: "Eve", email: "eve@acme.test", decisionRole: "user" });
  return { ws, member, admin, send, account, bea, cy, noEmail, user };
}

/** The personal link in a message's text. */
const linkIn = (text: string) => {
  const m = /https?:\/\/\S+\/s\/([A-Za-z0-9_-]+)/.exec(text);
  if (!m?.[1]) throw new Error(`no survey link in: ${text}`);
  return { url: m[0], token: m[1] };
};

describe("without SMTP: the outbox", () => {
  let t: TestApp;
  let s: Awaited<ReturnType<typeof setUp>>;

  beforeAll(async () => {
    t = await createTestApp({ STEWARD_PUBLIC_URL: "https://cs.example.com" });
    s = await setUp(t, "surveys-outbox");
  });
  afterAll(async () => {
    await t?.close();
  });

  it("previews the key players of an account, leaving out who has no email; sends nothing", async () => {
    const preview = await s.send<SurveyPreview>("POST", "/api/v1/surveys/preview", {
      kind: "nps",
      audience: { accountIds: [s.account.id] },
    });
    expect(preview.recontactDays).toBe(90);
    expect(preview.recipients.map((r) => r.name).sort()).toEqual(["Bea Stone", "Cy"]);
    expect(preview.skipped).toEqual([expect.objectContaining({ name: "Dee", reason: "no_email" })]);
    const mail = await s.send<{ data: MailMessage[] }>("GET", "/api/v1/mail", undefined, 200, s.admin);
    expect(mail.data).toEqual([]);
  });

  it("holds the invitations in the outbox, readable by admins only, with links from STEWARD_PUBLIC_URL", async () => {
    const sent = await s.send<Sent>(
      "POST",
      "/api/v1/surveys",
      { kind: "nps", audience: { accountIds: [s.account.id] } },
      201,
    );
    expect(sent).toMatchObject({ delivery: "held", skipped: 1, survey: { recipients: 2 } });
    const outbox = await s.send<{ data: MailMessage[] }>(
      "GET",
      "/api/v1/mail?status=held",
      undefined,
      200,
      s.admin,
    );
    expect(outbox.data).toHaveLength(2);
    const one = await s.send<MailMessage>(
      "GET",
      `/api/v1/mail/${outbox.data[0]?.id}`,
      undefined,
      200,
      s.admin,
    );
    expect(one.textBody).toMatch(/https:\/\/cs\.example\.com\/s\/[A-Za-z0-9_-]{43}/);
    expect(one.messageId).toMatch(/^<[0-9a-f-]+@localhost>$/);
    expect((await t.request(s.member, "GET", "/api/v1/mail")).statusCode).toBe(403);
  });

  it("applies the recontact guard: the same key players are not asked again within 90 days", async () => {
    const preview = await s.send<SurveyPreview>("POST", "/api/v1/surveys/preview", {
      kind: "csat",
      audience: { contactIds: [s.bea.id, s.user.id] },
    });
    expect(preview.recipients.map((r) => r.name)).toEqual(["Eve"]);
    expect(preview.skipped).toEqual([
      expect.objectContaining({
        name: "Bea Stone",
        reason: "recently_surveyed",
        lastSurveyedAt: expect.any(String),
      }),
    ]);
    const without = await s.send<SurveyPreview>("POST", "/api/v1/surveys/preview", {
      kind: "csat",
      audience: { contactIds: [s.bea.id] },
      recontactDays: 0,
    });
    expect(without.recipients).toHaveLength(1);
    // Sending to no one is refused, and nothing is stored.
    const none = await t.request(s.member, "POST", "/api/v1/surveys", {
      kind: "csat",
      audience: { contactIds: [s.bea.id, s.noEmail.id] },
    });
    expect(none.statusCode).toBe(400);
    expect(none.json<{ error: { message: string } }>().error.message).toContain("No one to ask");
    const surveys = await s.send<{ data: unknown[] }>("GET", "/api/v1/surveys");
    expect(surveys.data).toHaveLength(1);
  });

  it("refuses an audience that names two kinds of recipients, or none", async () => {
    const res = await t.request(s.member, "POST", "/api/v1/surveys", {
      kind: "nps",
      audience: { contactIds: [s.bea.id], accountIds: [s.account.id] },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json<{ error: { message: string } }>().error.message).toContain(
      "choose contacts, accounts or an accounts filter",
    );
  });

  it("breaks an experience survey's results down by dimension", async () => {
    const sent = await s.send<Sent>(
      "POST",
      "/api/v1/surveys",
      { kind: "dimension", audience: { contactIds: [s.cy.id] }, recontactDays: 0 },
      201,
    );
    const outbox = await s.send<{ data: MailMessage[] }>("GET", "/api/v1/mail", undefined, 200, s.admin);
    const message = await s.send<MailMessage>(
      "GET",
      `/api/v1/mail/${outbox.data[0]?.id}`,
      undefined,
      200,
      s.admin,
    );
    const { token } = linkIn(message.textBody ?? "");
    const page = await t.app.inject({ method: "GET", url: `/s/${token}` });
    const keys = [...page.body.matchAll(/name="score_([a-z_]+)"/g)].map((m) => m[1] as string);
    const unique = [...new Set(keys)];
    expect(unique.length).toBe(7);
    const form = unique.map((k, i) => `score_${k}=${i < 2 ? 2 : 5}`).join("&");
    const answered = await t.app.inject({
      method: "POST",
      url: `/s/${token}`,
      payload: form,
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    expect(answered.statusCode).toBe(200);
    const detail = await s.send<SurveyDetail>("GET", `/api/v1/surveys/${sent.survey.id}`);
    expect(detail.dimensions).toHaveLength(7);
    expect(detail.dimensions.map((d) => d.key)).toEqual(unique);
    expect(detail.dimensions.map((d) => d.mean)).toEqual([2, 2, 5, 5, 5, 5, 5]);
    expect(detail.dimensions.every((d) => d.answers === 1 && d.label.length > 0)).toBe(true);
    const nps = await s.send<SurveyDetail>(
      "GET",
      `/api/v1/surveys/${(await s.send<{ data: { id: string; kind: string }[] }>("GET", "/api/v1/surveys")).data.find((x) => x.kind === "nps")?.id}`,
    );
    expect(nps.dimensions).toEqual([]);
  });
});

describe("with SMTP: personal links and the closed loop", () => {
  let t: TestApp;
  let sink: SmtpSink;
  let s: Awaited<ReturnType<typeof setUp>>;
  let token: string;
  let surveyId: string;

  beforeAll(async () => {
    sink = await startSmtpSink();
    t = await createTestApp({
      STEWARD_SMTP_URL: sink.url,
      STEWARD_MAIL_FROM: "Acme Success <success@vendor.test>",
      STEWARD_PUBLIC_URL: "http://steward.test",
    });
    s = await setUp(t, "surveys-smtp");
  });
  afterAll(async () => {
    await t?.close();
    await sink?.close();
  });

  it("emails each key player their own link, with a Message-ID, a date and a plain-text part", async () => {
    const sent = await s.send<Sent>(
      "POST",
      "/api/v1/surveys",
      { kind: "nps", audience: { contactIds: [s.bea.id] } },
      201,
    );
    expect(sent.delivery).toBe("queued");
    surveyId = sent.survey.id;
    const [mail] = await sink.waitFor(1);
    expect(mail?.to && "text" in mail.to ? mail.to.text : "").toContain("bea@acme.test");
    expect(mail?.from?.text).toContain("success@vendor.test");
    expect(mail?.messageId).toMatch(/@vendor\.test>?$/);
    expect(mail?.date).toBeInstanceOf(Date);
    token = linkIn(mail?.text ?? "").token;
    expect(linkIn(mail?.text ?? "").url.startsWith("http://steward.test/s/")).toBe(true);
    // A sent message keeps no body: its link is a credential.
    const log = await s.send<{ data: MailMessage[] }>("GET", "/api/v1/mail", undefined, 200, s.admin);
    const stored = await s.send<MailMessage>(
      "GET",
      `/api/v1/mail/${log.data[0]?.id}`,
      undefined,
      200,
      s.admin,
    );
    expect(stored).toMatchObject({ status: "sent", textBody: null, htmlBody: null });
  });

  it("shows the question on GET without recording anything, with no-referrer and noindex", async () => {
    const res = await t.app.inject({ method: "GET", url: `/s/${token}` });
    expect(res.statusCode).toBe(200);
    expect(res.headers["referrer-policy"]).toBe("no-referrer");
    expect(res.headers["x-robots-tag"]).toContain("noindex");
    expect(res.headers["set-cookie"]).toBeUndefined();
    expect(res.body).toContain("How likely are you to recommend us");
    const detail = await s.send<SurveyDetail>("GET", `/api/v1/surveys/${surveyId}`);
    expect(detail).toMatchObject({ recipients: 1, answered: 0, responseRate: 0, score: null });
  });

  it("records the POSTed answer, alerts on a detractor once, and lets the key player change it", async () => {
    const post = (payload: string) =>
      t.app.inject({
        method: "POST",
        url: `/s/${token}`,
        payload,
        headers: { "content-type": "application/x-www-form-urlencoded" },
      });
    const bad = await post("score=11");
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain("Choose a score from 0 to 10");

    const res = await post("score=3&comment=Reports+keep+timing+out");
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain("your answer is recorded");
    const metrics = await s.send<ExperienceMetrics>(
      "GET",
      `/api/v1/metrics/experience?accountId=${s.account.id}`,
    );
    expect(metrics.nps).toEqual({ score: -100, responses: 1 });
    const timeline = await s.send<{ data: TimelineEntry[] }>(
      "GET",
      `/api/v1/accounts/${s.account.id}/timeline`,
    );
    const alerts = timeline.data.filter((e) => e.kind === "alert");
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({
      title: "Detractor: Bea Stone answered NPS 3 of 10",
      contactId: s.bea.id,
    });
    expect(alerts[0]?.body).toContain("Reports keep timing out");

    // Changed within 7 days: the same answer is updated, not counted twice, and alerts no more.
    expect((await post("score=9&comment=Fixed+now")).statusCode).toBe(200);
    const after = await s.send<ExperienceMetrics>(
      "GET",
      `/api/v1/metrics/experience?accountId=${s.account.id}`,
    );
    expect(after.nps).toEqual({ score: 100, responses: 1 });
    const again = await s.send<{ data: TimelineEntry[] }>("GET", `/api/v1/accounts/${s.account.id}/timeline`);
    expect(again.data.filter((e) => e.kind === "alert")).toHaveLength(1);
    const detail = await s.send<SurveyDetail>("GET", `/api/v1/surveys/${surveyId}`);
    expect(detail).toMatchObject({ answered: 1, responseRate: 1, score: 100 });
    expect(detail.distribution.find((d) => d.score === 9)).toEqual({ score: 9, answers: 1 });
    expect(detail.answers[0]).toMatchObject({ score: 9, comment: "Fixed now", source: "survey" });
  });

  it("answers 404 for a link Steward never made", async () => {
    const res = await t.app.inject({ method: "GET", url: "/s/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA" });
    expect(res.statusCode).toBe(404);
    expect(res.body).toContain("This survey link is not valid");
  });
});
