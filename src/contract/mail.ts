import { z } from "zod";
import { ZId, ZList, ZPage, ZPageQuery, ZTimestamp } from "./common.ts";
import { defineRoute } from "./route.ts";

export const MAIL_STATUSES = ["queued", "held", "sending", "sent", "failed"] as const;

/**
 * An email Steward sent or will send. `held`: no SMTP server is configured, so the message waits
 * in the outbox with its body for an admin to read; a sent message keeps no body (its links are
 * personal credentials).
 */
export const ZMailMessage = z.object({
  id: ZId,
  purpose: z.string(),
  subjectId: ZId.nullable(),
  toAddress: z.string(),
  toName: z.string().nullable(),
  subject: z.string(),
  status: z.enum(MAIL_STATUSES),
  attempts: z.number().int(),
  error: z.string().nullable(),
  messageId: z.string(),
  createdAt: ZTimestamp,
  sentAt: ZTimestamp.nullable(),
  textBody: z.string().nullable(),
  htmlBody: z.string().nullable(),
});
export type MailMessage = z.infer<typeof ZMailMessage>;

export const mailRoutes = {
  listMail: defineRoute({
    method: "GET",
    path: "/api/v1/mail",
    access: "admin",
    tag: "mail",
    summary: "The workspace's email, newest first: sent, failed, and held in the outbox (no SMTP configured)",
    query: z.strictObject({ ...ZPageQuery, status: ZList(z.enum(MAIL_STATUSES)).optional() }),
    response: ZPage(ZMailMessage),
  }),
  getMail: defineRoute({
    method: "GET",
    path: "/api/v1/mail/:messageId",
    access: "admin",
    tag: "mail",
    summary: "One email; a held one with its body",
    params: z.strictObject({ messageId: ZId }),
    response: ZMailMessage,
  }),
};
