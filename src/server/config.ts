import path from "node:path";
import { z } from "zod";
import { AppError } from "../common/errors.ts";

const bool = z.enum(["true", "false", "1", "0"]).transform((v) => v === "true" || v === "1");

/** Every setting Steward reads from the environment; the README's configuration table mirrors this. */
export const ZConfig = z.object({
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
  TRUST_PROXY: bool.default(false),
  /** Requests per minute per API key, session or address. */
  API_RATE_LIMIT: z.coerce.number().int().min(1).default(1200),
  /** Sign-in attempts per minute per address and email. */
  LOGIN_RATE_LIMIT: z.coerce.number().int().min(1).default(10),
  /** Load the demo workspace into an empty database at start. */
  STEWARD_DEMO: bool.default(true),
  /** Run the job runner inside `steward serve`; `false` when separate `steward worker` processes do. */
  STEWARD_WORKER: bool.default(true),
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
