import net from "node:net";
import path from "node:path";
import { z } from "zod";
import { AppError } from "../common/errors.ts";
import { inboundMailProblems, ZInboundMailEnv, ZMailEnv } from "../common/mail-config.ts";

const bool = z.enum(["true", "false", "1", "0"]).transform((v) => v === "true" || v === "1");

// The names @fastify/proxy-addr knows for address ranges.
const NAMED_RANGES = new Set(["loopback", "linklocal", "uniquelocal"]);

/** An address, a CIDR (`10.0.0.0/8`, `fd00::/8`) or a range name Fastify's `trustProxy` accepts. */
function isProxyAddress(entry: string): boolean {
  if (NAMED_RANGES.has(entry)) return true;
  const [address = "", prefix, extra] = entry.split("/");
  const family = net.isIP(address);
  if (!family || extra !== undefined) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
}

/**
 * Which proxies in front of Steward are trusted to say who the client is (X-Forwarded-For):
 * `false` none; a hop count (`true` is one hop) trusts that many proxies nearest to Steward; a list
 * trusts exactly those addresses. The client is the right-most untrusted address, so a client
 * cannot choose its own address by sending X-Forwarded-For (which the left-most would allow).
 */
export type TrustProxy = false | { hops: number } | { addresses: string[] };

const ZTrustProxy = z
  .string()
  .trim()
  .transform((value, ctx): TrustProxy => {
    if (value === "" || value === "false" || value === "0") return false;
    if (value === "true") return { hops: 1 };
    if (/^\d+$/.test(value)) {
      const hops = Number(value);
      if (hops <= 100) return { hops };
    }
    const addresses = value.split(",").map((a) => a.trim());
    const wrong = addresses.filter((a) => !isProxyAddress(a));
    if (wrong.length === 0) return { addresses };
    ctx.addIssue({
      code: "custom",
      message:
        `"${value}" is not \`true\`, \`false\`, a hop count (0 to 100) or a comma-separated list of ` +
        `addresses and CIDRs (e.g. 10.0.0.1,10.1.0.0/16); not an address: ${wrong.map((w) => `"${w}"`).join(", ")}`,
    });
    return z.NEVER;
  });

/** Every setting Steward reads from the environment; the README's configuration table mirrors this. */
export const ZConfig = z
  .object({
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    HOST: z.string().default("0.0.0.0"),
    DATABASE_URL: z.string().startsWith("postgres", "must be a postgres:// URL").optional(),
    /** Connections each process keeps to PostgreSQL. */
    DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
    STEWARD_DATA_DIR: z.string().default(".steward"),
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
    SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).default(60),
    SESSION_ABSOLUTE_HOURS: z.coerce.number().int().min(1).default(12),
    /** `auto`: Secure cookies whenever the request came over HTTPS (directly or via a trusted proxy). */
    COOKIE_SECURE: z.enum(["auto", "true", "false"]).default("auto"),
    TRUST_PROXY: ZTrustProxy.default(false),
    /**
     * The bearer token /metrics asks for when HOST is beyond loopback (without one, /metrics is
     * refused there); on 127.0.0.1, ::1 or localhost /metrics is open.
     */
    STEWARD_METRICS_TOKEN: z
      .string()
      .min(16, "must be at least 16 characters (e.g. `openssl rand -hex 32`)")
      .regex(/^\S+$/, "must not contain spaces")
      .optional(),
    /** Requests per minute per API key, session or address. */
    API_RATE_LIMIT: z.coerce.number().int().min(1).default(1200),
    /** Sign-in attempts per minute per email, whatever the address (five times as many per address). */
    LOGIN_RATE_LIMIT: z.coerce.number().int().min(1).default(10),
    /** Load the demo workspace into an empty database at start. */
    STEWARD_DEMO: bool.default(true),
    /** Run the job runner inside `steward serve`; `false` when separate `steward worker` processes do. */
    STEWARD_WORKER: bool.default(true),
    ...ZMailEnv.shape,
    ...ZInboundMailEnv.shape,
  })
  .superRefine((env, ctx) => {
    for (const p of inboundMailProblems(env))
      ctx.addIssue({ code: "custom", path: [p.path], message: p.message });
    if (env.STEWARD_INBOUND_SMTP_PORT !== undefined && env.STEWARD_INBOUND_SMTP_PORT === env.PORT) {
      ctx.addIssue({
        code: "custom",
        path: ["STEWARD_INBOUND_SMTP_PORT"],
        message: "must differ from PORT (the HTTP port)",
      });
    }
  });
export type Config = z.infer<typeof ZConfig>;

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = ZConfig.safeParse(env);
  if (!parsed.success) {
    throw new AppError("VALIDATION_FAILED", `Invalid configuration: ${z.prettifyError(parsed.error)}`);
  }
  return { ...parsed.data, STEWARD_DATA_DIR: path.resolve(parsed.data.STEWARD_DATA_DIR) };
}

export const databaseOptions = (config: Config) =>
  config.DATABASE_URL
    ? ({ kind: "postgres", url: config.DATABASE_URL, poolSize: config.DATABASE_POOL_SIZE } as const)
    : ({ kind: "pglite", dataDir: config.STEWARD_DATA_DIR } as const);
