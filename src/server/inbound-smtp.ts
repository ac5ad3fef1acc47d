import fs from "node:fs";
import type { AddressInfo } from "node:net";
import { type AddressObject, type ParsedMail, simpleParser } from "mailparser";
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from "smtp-server";
import { isAppError } from "../common/errors.ts";
import type { InboundMailConfig } from "../common/mail-config.ts";
import { type InboundMail, ZInboundMail } from "../contract/index.ts";
import type { Db } from "../db/index.ts";
import { systemDb } from "../db/system.ts";
import { inWorkspace } from "../db/workspace.ts";
import { parseCaptureAddress, resolveCaptureToken } from "../domain/capture/index.ts";
import { type Dispatcher, trackOutbox } from "../domain/events/index.ts";
import { captureEmail } from "../domain/workflows/index.ts";

/** The largest message taken, announced as SIZE in EHLO. */
export const MAX_MESSAGE_BYTES = 10 * 1024 * 1024;
const MAX_RECIPIENTS = 10;

type Log = {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
};

export type InboundSmtpOptions = {
  db: Db;
  /** Settles the consumers of what a capture wrote (the touchpoint's rescoring and the rest). */
  dispatcher: Dispatcher;
  config: NonNullable<InboundMailConfig>;
  host: string;
  log: Log;
  /** Messages a minute per sending address and per workspace. */
  perMinute?: number;
};

export type InboundSmtp = { port: number; close(): Promise<void> };

/** An SMTP reply: `code` is the reply code the client gets, `message` its text. */
const reply = (code: number, message: string) => Object.assign(new Error(message), { responseCode: code });

/** Counts per key in one-minute windows: `take` answers whether one more fits. */
function windowCounter(limit: number, windowMs = 60_000) {
  const counts = new Map<string, { start: number; n: number }>();
  return (key: string, now = Date.now()): boolean => {
    const c = counts.get(key);
    if (!c || now - c.start >= windowMs) {
      if (counts.size > 10_000) for (const [k, v] of counts) if (now - v.start >= windowMs) counts.delete(k);
      counts.set(key, { start: now, n: 1 });
      return true;
    }
    c.n += 1;
    return c.n <= limit;
  };
}

/** The message up to the size limit; null once it is exceeded (the rest is read past, not kept). */
function readMessage(stream: SMTPServerDataStream): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on("data", (chunk: Buffer) => {
      if (!stream.sizeExceeded) chunks.push(chunk);
    });
    stream.on("end", () => resolve(stream.sizeExceeded ? null : Buffer.concat(chunks)));
    stream.on("error", reject);
  });
}

const addresses = (field: AddressObject | AddressObject[] | undefined) =>
  [field ?? []]
    .flat()
    .flatMap((o) => o.value)
    .flatMap((a) => (a.group ? a.group : [a]))
    .flatMap((a) =>
      a.address ? [{ address: a.address.slice(0, 320), name: a.name?.slice(0, 300) || null }] : [],
    )
    .slice(0, 500);

/**
 * HTML as text, by mailparser itself: it converts only a message that is HTML alone, so a message
 * whose HTML part sits beside attachments, without a text part, is given to it that way.
 */
async function htmlAsText(html: string): Promise<string> {
  const alone = await simpleParser(Buffer.from(`Content-Type: text/html; charset=utf-8\r\n\r\n${html}`));
  return alone.text ?? "";
}

/** What the domain gets of a parsed message: headers and text; attachments and HTML stay behind. */
const inboundOf = (mail: ParsedMail, text: string, envelopeFrom: string | null): InboundMail =>
  ZInboundMail.parse({
    envelopeFrom: envelopeFrom?.slice(0, 320) || null,
    messageId: mail.messageId?.slice(0, 998) ?? null,
    date: mail.date && !Number.isNaN(mail.date.getTime()) ? mail.date : null,
    from: addresses(mail.from),
    to: addresses(mail.to),
    cc: addresses(mail.cc),
    replyTo: addresses(mail.replyTo),
    subject: (mail.subject ?? "").slice(0, 10_000),
    text,
  });

/**
 * Steward's own inbound SMTP listener (docs/email-capture.md): takes mail for
 * `capture+<token>@<STEWARD_INBOUND_DOMAIN>` only (anything else 550, never relayed), from the
 * token's workspace's members only, up to 10 MB, 60 messages a minute per sending address and per
 * workspace; parses it without keeping attachments and captures it in a transaction of each
 * workspace it is for, then waits for the consumers of what it wrote, as an API write does.
 */
export async function startInboundSmtp(options: InboundSmtpOptions): Promise<InboundSmtp> {
  const { db, dispatcher, config, log } = options;
  const perMinute = options.perMinute ?? 60;
  const fromAddress = windowCounter(perMinute);
  const toWorkspace = windowCounter(perMinute);
  // Tokens are looked up before any workspace is known: the system path.
  const system = systemDb(db);

  const workspaceOf = async (rcpt: string): Promise<string | Error> => {
    const token = parseCaptureAddress(rcpt, config.domain);
    if (!token)
      return reply(
        550,
        `Relaying denied: this server takes mail only for capture addresses @${config.domain}`,
      );
    const found = await resolveCaptureToken(system, token);
    if (found === null) return reply(550, "No such capture address");
    if (found === "revoked")
      return reply(550, "This capture address was replaced: ask your workspace for the new one");
    return found.workspaceId;
  };

  const capture = async (message: Buffer, session: SMTPServerSession): Promise<string> => {
    let parsed: ParsedMail;
    try {
      parsed = await simpleParser(message, {
        skipImageLinks: true,
        skipTextToHtml: true,
        skipTextLinks: true,
      });
    } catch {
      throw reply(550, "The message could not be read");
    }
    // Attachments were read into memory by the parser; none is kept.
    parsed.attachments = [];
    const text = parsed.text ?? (typeof parsed.html === "string" ? await htmlAsText(parsed.html) : "");
    const mail = inboundOf(
      parsed,
      text,
      session.envelope.mailFrom ? session.envelope.mailFrom.address : null,
    );
    const workspaces = new Set<string>();
    for (const rcpt of session.envelope.rcptTo) {
      const ws = await workspaceOf(rcpt.address);
      if (typeof ws === "string") workspaces.add(ws);
    }
    const outbox = trackOutbox();
    const refused: string[] = [];
    for (const workspaceId of workspaces) {
      try {
        const ctx = { workspaceId, actor: { kind: "system" as const, label: "email capture" }, outbox };
        const out = await inWorkspace(db, workspaceId, (tx) =>
          captureEmail({ ...ctx, db: tx }, mail, { captureDomain: config.domain }),
        );
        log.info({ workspaceId, status: out.status, capturedEmailId: out.capturedEmailId }, "email captured");
      } catch (e) {
        if (!isAppError(e) || e.code !== "FORBIDDEN") throw e;
        refused.push(e.message);
      }
    }
    if (refused.length === workspaces.size) throw reply(550, refused[0] ?? "No such capture address");
    // The touchpoint's consumers run before the answer, as after an API write.
    if (outbox.last) await dispatcher.settle(outbox.last);
    return "Captured";
  };

  const tls = config.tls
    ? { key: fs.readFileSync(config.tls.keyFile), cert: fs.readFileSync(config.tls.certFile) }
    : null;
  const server = new SMTPServer({
    name: config.domain,
    banner: "Steward email capture",
    logger: false,
    authOptional: true,
    // Nobody logs in: the capture token and the sender's membership decide. No TLS without a certificate.
    disabledCommands: tls ? ["AUTH"] : ["AUTH", "STARTTLS"],
    ...(tls ?? {}),
    size: MAX_MESSAGE_BYTES,
    maxClients: 100,
    socketTimeout: 60_000,
    closeTimeout: 5_000,
    onMailFrom(_address, session, callback) {
      if (!fromAddress(session.remoteAddress)) {
        return callback(reply(421, "Too many messages from your address: try again in a minute"));
      }
      callback();
    },
    onRcptTo(address, session, callback) {
      if (session.envelope.rcptTo.length >= MAX_RECIPIENTS) {
        return callback(reply(452, `At most ${MAX_RECIPIENTS} capture addresses per message`));
      }
      workspaceOf(address.address).then(
        (ws) => {
          if (typeof ws !== "string") {
            // Refused recipients count against the address too: guessing tokens is slow.
            fromAddress(session.remoteAddress);
            return callback(ws);
          }
          if (!toWorkspace(ws)) {
            return callback(reply(451, "This workspace receives too many messages: try again in a minute"));
          }
          callback();
        },
        (err: unknown) => {
          log.error({ err }, "inbound SMTP: looking up a capture address failed");
          callback(reply(451, "Temporary failure: try again later"));
        },
      );
    },
    onData(stream, session, callback) {
      readMessage(stream)
        .then((message) => {
          if (message === null) throw reply(552, "The message is larger than the limit of 10 MB");
          return capture(message, session);
        })
        .then(
          (text) => callback(null, text),
          (err: Error & { responseCode?: number }) => {
            if (err.responseCode) return callback(err);
            log.error({ err }, "inbound SMTP: capturing a message failed");
            callback(reply(451, "Temporary failure: try again later"));
          },
        );
    },
  });
  server.on("error", (err: Error) => log.warn({ err }, "inbound SMTP connection error"));
  await new Promise<void>((resolve, reject) => {
    const failed = (err: Error) =>
      reject(new Error(`The inbound SMTP listener could not take port ${config.port}: ${err.message}`));
    server.server.once("error", failed);
    server.listen(config.port, options.host, () => {
      server.server.off("error", failed);
      resolve();
    });
  });
  const { port } = server.server.address() as AddressInfo;
  log.info({ port, domain: config.domain, tls: tls !== null }, "inbound SMTP listener for email capture");
  let closing: Promise<void> | null = null;
  return {
    port,
    close: () => {
      closing ??= new Promise<void>((resolve) => server.close(() => resolve()));
      return closing;
    },
  };
}
