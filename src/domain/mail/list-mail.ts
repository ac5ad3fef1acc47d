import { notFound } from "../../common/errors.ts";
import type { MailMessage } from "../../contract/mail.ts";
import type { Ctx } from "../context.ts";
import { findMessage, type MessageRow, pageMessages } from "./mail.queries.ts";

const toMessage = (
  r: Omit<MessageRow, "textBody" | "htmlBody"> & Partial<Pick<MessageRow, "textBody" | "htmlBody">>,
): MailMessage => ({
  id: r.id,
  purpose: r.purpose,
  subjectId: r.subjectId,
  toAddress: r.toAddress,
  toName: r.toName,
  subject: r.subject,
  status: r.status as MailMessage["status"],
  attempts: r.attempts,
  error: r.error,
  messageId: r.messageId,
  createdAt: r.createdAt.toISOString(),
  sentAt: r.sentAt?.toISOString() ?? null,
  textBody: r.textBody ?? null,
  htmlBody: r.htmlBody ?? null,
});

/** The workspace's mail, newest first: what was sent, what failed, and what waits in the outbox. */
export async function listMail(ctx: Ctx, query: { limit: number; cursor?: string; status?: string[] }) {
  const page = await pageMessages(ctx.db, ctx.workspaceId, query);
  return { data: page.data.map((r) => toMessage(r)), nextCursor: page.nextCursor };
}

/** One message; a held one with its body (sent messages keep none). */
export async function getMail(ctx: Ctx, id: string): Promise<MailMessage> {
  const row = await findMessage(ctx.db, ctx.workspaceId, id);
  if (!row) throw notFound("Message");
  return toMessage(row);
}
