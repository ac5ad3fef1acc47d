import type { FastifyInstance, preHandlerAsyncHookHandler } from "fastify";
import type { Db } from "../db/index.ts";
import type { SessionPolicy } from "../domain/auth/index.ts";
import type { DemoLoadTracker } from "../domain/demo/index.ts";
import type { Dispatcher } from "../domain/events/index.ts";
import type { Config } from "./config.ts";

/** What every route needs from the running server. */
export type ServerState = {
  db: Db;
  /** Delivers domain events to their consumers; a request that wrote events waits for them. */
  dispatcher: Dispatcher;
  config: Config;
  sessionPolicy: SessionPolicy;
  /** Enforces API_RATE_LIMIT with one counter per caller across all routes (a hook shared by them). */
  apiRateLimiter: preHandlerAsyncHookHandler;
  /** Counts sign-in attempts per address (a check, not a hook: a request runs one limiter hook at most). */
  loginAddressLimit: ReturnType<FastifyInstance["createRateLimit"]>;
  /** Check every answer against the contract (tests turn this on). */
  validateResponses: boolean;
  /** The demo load this process runs in the background, if any (the setup status reports it). */
  demoLoad?: DemoLoadTracker;
};
