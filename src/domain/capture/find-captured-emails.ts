import { notFound } from "../../common/errors.ts";
import type { CapturedEmail, CapturedEmailQuery, CaptureStatus } from "../../contract/capture.ts";
import type { Ctx } from "../context.ts";
import { type CapturedEmailRow, findCapturedEmail, pageCapturedEmails } from "./capture.queries.ts";
import { previewOf } from "./capture.rules.ts";

const toCapturedEmail = (r: CapturedEmailRow): CapturedEmail => ({
  id: r.id,
  receivedAt: r.receivedAt.toISOString(),
  senderId: r.senderId,
  senderName: r.senderName,
  from: { address: r.fromAddress, name: r.fromName },
  to: r.toAddresses,
  cc: r.ccAddresses,
  subject: r.subject,
  sentAt: r.sentAt.toISOString(),
  forwarded: r.forwarded,
  preview: previewOf(r.preview),
  participants: r.participants,
  status: r.status as CaptureStatus,
  touchpointId: r.touchpointId,
  accountId: r.accountId,
  accountName: r.accountName,
});

/** Captured email, unmatched first (the review list), newest first. */
export async function findCapturedEmails(ctx: Ctx, query: CapturedEmailQuery) {
  const page = await pageCapturedEmails(ctx.db, ctx.workspaceId, query);
  return { data: page.data.map(toCapturedEmail), nextCursor: page.nextCursor };
}

export async function getCapturedEmail(ctx: Ctx, id: string): Promise<CapturedEmail> {
  const row = await findCapturedEmail(ctx.db, ctx.workspaceId, id);
  if (!row) throw notFound("Captured email");
  return toCapturedEmail(row);
}
