import { sql } from "drizzle-orm";
import nodemailer, { type SendMailOptions } from "nodemailer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "../../src/db/index.ts";
import { findCapturedEmails, getCaptureAddress } from "../../src/domain/capture/index.ts";
import { createDispatcher } from "../../src/domain/events/index.ts";
import { findTouchpoints } from "../../src/domain/journey/index.ts";
import { domainConsumers } from "../../src/domain/workflows/index.ts";
import { type InboundSmtp, MAX_MESSAGE_BYTES, startInboundSmtp } from "../../src/server/inbound-smtp.ts";
import { makeAccount, makeContact, makeWorkspace, type TestWorkspace } from "../factories/index.ts";
import { createTestDb } from "../helpers/test-db.ts";

/**
 * The inbound SMTP listener end to end over real SMTP (nodemailer to smtp-server) on a real
 * database: customer email BCC'd or forwarded to the capture address becomes a touchpoint with its
 * key players, unmatched mail waits for review, and everything else is refused.
 */
const DOMAIN = "capture.test";
const quiet = { info() {}, warn() {}, error() {} };
let database: Awaited<ReturnType<typeof createTestDb>>;
let ws: TestWorkspace;
let listener: InboundSmtp;
let capture: string;
let sales: string;
let acme: { id: string };
let ada: { id: string };
let grace: { id: string };

const send = (message: SendMailOptions, port = listener.port) =>
  nodemailer.createTransport({ host: "127.0.0.1", port, secure: false, ignoreTLS: true }).sendMail(message);

/** The refusal's SMTP reply code. */
const refusal = async (sending: Promise<unknown>): Promise<number | undefined> => {
  try {
    await sending;
    return undefined;
  } catch (e) {
    return (e as { responseCode?: number }).responseCode;
  }
};

const touchpointsOf = async (accountId: string) =>
  (await findTouchpoints(ws.ctx, { accountId, limit: 50 })).data;

beforeAll(async () => {
  database = await createTestDb();
  ws = await makeWorkspace(database.db);
  sales = (await ws.addUser("member", "sales")).email;
  acme = await makeAccount(ws.ctx, { name: "Acme", domain: "acme.example" });
  ada = await makeContact(ws.ctx, acme.id, {
    firstName: "Ada",
    lastName: "Lovelace",
    email: "ada@acme.example",
  });
  grace = await makeContact(ws.ctx, acme.id, {
    firstName: "Grace",
    lastName: "Hopper",
    email: "grace@acme.example",
  });
  capture = (await getCaptureAddress(ws.ctx, DOMAIN)).address as string;
  listener = await startInboundSmtp({
    db: database.db,
    dispatcher: createDispatcher(database.db, domainConsumers),
    config: { port: 0, domain: DOMAIN, tls: null },
    host: "127.0.0.1",
    log: quiet,
  });
});

afterAll(async () => {
  await listener?.close();
  await database?.close();
});

describe("the inbound SMTP listener", () => {
  it("makes a customer email BCC'd to the capture address a touchpoint with its key player", async () => {
    const subject = `Renewal terms ${Date.now()}`;
    const info = await send({
      from: `Sam Sales <${sales}>`,
      to: "Ada Lovelace <ada@acme.example>",
      bcc: capture,
      subject,
      text: "Hi Ada, here are the renewal terms.",
      // What reaches the capture listener of a BCC: only its own recipient.
      envelope: { from: sales, to: [capture] },
    });
    expect(info.accepted).toEqual([capture]);
    const tp = (await touchpointsOf(acme.id)).find((t) => t.title === subject);
    expect(tp).toMatchObject({ channel: "email", source: "email", function: "sales", qualityRating: null });
    expect(tp?.players).toEqual([{ contactId: ada.id, name: "Ada Lovelace" }]);
  });

  it("makes a forwarded customer email a touchpoint of the forwarded message's people and date", async () => {
    await send({
      from: sales,
      to: capture,
      subject: "Fwd: Outage follow-up",
      text: [
        "For the record.",
        "",
        "---------- Forwarded message ---------",
        "From: Grace Hopper <grace@acme.example>",
        "Date: Tue, 4 Nov 2025 at 16:20",
        "Subject: Outage follow-up",
        `To: Sam Sales <${sales}>`,
        "",
        "We would like a post-mortem.",
      ].join("\n"),
    });
    const tp = (await touchpointsOf(acme.id)).find((t) => t.title === "Outage follow-up");
    expect(tp?.occurredAt).toBe("2025-11-04T16:20:00.000Z");
    expect(tp?.players).toEqual([{ contactId: grace.id, name: "Grace Hopper" }]);
    expect(tp?.notes).toContain("We would like a post-mortem.");
  });

  it("leaves mail it cannot place in the review list", async () => {
    await send({
      from: sales,
      to: "Someone <someone@nowhere.example>",
      bcc: capture,
      subject: "Who is this?",
      text: "?",
    });
    const review = await findCapturedEmails(ws.ctx, { limit: 50, status: ["unmatched"] });
    expect(review.data.find((e) => e.subject === "Who is this?")?.participants).toEqual([
      { address: "someone@nowhere.example", name: "Someone", via: "to", contactId: null, accountId: null },
    ]);
  });

  it("keeps no attachment and no HTML, only the text", async () => {
    await send({
      from: sales,
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
      database.db,
      sql`select e::text as row from captured_emails e where subject = 'Contract draft'`,
    );
    expect(kept?.row).toContain("Please find the draft attached.");
    expect(kept?.row).not.toContain("ATTACHED-SECRET");
    expect(kept?.row).not.toContain("<b>");
    expect(kept?.row).not.toContain("draft.txt");
  });

  it("keeps one email once when it comes again", async () => {
    const message = {
      from: sales,
      to: "ada@acme.example",
      bcc: capture,
      subject: "Twice",
      text: "Once only",
    };
    await send({ ...message, messageId: "<twice@mail.test>" });
    await send({ ...message, messageId: "<twice@mail.test>" });
    expect((await touchpointsOf(acme.id)).filter((t) => t.title === "Twice")).toHaveLength(1);
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
    expect((await findCapturedEmails(ws.ctx, { limit: 50 })).data.some((e) => e.subject === "Phish")).toBe(
      false,
    );
  });

  it("refuses every recipient but a known capture address: it relays nothing", async () => {
    const token = "0".repeat(32);
    for (const to of [
      `capture+${token}@${DOMAIN}`,
      `postmaster@${DOMAIN}`,
      capture.replace(DOMAIN, "elsewhere.example"),
      "ada@acme.example",
    ]) {
      const code = await refusal(
        send({ from: sales, to, subject: "Relay?", text: "x", envelope: { from: sales, to } }),
      );
      expect(code, to).toBe(550);
    }
  });

  it("refuses a message over 10 MB", async () => {
    const code = await refusal(
      send({
        from: sales,
        to: capture,
        subject: "Huge",
        text: "big",
        attachments: [{ filename: "big.bin", content: Buffer.alloc(MAX_MESSAGE_BYTES, 7) }],
      }),
    );
    expect(code).toBe(552);
    expect((await findCapturedEmails(ws.ctx, { limit: 50 })).data.some((e) => e.subject === "Huge")).toBe(
      false,
    );
  });

  it("defers a sending address over its rate with a temporary failure", async () => {
    const limited = await startInboundSmtp({
      db: database.db,
      dispatcher: createDispatcher(database.db, domainConsumers),
      config: { port: 0, domain: DOMAIN, tls: null },
      host: "127.0.0.1",
      log: quiet,
      perMinute: 2,
    });
    try {
      const codes = [];
      for (let i = 0; i < 3; i++) {
        codes.push(
          await refusal(
            send(
              { from: sales, to: capture, subject: `Burst ${i}`, text: "x", messageId: `<burst-${i}@t>` },
              limited.port,
            ),
          ),
        );
      }
      expect(codes).toEqual([undefined, undefined, 421]);
    } finally {
      await limited.close();
    }
  });
});
