import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  makeAccount,
  makeContact,
  makeWorkspace,
  type TestWorkspace,
} from "../../../tests/factories/index.ts";
import { createTestDb } from "../../../tests/helpers/test-db.ts";
import type { InboundMail } from "../../contract/capture.ts";
import type { Database } from "../../db/index.ts";
import {
  dismissCapturedEmail,
  findCapturedEmails,
  getCaptureAddress,
  regenerateCaptureAddress,
  resolveCaptureToken,
} from "../capture/index.ts";
import { listChanges } from "../events/index.ts";
import { getTouchpoint } from "../journey/index.ts";
import { listTimeline } from "../timeline/index.ts";
import { assignCapturedEmail, captureEmail } from "./index.ts";

/** Email capture's domain: matching, the touchpoint it makes, the review list and its address. */
const DOMAIN = "capture.test";
let database: Database;
let ws: TestWorkspace;
let sales: { id: string; email: string };
let acme: { id: string };
let ada: { id: string };
let n = 0;

const mail = (over: Partial<InboundMail>): InboundMail => ({
  envelopeFrom: null,
  messageId: `<m${++n}@mail.test>`,
  date: new Date("2026-01-05T09:00:00Z"),
  from: [{ address: sales.email, name: "Sam Sales" }],
  to: [],
  cc: [],
  replyTo: [],
  subject: "Hello",
  text: "Hi there",
  ...over,
});

beforeAll(async () => {
  database = await createTestDb();
  ws = await makeWorkspace(database.db);
  const member = await ws.addUser("member", "sales");
  sales = { id: member.member.userId, email: member.email };
  acme = await makeAccount(ws.ctx, { name: "Acme", domain: "acme.example" });
  ada = await makeContact(ws.ctx, acme.id, {
    firstName: "Ada",
    lastName: "Lovelace",
    email: "Ada@Acme.example",
  });
});

afterAll(async () => {
  await database?.close();
});

describe("captureEmail", () => {
  it("makes a BCC'd email to a contact an email touchpoint of the sender, with the contact present", async () => {
    const out = await captureEmail(
      ws.system,
      mail({ to: [{ address: "ada@acme.example", name: "Ada" }], subject: "Re: Renewal terms" }),
      { captureDomain: DOMAIN },
    );
    expect(out).toMatchObject({ status: "matched", accountId: acme.id });
    const tp = await getTouchpoint(ws.ctx, out.touchpointId as string);
    expect(tp).toMatchObject({
      channel: "email",
      source: "email",
      function: "sales",
      employeeId: sales.id,
      title: "Renewal terms",
      occurredAt: "2026-01-05T09:00:00.000Z",
      qualityRating: null,
      players: [{ contactId: ada.id, name: "Ada Lovelace" }],
    });
    expect(tp.notes).toBe("Renewal terms\n\nHi there");
    const timeline = await listTimeline(ws.ctx, acme.id, { limit: 10 });
    expect(timeline.data.some((e) => e.title === "Email: Renewal terms")).toBe(true);
    const changes = await listChanges(ws.ctx, { limit: 1000 });
    expect(changes.data.map((e) => e.type)).toEqual(
      expect.arrayContaining(["touchpoint.created", "captured_email.received"]),
    );
  });

  it("matches by the account's domain, a parent domain too, when no contact has the address", async () => {
    const out = await captureEmail(
      ws.system,
      mail({ cc: [{ address: "ops@eu.acme.example", name: null }] }),
      {
        captureDomain: DOMAIN,
      },
    );
    expect(out).toMatchObject({ status: "matched", accountId: acme.id });
    expect((await getTouchpoint(ws.ctx, out.touchpointId as string)).players).toEqual([]);
  });

  it("reads a forwarded email's participants and date from its quoted header block", async () => {
    const text = `FYI\n\n---------- Forwarded message ---------\nFrom: Ada Lovelace <ada@acme.example>\nDate: Mon, 3 Nov 2025 at 14:30\nSubject: Outage\nTo: ${sales.email}\n\nWe had an outage.`;
    const out = await captureEmail(
      ws.system,
      mail({ to: [{ address: `capture+x@${DOMAIN}`, name: null }], subject: "Fwd: Outage", text }),
      { captureDomain: DOMAIN },
    );
    expect(out.status).toBe("matched");
    const tp = await getTouchpoint(ws.ctx, out.touchpointId as string);
    expect(tp).toMatchObject({ title: "Outage", occurredAt: "2025-11-03T14:30:00.000Z" });
    expect(tp.players.map((p) => p.contactId)).toEqual([ada.id]);
  });

  it("keeps one email once: the same Message-ID again is a duplicate", async () => {
    const again = mail({ to: [{ address: "ada@acme.example", name: null }] });
    expect((await captureEmail(ws.system, again, { captureDomain: DOMAIN })).status).toBe("matched");
    expect(await captureEmail(ws.system, again, { captureDomain: DOMAIN })).toEqual({
      status: "duplicate",
      capturedEmailId: null,
      touchpointId: null,
      accountId: null,
    });
  });

  it("refuses mail from anyone but a member who may log touchpoints", async () => {
    const stranger = mail({
      from: [{ address: "mallory@evil.example", name: null }],
      envelopeFrom: "x@evil.example",
    });
    await expect(captureEmail(ws.system, stranger, { captureDomain: DOMAIN })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    const viewer = await ws.addUser("viewer");
    await expect(
      captureEmail(ws.system, mail({ from: [{ address: viewer.email, name: null }] }), {
        captureDomain: DOMAIN,
      }),
    ).rejects.toMatchObject({ code: "FORBIDDEN", message: /Viewers/ });
    // The envelope sender counts too, with a +tag as automatic forwarding writes it.
    const tagged = mail({
      from: [{ address: "ada@acme.example", name: "Ada" }],
      envelopeFrom: sales.email.replace("@", "+caf_x@"),
    });
    expect((await captureEmail(ws.system, tagged, { captureDomain: DOMAIN })).status).toBe("matched");
  });
});

describe("the review list", () => {
  it("holds mail pointing to no account or to several, unmatched first, until it is assigned or dismissed", async () => {
    const other = await makeAccount(ws.ctx, { name: "Globex", domain: "globex.example" });
    const grace = await makeContact(ws.ctx, other.id, { email: "grace@globex.example" });
    const nobody = await captureEmail(
      ws.system,
      mail({ to: [{ address: "who@nowhere.example", name: null }] }),
      {
        captureDomain: DOMAIN,
      },
    );
    const both = await captureEmail(
      ws.system,
      mail({
        to: [
          { address: "ada@acme.example", name: null },
          { address: "grace@globex.example", name: null },
        ],
        subject: "Joint call",
      }),
      { captureDomain: DOMAIN },
    );
    expect([nobody.status, both.status]).toEqual(["unmatched", "unmatched"]);

    const list = await findCapturedEmails(ws.ctx, { limit: 50 });
    const statuses = list.data.map((e) => e.status);
    expect(statuses.slice(0, 2)).toEqual(["unmatched", "unmatched"]);
    expect(statuses.slice(2).every((s) => s === "matched")).toBe(true);
    const joint = list.data.find((e) => e.id === both.capturedEmailId);
    expect(joint?.participants.map((p) => [p.address, p.accountId])).toEqual([
      ["ada@acme.example", acme.id],
      ["grace@globex.example", other.id],
    ]);

    const assigned = await assignCapturedEmail(ws.ctx, both.capturedEmailId as string, {
      accountId: other.id,
      contactIds: [grace.id],
    });
    expect(assigned).toMatchObject({ status: "matched", accountId: other.id, accountName: "Globex" });
    const tp = await getTouchpoint(ws.ctx, assigned.touchpointId as string);
    expect(tp).toMatchObject({
      employeeId: sales.id,
      function: "sales",
      title: "Joint call",
      source: "email",
    });
    expect(tp.players.map((p) => p.contactId)).toEqual([grace.id]);
    await expect(
      assignCapturedEmail(ws.ctx, both.capturedEmailId as string, { accountId: acme.id, contactIds: [] }),
    ).rejects.toMatchObject({ code: "CONFLICT" });

    // Contacts of another account are refused at their field, and nothing is written.
    await expect(
      assignCapturedEmail(ws.ctx, nobody.capturedEmailId as string, {
        accountId: acme.id,
        contactIds: [grace.id],
      }),
    ).rejects.toMatchObject({ code: "VALIDATION_FAILED", details: { issues: [{ path: "contactIds" }] } });

    const dismissed = await dismissCapturedEmail(ws.ctx, nobody.capturedEmailId as string);
    expect(dismissed.status).toBe("dismissed");
    await expect(dismissCapturedEmail(ws.ctx, nobody.capturedEmailId as string)).rejects.toMatchObject({
      code: "CONFLICT",
    });
    const unmatched = await findCapturedEmails(ws.ctx, { limit: 50, status: ["unmatched"] });
    expect(unmatched.data).toEqual([]);
  });
});

describe("the capture address", () => {
  it("is none while the listener is off, made at the first read, and replaced by regenerating", async () => {
    expect(await getCaptureAddress(ws.ctx, null)).toMatchObject({ address: null, enabled: false });
    const first = await getCaptureAddress(ws.ctx, DOMAIN);
    expect(first.address).toMatch(/^capture\+[0-9a-f]{32}@capture\.test$/);
    expect((await getCaptureAddress(ws.ctx, DOMAIN)).address).toBe(first.address);
    const token = (a: string | null) => (a ?? "").slice("capture+".length, "capture+".length + 32);
    expect(await resolveCaptureToken(ws.system.db, token(first.address))).toEqual({
      workspaceId: ws.workspace.id,
    });

    const second = await regenerateCaptureAddress(ws.ctx, DOMAIN);
    expect(second.address).not.toBe(first.address);
    expect(await resolveCaptureToken(ws.system.db, token(first.address))).toBe("revoked");
    expect(await resolveCaptureToken(ws.system.db, token(second.address))).toEqual({
      workspaceId: ws.workspace.id,
    });
    await expect(regenerateCaptureAddress(ws.ctx, null)).rejects.toMatchObject({ code: "CONFLICT" });
  });
});
