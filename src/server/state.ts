import type { RateLimitOptions } from "@fastify/rate-limit";
import type { Db } from "../db/index.ts";
import type { SessionPolicy } from "../domain/auth/index.ts";
import type { Config } from "./config.ts";

/** What every route needs from the running server. */
export type ServerState = {
  db: Db;
  config: Config;
  sessionPolicy: SessionPolicy;
  apiRateLimit: RateLimitOptions;
  /** Check every answer against the contract (tests turn this on). */
  validateResponses: boolean;
};
