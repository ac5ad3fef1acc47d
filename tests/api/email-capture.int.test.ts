import { sql } from "drizzle-orm";
import nodemailer, { type SendMailOptions } from "nodemailer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type {
  Account,
  CaptureAddress,
  CapturedEmail,
  Contact,
  Touchpoint,
} from "../../src/contract/index.ts";
import { queryRows } from "../../src/db/index.ts";
import { createDispatcher } from "../../src/domain/events/index.ts";
import { domainConsumers } from "../../src/domain/workflows/index.ts";
import { type InboundSmtp, MAX_MESSAGE_BYTES, startInboundSmtp } from "../../src/server/inbound-smtp.ts";
import { type Caller, createTestApp, type TestApp, type TestWorkspace } from "../helpers/test-app.ts";

/**
 * Email capture end to end: the real inbound listener on a free port, mail sent to it over SMTP
 * with nodemailer, a real database, and the API that shows the capture address and the review list.
 * Customer email BCC'd or forwarded to the capture address becomes a touchpoint with its key
 * players; unmatched mail waits for review; everything else is refused and nothing is relayed.
 */
const DOMAIN = "capture.steward.test";
const quiet = { info() {}, warn() {}, error() {} };
let t: TestApp;
let ws: TestWorkspace;
let member: Caller;
let listener: InboundSmtp;
let capture: string;
let sender: string;
let acme: Account;
let globex: Account;
let ada: Contact;
let grace: Contact;
let gus: Contact;

async function call<T>(method: string, url: string, body?: unknown, status = 200, who = member): Promise<T> {
  const res = await t.request(who, method, url, body);
  if (res.statusCode !== status) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body}`);
  return res.json<T>();
}

const startListener = (perMinute?: number) =>
  startInboundSmtp({
    db: t.database.db,
    dispatcher: createDispatcher(t.database.db, domainConsumers),
    config: { port: 0, domain: DOMAIN, tls: null },
    host: "127.0.0.1",
    log: quiet,
    ...(perMinute ? { perMinute } : {}),
  });

const send = (message: SendMailOptions, port = listener.port) =>
  nodemailer.createTransport({ host: "127.0.0.1", port, secure: false, ignoreTLS: true }).sendMail(message);

/** The SMTP reply code a sending was refused with; undefined when it was accepted. */
const refusal = async (sending: Promise<unknown>): Promise<number | undefined> => {
  try {
    await sending;
    return undefined;
  } catch (e) {
    return (e as { responseCode?: number }).responseCode;
  }
};

type Page<T> = { data: T[]; nextCursor: string | null };

const touchpointsOf = async (accountId: string) =>
  (await call<Page<Touchpoint>>("GET", `/api/v1/touchpoints?accountId=${accountId}&limit=50`)).data;
const captured = async (status?: string) =>
  (
    await call<Page<CapturedEmail>>(
      "GET",
      `/api/v1/capture/emails?limit=50${status ? `&status=${status}` : ""}`,
    )
  ).data;

beforeAll(async () => {
  t = await createTestApp({ STEWARD_INBOUND_SMTP_PORT: "2525", STEWARD_INBOUND_DOMAIN: DOMAIN });
  ws = await t.workspace("capture-it");
  member = await t.signIn(ws.users.member.email);
  sender = ws.users.member.email;
  acme = await call<Account>("POST", "/api/v1/accounts", { name: "Acme", domain: "acme.example" }, 201);
  globex = await call<Account>("POST", "/api/v1/accounts", { name: "Globex", domain: "globex.example" }, 201);
  const contact = (accountId: string, firstName: string, lastName: string, email: string) =>
    call<Contact>("POST", "/api/v1/contacts", { accountId, firstName, lastName, email }, 201);
  ada = await contact(acme.id, "Ada", "Lovelace", "ada@acme.example");
  grace = await contact(acme.id, "Grace", "Hopper", "grace@acme.example");
  gus = await contact(globex.id, "Gus", "Globex", "gus@globex.example");
  // Any member reads the address from the API, as the web app shows it.
  capture = (await call<CaptureAddress>("GET", "/api/v1/capture/address")).address as string;
  listener = await startListener();
});

afterAll(async () => {
  await listener?.close();
  await t?.close();
});

describe("the capture address", () => {
  it("is shown to every member, viewers included", async () => {
    expect(capture).toMatch(/^capture\+[0-9a-f]{32}@capture\.steward\.test$/);
    const viewer = await t.signIn(ws.users.viewer.email);
    expect(
      (await call<CaptureAddress>("GET", "/api/v1/capture/address", undefined, 200, viewer)).address,
    ).toBe(capture);
  });
});

describe("the inbound SMTP listener", () => {
  it("makes a customer email BCC'd to the capture address a touchpoint with its key player", async () => {
    const info = await send({
      from: `Sam Member <${sender}>`,
      to: "Ada Lovelace <ada@acme.example>",
      bcc: capture,
      subject: "Renewal terms",
      text: "Hi Ada, here are the renewal terms.",
      // What reaches the capture listener of a BCC: only its own recipient.
      envelope: { from: sender, to: [capture] },
    });
    expect(info.accepted).toEqual([capture]);
    const tp = (await touchpointsOf(acme.id)).find((x) => x.title === "Renewal terms");
    expect(tp).toMatchObject({
      channel: "email",
      source: "email",
      function: "customer_success",
      employeeId: ws.users.member.id,
      qualityRating: null,
      experienceRating: null,
    });
    expect(tp?.players).toEqual([{ contactId: ada.id, name: "Ada Lovelace" }]);
  });

  it("makes a forwarded customer email a touchpoint of the forwarded message's people and date", async () => {
    await send({
      from: sender,
      to: capture,
      subject: "Fwd: Outage follow-up",
      text: [
        "For the record.",
        "",
        "---------- Forwarded message ---------",
        "From: Grace Hopper <grace@acme.example>",
        "Date: Tue, 4 Nov 2025 at 16:20",
        "Subject: Outage follow-up",
        `To: Sam Member <${sender}>`,
        "",
        "We would like a post-mortem.",
      ].join("\n"),
    });
    const tp = (await touchpointsOf(acme.id)).find((x) => x.title === "Outage follow-up");
    expect(tp?.occurredAt).toBe("2025-11-04T16:20:00.000Z");
    expect(tp?.players).toEqual([{ contactId: grace.id, name: "Grace Hopper" }]);
    expect(tp?.notes).toContain("We would like a post-mortem.");
  });

  it("leaves mail it cannot place in the review list, unmatched first", async () => {
    await send({
      from: sender,
      to: "Someone <someone@nowhere.example>",
      bcc: capture,
      subject: "Who is this?",
      text: "?",
    });
    await send({
      from: sender,
      to: "ada@acme.example, gus@globex.example",
      bcc: capture,
      subject: "Joint call",
      text: "Both of you",
    });
    const list = await captured();
    expect(list.slice(0, 2).map((e) => [e.subject, e.status])).toEqual([
      ["Joint call", "unmatched"],
      ["Who is this?", "unmatched"],
    ]);
    expect(list.slice(2).every((e) => e.status === "matched")).toBe(true);
    expect(list[1]?.participants).toEqual([
      { address: "someone@nowhere.example", name: "Someone", via: "to", contactId: null, accountId: null },
    ]);
  });

  it("keeps no attachment and no HTML, only the text", async () => {
    await send({
      from: sender,
      to: "ada@acme.example",
      bcc: capture,
      subject: "Contract draft",
      html: "<p>Please find the <b>draft</b> attached.</p>",
      attachments: [
        { filename: "draft.txt", content: "ATTACHED-SECRET-7731 ".repeat(50) },
        { filename: "logo.png", content: Buffer.alloc(2048, 1) },
      ],
    });
    const [kept] = await queryRows<{ row: string }>(
      t.database.db,
      sql`select e::text as row from captured_emails e where subject = 'Contract draft'`,
    );
    expect(kept?.row).toContain("Please find the draft attached.");
    expect(kept?.row).not.toContain("ATTACHED-SECRET");
    expect(kept?.row).not.toContain("<b>");
    expect(kept?.row).not.toContain("draft.txt");
  });

  it("keeps one email once when it comes again", async () => {
    const message = {
      from: sender,
      to: "ada@acme.example",
      bcc: capture,
      subject: "Twice",
      text: "Once only",
    };
    await send({ ...message, messageId: "<twice@mail.test>" });
    await send({ ...message, messageId: "<twice@mail.test>" });
    expect((await touchpointsOf(acme.id)).filter((x) => x.title === "Twice")).toHaveLength(1);
  });

  it("refuses a sender who is not a member, and keeps nothing of it", async () => {
    const code = await refusal(
      send({
        from: "mallory@evil.example",
        to: "ada@acme.example",
        bcc: capture,
        subject: "Phish",
        text: "x",
      }),
    );
    expect(code).toBe(550);
    expect((await captured()).some((e) => e.subject === "Phish")).toBe(false);
  });

  it("refuses every recipient but a known capture address: it relays nothing", async () => {
    for (const to of [
      `capture+${"0".repeat(32)}@${DOMAIN}`,
      `postmaster@${DOMAIN}`,
      capture.replace(DOMAIN, "elsewhere.example"),
      "ada@acme.example",
    ]) {
      const code = await refusal(
        send({ from: sender, to, subject: "Relay?", text: "x", envelope: { from: sender, to } }),
      );
      expect(code, to).toBe(550);
    }
    expect((await captured()).some((e) => e.subject === "Relay?")).toBe(false);
  });

  it("refuses a message over 10 MB", async () => {
    const code = await refusal(
      send({
        from: sender,
        to: capture,
        subject: "Huge",
        text: "big",
        attachments: [{ filename: "big.bin", content: Buffer.alloc(MAX_MESSAGE_BYTES, 7) }],
      }),
    );
    expect(code).toBe(552);
    expect((await captured()).some((e) => e.subject === "Huge")).toBe(false);
  });

  it("defers a sending address over its rate with a temporary failure", async () => {
    const limited = await startListener(2);
    try {
      const codes = [];
      for (let i = 0; i < 3; i++) {
        const message = {
          from: sender,
          to: capture,
          subject: `Burst ${i}`,
          text: "x",
          messageId: `<burst-${i}@t>`,
        };
        codes.push(await refusal(send(message, limited.port)));
      }
      expect(codes).toEqual([undefined, undefined, 421]);
    } finally {
      await limited.close();
    }
  });
});

describe("the review list", () => {
  it("assigns an unmatched email to an account with the contacts present, which makes its touchpoint", async () => {
    const joint = (await captured("unmatched")).find((e) => e.subject === "Joint call") as CapturedEmail;
    const wrong = await t.request(member, "POST", `/api/v1/capture/emails/${joint.id}/assign`, {
      accountId: globex.id,
      contactIds: [ada.id],
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json<{ error: { details: { issues: { path: string }[] } } }>().error.details.issues).toEqual(
      [expect.objectContaining({ path: "contactIds" })],
    );

    const done = await call<CapturedEmail>("POST", `/api/v1/capture/emails/${joint.id}/assign`, {
      accountId: globex.id,
      contactIds: [gus.id],
    });
    expect(done).toMatchObject({ status: "matched", accountId: globex.id, accountName: "Globex" });
    const tp = (await touchpointsOf(globex.id)).find((x) => x.id === done.touchpointId);
    expect(tp).toMatchObject({ title: "Joint call", source: "email", employeeId: ws.users.member.id });
    expect(tp?.players.map((p) => p.contactId)).toEqual([gus.id]);
    const again = await t.request(member, "POST", `/api/v1/capture/emails/${joint.id}/assign`, {
      accountId: acme.id,
    });
    expect(again.statusCode).toBe(409);
  });

  it("dismisses an unmatched email once; a viewer may not", async () => {
    const who = (await captured("unmatched")).find((e) => e.subject === "Who is this?") as CapturedEmail;
    const viewer = await t.signIn(ws.users.viewer.email);
    expect((await t.request(viewer, "POST", `/api/v1/capture/emails/${who.id}/dismiss`)).statusCode).toBe(
      403,
    );
    expect((await call<CapturedEmail>("POST", `/api/v1/capture/emails/${who.id}/dismiss`)).status).toBe(
      "dismissed",
    );
    expect((await t.request(member, "POST", `/api/v1/capture/emails/${who.id}/dismiss`)).statusCode).toBe(
      409,
    );
    expect((await captured("unmatched")).some((e) => e.id === who.id)).toBe(false);
  });

  it("refuses mail to the old address once an admin regenerated it", async () => {
    const admin = await t.signIn(ws.users.admin.email);
    const fresh = await call<CaptureAddress>(
      "POST",
      "/api/v1/capture/address/regenerate",
      undefined,
      200,
      admin,
    );
    expect(fresh.address).not.toBe(capture);
    const old = await refusal(send({ from: sender, to: capture, subject: "Old", text: "x" }));
    expect(old).toBe(550);
    await send({ from: sender, to: fresh.address as string, bcc: undefined, subject: "New", text: "x" });
    expect((await captured()).some((e) => e.subject === "New")).toBe(true);
  });
});
