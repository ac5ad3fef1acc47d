import type { MailConfig } from "../../common/mail-config.ts";
import type { Ctx } from "../context.ts";
import { insertMessages, type NewMessage } from "./mail.queries.ts";
import { messageIdFor } from "./mail.rules.ts";

export type Outgoing = Omit<NewMessage, "status" | "messageId">;

/**
 * Queues messages in the caller's transaction: `queued` for delivery when SMTP is configured,
 * otherwise `held` in the outbox for an admin to read. Delivery starts after the commit.
 */
export async function queueMail(
  ctx: Ctx,
  config: MailConfig,
  messages: Outgoing[],
): Promise<"queued" | "held"> {
  const status = config.smtpUrl ? "queued" : "held";
  await insertMessages(
    ctx.db,
    ctx.workspaceId,
    messages.map((m) => ({ ...m, status, messageId: messageIdFor(m.id, config.from) })),
  );
  return status;
}
