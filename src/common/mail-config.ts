import { z } from "zod";

/**
 * Outgoing mail settings, read from the environment by the server, the worker and the CLI.
 * Without `STEWARD_SMTP_URL` nothing is sent: messages wait in the outbox an admin reads in the
 * web app. Links in mail are built only from `STEWARD_PUBLIC_URL`, never from a request's Host.
 */
export const ZMailEnv = z.object({
  STEWARD_SMTP_URL: z
    .string()
    .regex(
      /^smtps?:\/\//,
      "must be an smtp:// or smtps:// URL (e.g. smtp://user:password@mail.example.com:587)",
    )
    .optional(),
  STEWARD_MAIL_FROM: z.string().min(3).default("Steward <steward@localhost>"),
  STEWARD_PUBLIC_URL: z
    .url({ protocol: /^https?$/, message: "must be the http(s) address people open Steward at" })
    .default("http://localhost:3000"),
});

export type MailConfig = { smtpUrl: string | null; from: string; publicUrl: string };

export const mailConfigOf = (env: z.infer<typeof ZMailEnv>): MailConfig => ({
  smtpUrl: env.STEWARD_SMTP_URL ?? null,
  from: env.STEWARD_MAIL_FROM,
  publicUrl: env.STEWARD_PUBLIC_URL.replace(/\/+$/, ""),
});

/** The mail settings of this process's environment (the worker and the CLI read them here). */
export function mailConfigFromEnv(env: NodeJS.ProcessEnv = process.env): MailConfig {
  const parsed = ZMailEnv.safeParse(env);
  if (!parsed.success) throw new Error(`Invalid mail configuration: ${z.prettifyError(parsed.error)}`);
  return mailConfigOf(parsed.data);
}

const blankIsUnset = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

// One or more labels of letters, digits and inner hyphens (IDNs as punycode): `capture.example.com`.
const MAIL_DOMAIN =
  /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/;

/**
 * Steward's own inbound SMTP listener, which turns customer email BCC'd or forwarded to a
 * workspace's capture address into touchpoints (docs/email-capture.md). Off unless
 * `STEWARD_INBOUND_SMTP_PORT` is set; `STEWARD_INBOUND_DOMAIN` is then required. STARTTLS is
 * offered only with both a key and a certificate file.
 */
export const ZInboundMailEnv = z.object({
  STEWARD_INBOUND_SMTP_PORT: z.preprocess(
    blankIsUnset,
    z.coerce
      .number()
      .int("must be a whole port number")
      .min(1, "must be a port from 1 to 65535")
      .max(65535, "must be a port from 1 to 65535")
      .optional(),
  ),
  STEWARD_INBOUND_DOMAIN: z.preprocess(
    blankIsUnset,
    z
      .string()
      .trim()
      .toLowerCase()
      .regex(MAIL_DOMAIN, "must be a mail domain such as capture.example.com, without @ or a path")
      .optional(),
  ),
  STEWARD_INBOUND_TLS_KEY: z.preprocess(blankIsUnset, z.string().optional()),
  STEWARD_INBOUND_TLS_CERT: z.preprocess(blankIsUnset, z.string().optional()),
});
type InboundEnv = z.infer<typeof ZInboundMailEnv>;

/** Settings that make sense only together, as issues for the configuration's error message. */
export function inboundMailProblems(env: InboundEnv): { path: string; message: string }[] {
  const problems: { path: string; message: string }[] = [];
  if (env.STEWARD_INBOUND_SMTP_PORT !== undefined && !env.STEWARD_INBOUND_DOMAIN) {
    problems.push({
      path: "STEWARD_INBOUND_DOMAIN",
      message:
        "is required when STEWARD_INBOUND_SMTP_PORT is set: the domain of the capture addresses " +
        "(capture+<token>@domain), e.g. capture.example.com",
    });
  }
  if (Boolean(env.STEWARD_INBOUND_TLS_KEY) !== Boolean(env.STEWARD_INBOUND_TLS_CERT)) {
    problems.push({
      path: env.STEWARD_INBOUND_TLS_KEY ? "STEWARD_INBOUND_TLS_CERT" : "STEWARD_INBOUND_TLS_KEY",
      message: "STARTTLS needs both STEWARD_INBOUND_TLS_KEY and STEWARD_INBOUND_TLS_CERT (PEM files)",
    });
  }
  return problems;
}

/** The inbound listener's settings; null when it is off (no port set). */
export type InboundMailConfig = {
  port: number;
  domain: string;
  /** PEM files for STARTTLS; null offers none (plain SMTP). */
  tls: { keyFile: string; certFile: string } | null;
} | null;

export const inboundMailConfigOf = (env: InboundEnv): InboundMailConfig =>
  env.STEWARD_INBOUND_SMTP_PORT !== undefined && env.STEWARD_INBOUND_DOMAIN
    ? {
        port: env.STEWARD_INBOUND_SMTP_PORT,
        domain: env.STEWARD_INBOUND_DOMAIN,
        tls:
          env.STEWARD_INBOUND_TLS_KEY && env.STEWARD_INBOUND_TLS_CERT
            ? { keyFile: env.STEWARD_INBOUND_TLS_KEY, certFile: env.STEWARD_INBOUND_TLS_CERT }
            : null,
      }
    : null;
