import { AppError, notFound } from "../../common/errors.ts";
import type { TeamFunction } from "../../common/roles.ts";
import type { Ctx } from "../context.ts";
import { findCapturedEmail, memberAddresses } from "./capture.queries.ts";

/** What assigning an email needs: its text and subject, and its sender while still a member. */
export async function captureToAssign(ctx: Ctx, id: string) {
  const row = await findCapturedEmail(ctx.db, ctx.workspaceId, id);
  if (!row) throw notFound("Captured email");
  if (row.status === "matched") {
    throw new AppError("CONFLICT", "This email is a touchpoint already: open it from its account");
  }
  const sender = (await memberAddresses(ctx.db, ctx.workspaceId)).find((m) => m.userId === row.senderId);
  return {
    subject: row.subject,
    text: row.textBody,
    sentAt: row.sentAt,
    sender: sender ? { id: sender.userId, function: sender.function as TeamFunction } : null,
  };
}
