import type { TeamFunction } from "../../common/roles.ts";
import type { TouchpointCreate } from "../../contract/touchpoints.ts";

/** How much of a captured email's text is kept, and how much of it a touchpoint's notes carry. */
export const TEXT_LIMIT = 20_000;
export const NOTES_TEXT_LIMIT = 1_500;
const TITLE_LIMIT = 200;
const SUBJECT_LIMIT = 998;
const PREVIEW_LIMIT = 300;

// Tokens are lower-case so that mail systems which fold an address's case still deliver it.
const CAPTURE = /^capture\+([a-z0-9]{16,64})@([^@\s]+)$/i;

/** The token of a capture address `capture+<token>@<domain>` (any case); null for any other address. */
export function parseCaptureAddress(address: string, domain: string): string | null {
  const m = CAPTURE.exec(address.trim());
  if (!m?.[1] || m[2]?.toLowerCase() !== domain.toLowerCase()) return null;
  return m[1].toLowerCase();
}

export const captureAddressOf = (token: string, domain: string): string => `capture+${token}@${domain}`;

/** Text cut to `limit` characters, never in the middle of a character. */
export function cut(text: string, limit: number): string {
  const chars = Array.from(text.trim());
  return chars.length <= limit ? text.trim() : `${chars.slice(0, limit).join("").trimEnd()}…`;
}

export const subjectOf = (subject: string): string => cut(subject.replace(/\s+/g, " "), SUBJECT_LIMIT);

/** A subject without `Fwd:`, `Fw:`, `Re:` (and their German `WG:`, `AW:`) prefixes, for a title. */
export function cleanSubject(subject: string): string {
  const s = subject
    .replace(/\s+/g, " ")
    .replace(/^(?:\s*(?:fwd?|fw|re|wg|aw)\s*(?:\[\d+\])?\s*:\s*)+/i, "")
    .trim();
  return s || "(no subject)";
}

export const previewOf = (text: string): string => cut(text.replace(/\s+/g, " "), PREVIEW_LIMIT);

// Zone abbreviations mail programs write that JavaScript's date parser does not know.
const ZONES: Record<string, string> = {
  CET: "+0100",
  CEST: "+0200",
  WET: "+0000",
  WEST: "+0100",
  EET: "+0200",
  EEST: "+0300",
  BST: "+0100",
  JST: "+0900",
  AEST: "+1000",
  AEDT: "+1100",
};
const HAS_ZONE = /(?:[+-]\d{2}:?\d{2}|\b(?:GMT|UTC|UT|Z)(?:[+-]\d{1,2}(?::?\d{2})?)?|\b[ECMP][SD]T)$/i;

/**
 * A date as mail programs write it in a forwarded header block ("Mon, 3 Mar 2025 at 10:00",
 * "Monday, March 3, 2025 10:00 AM", "3 March 2025 at 10:00:00 CET"); one without a zone is UTC.
 * Null when it cannot be read (other languages, for one).
 */
export function parseMailDate(text: string): Date | null {
  let s = text
    .replace(/\([^)]*\)\s*$/, "")
    .replace(/\s+at\s+/i, " ")
    .replace(/^[A-Za-z]+,\s*/, "")
    .replace(/\s+/g, " ")
    .trim();
  if (!s) return null;
  s = s.replace(/\b([A-Z]{3,4})$/, (z) => ZONES[z] ?? z);
  if (!HAS_ZONE.test(s)) s = `${s} UTC`;
  const d = new Date(s);
  return Number.isNaN(d.getTime()) ? null : d;
}

const EARLIEST = Date.UTC(1990, 0, 1);
const DAY_MS = 86_400_000;

/**
 * When the email happened: the forwarded message's date when it was forwarded and that date can be
 * read, else the Date header, else when it arrived. A date before 1990 or more than a day after it
 * arrived (touchpoints refuse those) is not believed.
 */
export function emailDate(dates: { forwarded: string | null; header: Date | null; receivedAt: Date }): Date {
  const plausible = (d: Date | null): d is Date =>
    d !== null && d.getTime() >= EARLIEST && d.getTime() <= dates.receivedAt.getTime() + DAY_MS;
  const forwarded = dates.forwarded ? parseMailDate(dates.forwarded) : null;
  if (plausible(forwarded)) return forwarded;
  if (plausible(dates.header)) return dates.header;
  return dates.receivedAt;
}

/** What a captured email becomes when it goes to an account: an email touchpoint, not rated. */
export function touchpointOf(email: {
  accountId: string;
  contactIds: string[];
  /** Who had it; null leaves the touchpoint's defaults (the person logging it). */
  employee: { id: string; function: TeamFunction } | null;
  subject: string;
  text: string;
  sentAt: Date;
}): Omit<TouchpointCreate, "externalId"> {
  const title = cut(cleanSubject(email.subject), TITLE_LIMIT);
  const text = email.text.trim() ? cut(email.text, NOTES_TEXT_LIMIT) : "";
  return {
    accountId: email.accountId,
    channel: "email",
    ...(email.employee ? { employeeId: email.employee.id, function: email.employee.function } : {}),
    title,
    notes: text ? `${title}\n\n${text}` : title,
    occurredAt: email.sentAt.toISOString(),
    contactIds: email.contactIds,
  };
}
