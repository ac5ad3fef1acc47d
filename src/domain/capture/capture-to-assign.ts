import { AppError, notFound } from "../../common/errors.ts";
import type { TeamFunction } from "../../common/roles.ts";
import type { Ctx } from "../context.ts";
import { findMember } from "../members/index.ts";
import { findCapturedEmail } from "./capture.queries.ts";

/** What assigning an email needs: its text and subject, and its sender while still a member. */
export async function captureToAssign(ctx: Ctx, id: string) {
  const row = await findCapturedEmail(ctx.db, ctx.workspaceId, id);
  if (!row) throw notFound("Captured email");
  if (row.status === "matched") {
    throw new AppError("CONFLICT", "This email is a touchpoint already: open it from its account");
  }
  const sender = row.senderId ? await findMember(ctx.db, ctx.workspaceId, row.senderId) : null;
  return {
    subject: row.subject,
    text: row.textBody,
    sentAt: row.sentAt,
    sender: sender ? { id: sender.userId, function: sender.function as TeamFunction } : null,
  };
}
