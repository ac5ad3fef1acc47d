import { z } from "zod";
import { ZId, ZList, ZPage, ZPageQuery, ZTimestamp } from "./common.ts";
import { defineRoute } from "./route.ts";

/**
 * Email captured as touchpoints (docs/email-capture.md): Steward's own inbound SMTP listener takes
 * mail BCC'd or forwarded to the workspace's capture address; mail matched to one account becomes
 * a touchpoint, the rest waits in a review list to be assigned or dismissed.
 */

export const CAPTURE_STATUSES = ["matched", "unmatched", "dismissed"] as const;
export type CaptureStatus = (typeof CAPTURE_STATUSES)[number];

export const ZMailAddress = z.object({ address: z.string(), name: z.string().nullable() });

export const ZCapturedParticipant = z.object({
  address: z.string(),
  name: z.string().nullable(),
  /** Where the address was found: a header, or the forwarded message's header block. */
  via: z.enum(["from", "to", "cc", "reply_to", "forwarded"]),
  /** The contact with this address, when exactly one has it. */
  contactId: ZId.nullable(),
  /** The account the address points to (by its contact, else by the account's domain). */
  accountId: ZId.nullable(),
});
export type CapturedParticipant = z.infer<typeof ZCapturedParticipant>;

export const ZCaptureAddress = z.object({
  /** `capture+<token>@<domain>`; null while the listener is off. */
  address: z.string().nullable(),
  enabled: z.boolean(),
  /** Why there is no address, in plain words; null when there is one. */
  reason: z.string().nullable(),
  createdAt: ZTimestamp.nullable(),
});
export type CaptureAddress = z.infer<typeof ZCaptureAddress>;

export const ZCapturedEmail = z.object({
  id: ZId,
  receivedAt: ZTimestamp,
  /** The member who sent or forwarded it. */
  senderId: ZId.nullable(),
  senderName: z.string().nullable(),
  from: ZMailAddress,
  to: z.array(ZMailAddress),
  cc: z.array(ZMailAddress),
  subject: z.string(),
  /** The email's date (the forwarded message's, when forwarded and readable). */
  sentAt: ZTimestamp,
  forwarded: z.boolean(),
  /** The start of its text (the whole text is kept up to 20,000 characters, no attachments). */
  preview: z.string(),
  participants: z.array(ZCapturedParticipant),
  status: z.enum(CAPTURE_STATUSES),
  touchpointId: ZId.nullable(),
  accountId: ZId.nullable(),
  accountName: z.string().nullable(),
});
export type CapturedEmail = z.infer<typeof ZCapturedEmail>;

export const ZCapturedEmailQuery = z.strictObject({
  ...ZPageQuery,
  /** Omitted: every status, unmatched first, newest first within each. */
  status: ZList(z.enum(CAPTURE_STATUSES)).optional(),
});
export type CapturedEmailQuery = z.infer<typeof ZCapturedEmailQuery>;

export const ZCaptureAssign = z.strictObject({
  accountId: ZId,
  /** The account's contacts who were present (its key players at the touchpoint). */
  contactIds: z.array(ZId).max(50, "must name at most 50 key players").default([]),
});
export type CaptureAssign = z.infer<typeof ZCaptureAssign>;

const ZMailList = z
  .array(z.object({ address: z.string().max(320), name: z.string().max(300).nullable() }))
  .max(500);

/**
 * An email as the inbound listener hands it to the domain, parsed (mailparser) and without its
 * attachments; not an HTTP body. Text longer than kept is cut by the domain.
 */
export const ZInboundMail = z.object({
  /** The envelope sender (SMTP MAIL FROM), when there is one. */
  envelopeFrom: z.string().max(320).nullable(),
  messageId: z.string().max(998).nullable(),
  /** The Date header. */
  date: z.date().nullable(),
  from: ZMailList,
  to: ZMailList,
  cc: ZMailList,
  replyTo: ZMailList,
  subject: z.string().max(10_000),
  /** The text part, or the HTML part converted to text. */
  text: z.string(),
});
export type InboundMail = z.infer<typeof ZInboundMail>;

const ZEmailParams = z.strictObject({ emailId: ZId });
const tag = "email capture";

export const captureRoutes = {
  getCaptureAddress: defineRoute({
    method: "GET",
    path: "/api/v1/capture/address",
    access: "read",
    tag,
    summary:
      "The workspace's capture address (BCC or forward customer email to it); null, with the reason, while the inbound listener is off",
    response: ZCaptureAddress,
  }),
  regenerateCaptureAddress: defineRoute({
    method: "POST",
    path: "/api/v1/capture/address/regenerate",
    access: "admin",
    tag,
    summary: "Replace the capture address with a new one; mail to the old one is refused from then on",
    response: ZCaptureAddress,
  }),
  listCapturedEmails: defineRoute({
    method: "GET",
    path: "/api/v1/capture/emails",
    access: "read",
    tag,
    summary: "Captured email, unmatched (the review list) first, newest first; filter by status",
    query: ZCapturedEmailQuery,
    response: ZPage(ZCapturedEmail),
  }),
  assignCapturedEmail: defineRoute({
    method: "POST",
    path: "/api/v1/capture/emails/:emailId/assign",
    access: "write",
    tag,
    summary:
      "Make an unmatched (or dismissed) captured email a touchpoint of an account, with the contacts who were present",
    params: ZEmailParams,
    body: ZCaptureAssign,
    response: ZCapturedEmail,
  }),
  dismissCapturedEmail: defineRoute({
    method: "POST",
    path: "/api/v1/capture/emails/:emailId/dismiss",
    access: "write",
    tag,
    summary: "Take an unmatched captured email off the review list without making a touchpoint",
    params: ZEmailParams,
    response: ZCapturedEmail,
  }),
} as const;
