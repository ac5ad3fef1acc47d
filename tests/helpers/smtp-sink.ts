import type { AddressInfo } from "node:net";
import { type ParsedMail, simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";

/** A real SMTP server in the test's process that keeps every message it receives, parsed. */
export type SmtpSink = {
  url: string;
  messages: ParsedMail[];
  /** Resolves when `count` messages have arrived (or rejects after `timeoutMs`). */
  waitFor(count: number, timeoutMs?: number): Promise<ParsedMail[]>;
  close(): Promise<void>;
};

export async function startSmtpSink(options: { parse?: boolean } = {}): Promise<SmtpSink> {
  const messages: ParsedMail[] = [];
  let received = 0;
  const parse = options.parse ?? true;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, _session, done) {
      if (!parse) {
        stream.on("data", () => {});
        stream.on("end", () => {
          received++;
          done();
        });
        return;
      }
      simpleParser(stream).then(
        (mail) => {
          messages.push(mail);
          received++;
          done();
        },
        (err: Error) => done(err),
      );
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    async waitFor(count, timeoutMs = 15_000) {
      const until = Date.now() + timeoutMs;
      while (received < count) {
        if (Date.now() > until) throw new Error(`expected ${count} messages, got ${received}`);
        await new Promise((r) => setTimeout(r, 25));
      }
      return messages;
    },
    get received() {
      return received;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  } as SmtpSink & { received: number };
}
