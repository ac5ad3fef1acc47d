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
