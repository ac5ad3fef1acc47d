import nodemailer from "nodemailer";
import type { MailConfig } from "../../common/mail-config.ts";
import type { Db } from "../../db/index.ts";
import { type ClaimedMessage, claimQueued, markFailed, markSent } from "./mail.queries.ts";
import { MAX_ATTEMPTS } from "./mail.rules.ts";

/** Messages taken per round; each round sends them over the pool's connections at once. */
const BATCH = 200;

/**
 * Sends queued mail over SMTP until none is left (of one survey, one workspace, or all on the
 * system path), over a pool of connections. Each message is claimed before sending, so two
 * deliverers never send it twice at once; a failure is retried on the next run, up to three
 * attempts. Without SMTP configured nothing is queued (messages are held), so nothing is sent.
 */
export async function deliverQueuedMail(
  db: Db,
  config: MailConfig,
  scope: { workspaceId?: string; subjectId?: string } = {},
): Promise<{ sent: number; failed: number }> {
  if (!config.smtpUrl) return { sent: 0, failed: 0 };
  const transport = nodemailer.createTransport({
    pool: true,
    url: config.smtpUrl,
    maxConnections: 5,
    maxMessages: 1000,
  });
  let sent = 0;
  let failed = 0;
  try {
    for (;;) {
      const batch = await claimQueued(db, BATCH, scope);
      if (batch.length === 0) break;
      const results = await Promise.allSettled(batch.map((m) => transport.sendMail(toMail(m, config))));
      const ok: ClaimedMessage[] = [];
      for (const [i, r] of results.entries()) {
        const m = batch[i] as ClaimedMessage;
        if (r.status === "fulfilled") ok.push(m);
        else {
          failed++;
          const reason = r.reason instanceof Error ? r.reason.message : String(r.reason);
          await markFailed(db, m, reason, m.attempts >= MAX_ATTEMPTS);
        }
      }
      await markSent(db, ok);
      sent += ok.length;
      // A batch that failed whole (the server is down) waits for the next run rather than spinning.
      if (ok.length === 0) break;
    }
  } finally {
    transport.close();
  }
  return { sent, failed };
}

const toMail = (m: ClaimedMessage, config: MailConfig) => ({
  from: config.from,
  to: m.toName ? { name: m.toName, address: m.toAddress } : m.toAddress,
  subject: m.subject,
  text: m.textBody ?? "",
  ...(m.htmlBody ? { html: m.htmlBody } : {}),
  messageId: m.messageId,
  date: new Date(),
});
