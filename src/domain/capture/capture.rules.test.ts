import { describe, expect, it } from "vitest";
import {
  captureAddressOf,
  cleanSubject,
  cut,
  emailDate,
  NOTES_TEXT_LIMIT,
  parseCaptureAddress,
  parseMailDate,
  touchpointOf,
} from "./capture.rules.ts";

const TOKEN = "0123456789abcdef0123456789abcdef";

describe("the capture address", () => {
  it("is capture+<token>@domain, the domain and the token in any case", () => {
    expect(captureAddressOf(TOKEN, "capture.example.com")).toBe(`capture+${TOKEN}@capture.example.com`);
    expect(
      parseCaptureAddress(`Capture+${TOKEN.toUpperCase()}@Capture.Example.COM`, "capture.example.com"),
    ).toBe(TOKEN);
  });

  it("is nothing else: another domain, another local part, no token, a short token", () => {
    expect(parseCaptureAddress(`capture+${TOKEN}@other.example.com`, "capture.example.com")).toBeNull();
    expect(
      parseCaptureAddress(`capture+${TOKEN}@capture.example.com.evil`, "capture.example.com"),
    ).toBeNull();
    expect(parseCaptureAddress(`postmaster@capture.example.com`, "capture.example.com")).toBeNull();
    expect(parseCaptureAddress(`capture@capture.example.com`, "capture.example.com")).toBeNull();
    expect(parseCaptureAddress(`capture+abc@capture.example.com`, "capture.example.com")).toBeNull();
    expect(parseCaptureAddress(`x.capture+${TOKEN}@capture.example.com`, "capture.example.com")).toBeNull();
  });
});

describe("dates in forwarded messages", () => {
  it("are read as Gmail, Apple Mail, Outlook and Thunderbird write them; without a zone as UTC", () => {
    expect(parseMailDate("Mon, 3 Mar 2025 at 10:00")?.toISOString()).toBe("2025-03-03T10:00:00.000Z");
    expect(parseMailDate("Mon, Mar 3, 2025 at 10:00 AM")?.toISOString()).toBe("2025-03-03T10:00:00.000Z");
    expect(parseMailDate("3 March 2025 at 10:00:00 CET")?.toISOString()).toBe("2025-03-03T09:00:00.000Z");
    expect(parseMailDate("Monday, March 3, 2025 10:00 AM")?.toISOString()).toBe("2025-03-03T10:00:00.000Z");
    expect(parseMailDate("Mon, 3 Mar 2025 10:00:00 +0100 (CET)")?.toISOString()).toBe(
      "2025-03-03T09:00:00.000Z",
    );
  });

  it("are none when unreadable", () => {
    expect(parseMailDate("Montag, 3. März 2025 um 10:00")).toBeNull();
    expect(parseMailDate("")).toBeNull();
  });

  it("give the forwarded date first, then the Date header, then the arrival; implausible ones are passed over", () => {
    const receivedAt = new Date("2025-03-10T08:00:00Z");
    const header = new Date("2025-03-09T08:00:00Z");
    expect(emailDate({ forwarded: "Mon, 3 Mar 2025 at 10:00", header, receivedAt }).toISOString()).toBe(
      "2025-03-03T10:00:00.000Z",
    );
    expect(emailDate({ forwarded: "gestern", header, receivedAt })).toEqual(header);
    expect(emailDate({ forwarded: null, header: new Date("2025-04-01T00:00:00Z"), receivedAt })).toEqual(
      receivedAt,
    );
    expect(emailDate({ forwarded: "1 Jan 1970 00:00", header: null, receivedAt })).toEqual(receivedAt);
  });
});

describe("subjects and text", () => {
  it("lose their forward and reply prefixes for a title", () => {
    expect(cleanSubject("Fwd: RE: FW:  Renewal   questions")).toBe("Renewal questions");
    expect(cleanSubject("AW: WG: Angebot")).toBe("Angebot");
    expect(cleanSubject("Re[2]: Rollout")).toBe("Rollout");
    expect(cleanSubject("  ")).toBe("(no subject)");
  });

  it("are cut at a limit, never inside a character", () => {
    expect(cut("abcdef", 3)).toBe("abc…");
    expect(cut("😀😀😀", 2)).toBe("😀😀…");
    expect(cut(" short ", 10)).toBe("short");
  });
});

describe("the touchpoint of a captured email", () => {
  it("is an email of the sender, in their function, at the email's date, with its players and the start of its text", () => {
    const tp = touchpointOf({
      accountId: "a1",
      contactIds: ["c1"],
      employee: { id: "u1", function: "sales" },
      subject: "Fwd: Renewal",
      text: "x".repeat(NOTES_TEXT_LIMIT + 100),
      sentAt: new Date("2025-03-03T10:00:00Z"),
    });
    expect(tp).toMatchObject({
      accountId: "a1",
      channel: "email",
      function: "sales",
      employeeId: "u1",
      title: "Renewal",
      occurredAt: "2025-03-03T10:00:00.000Z",
      contactIds: ["c1"],
    });
    expect(tp.notes?.startsWith("Renewal\n\nxxx")).toBe(true);
    expect(tp.notes?.length).toBe("Renewal\n\n".length + NOTES_TEXT_LIMIT + 1);
    expect(tp).not.toHaveProperty("qualityRating");
  });
});
