import fs from "node:fs";
import path from "node:path";
import fastifyCookie from "@fastify/cookie";
import fastifyHelmet from "@fastify/helmet";
import fastifyRateLimit, { type RateLimitOptions } from "@fastify/rate-limit";
import fastifyStatic from "@fastify/static";
import fastifySwagger from "@fastify/swagger";
import fastifySwaggerUi from "@fastify/swagger-ui";
import Fastify, { type FastifyInstance, type FastifyReply } from "fastify";
import { jsonSchemaTransform } from "fastify-type-provider-zod";
import { AppError } from "../common/errors.ts";
import { newId } from "../common/ids.ts";
import { type Database, packageRoot } from "../db/index.ts";
import { systemDb } from "../db/system.ts";
import type { DemoLoadTracker } from "../domain/demo/index.ts";
import { createDispatcher } from "../domain/events/index.ts";
import { domainConsumers } from "../domain/workflows/index.ts";
import type { Config, TrustProxy } from "./config.ts";
import { clientErrorHandler, errorHandler } from "./errors.ts";
import { registerMetrics } from "./metrics.ts";
import { callerKeys } from "./principal.ts";
import { registerAccountTeamRoutes, registerTimelineRoutes } from "./routes/account-team.routes.ts";
import { registerAccountRoutes } from "./routes/accounts.routes.ts";
import { registerAdvocacyRoutes } from "./routes/advocacy.routes.ts";
import { registerAuthRoutes } from "./routes/auth.routes.ts";
import { registerCaptureRoutes } from "./routes/capture.routes.ts";
import { registerCharterRoutes } from "./routes/charter.routes.ts";
import { registerChurnRoutes } from "./routes/churn.routes.ts";
import { registerContactRoutes } from "./routes/contacts.routes.ts";
import { registerCoverageRoutes } from "./routes/coverage.routes.ts";
import { registerEventRoutes } from "./routes/events.routes.ts";
import { registerExperienceRoutes } from "./routes/experience.routes.ts";
import { registerHealthRoutes } from "./routes/health.routes.ts";
import { registerImportRoutes } from "./routes/imports.routes.ts";
import { registerIngestRoutes } from "./routes/ingest.routes.ts";
import { registerJobRoutes } from "./routes/jobs.routes.ts";
import { registerOutcomeRoutes } from "./routes/outcomes.routes.ts";
import { registerPlanPages } from "./routes/plan-pages.routes.ts";
import { registerPlanRoutes } from "./routes/plans.routes.ts";
import { registerPlaybookRoutes } from "./routes/playbooks.routes.ts";
import { registerRenewalRoutes } from "./routes/renewals.routes.ts";
import { registerRevenueRoutes } from "./routes/revenue.routes.ts";
import { registerRuleRoutes } from "./routes/rules.routes.ts";
import { registerSegmentRoutes } from "./routes/segments.routes.ts";
import { registerSetupRoutes } from "./routes/setup.routes.ts";
import { registerSourceRoutes } from "./routes/sources.routes.ts";
import { registerStakeholderRoutes } from "./routes/stakeholders.routes.ts";
import { registerSubscriptionRoutes } from "./routes/subscriptions.routes.ts";
import { registerSurveyPages } from "./routes/survey-pages.routes.ts";
import { registerSurveyRoutes } from "./routes/surveys.routes.ts";
import { registerTaskRoutes } from "./routes/tasks.routes.ts";
import { registerTouchpointRoutes } from "./routes/touchpoints.routes.ts";
import { registerUsageRoutes } from "./routes/usage.routes.ts";
import { registerWorkspaceRoutes } from "./routes/workspace.routes.ts";
import type { ServerState } from "./state.ts";

export type AppOptions = {
  database: Database;
  config: Config;
  /** Check every answer against the contract (tests). */
  validateResponses?: boolean;
  /** Where the built web app lives; defaults to dist/web in the repository. */
  webDir?: string;
  version?: string;
  /** Deliver domain events in the background too, not only after each request (the real server). */
  pollEvents?: boolean;
  /**
   * Registers routes of the caller's own with the server's state (benchmarks: the same read on
   * the system path, to measure what row-level security costs).
   */
  extraRoutes?: (app: FastifyInstance, state: ServerState) => void;
  /** The demo load running in the background, reported by the setup status. */
  demoLoad?: DemoLoadTracker;
};

/**
 * Fastify's form of TRUST_PROXY. A hop count is given as a function: Fastify 5.12 takes a bare
 * number as "trust nothing", while a function trusting the first n hops gives the documented count
 * (and never `true`, which trusts every hop and so the client's own left-most X-Forwarded-For).
 */
function trustProxyOption(trust: TrustProxy): false | string[] | ((address: string, hop: number) => boolean) {
  if (trust === false) return false;
  if ("addresses" in trust) return trust.addresses;
  const { hops } = trust;
  return hops === 0 ? false : (_address, hop) => hop < hops;
}

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const { database, config } = options;
  const app = Fastify({
    logger:
      config.LOG_LEVEL === "silent"
        ? false
        : {
            level: config.LOG_LEVEL,
            redact: ["req.headers.authorization", "req.headers.cookie", "res.headers['set-cookie']"],
          },
    genReqId: (req) => {
      const given = req.headers["x-request-id"];
      return typeof given === "string" && /^[\w.-]{1,100}$/.test(given) ? given : newId();
    },
    requestIdHeader: false,
    trustProxy: trustProxyOption(config.TRUST_PROXY),
    forceCloseConnections: "idle",
    bodyLimit: 1024 * 1024,
    routerOptions: { ignoreTrailingSlash: true },
    // Requests Node's parser refuses never reach Fastify; they answer in our envelope too.
    clientErrorHandler,
    // A missing Host header is refused by the hook below (in our envelope), not by Node.
    http: { requireHostHeader: false },
    // Errors Fastify raises before routing (e.g. a malformed URL) answer in our envelope too.
    frameworkErrors: (error, _req, reply) => {
      (reply as unknown as FastifyReply)
        .code(400)
        .send({ error: { code: "BAD_REQUEST", message: error.message } });
    },
  });
  // Validation happens in `handle` (after authentication) with the contract's zod schemas; the
  // schemas given to Fastify feed the OpenAPI document only.
  app.setValidatorCompiler(() => (data) => ({ value: data }));
  app.setSerializerCompiler(() => (data) => JSON.stringify(data));
  app.setErrorHandler(errorHandler);
  // Every API body is JSON: anything else, including the text/plain a cross-site form can send, is a 415.
  app.removeContentTypeParser("text/plain");
  app.addHook("onRequest", async (req) => {
    if (req.raw.httpVersion === "1.1" && !req.headers.host) {
      throw new AppError("BAD_REQUEST", "An HTTP/1.1 request needs a Host header");
    }
  });
  app.addHook("onSend", async (req, reply) => {
    reply.header("x-request-id", req.id);
  });

  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", "data:"],
        connectSrc: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
  });
  await app.register(fastifyCookie);
  await app.register(fastifyRateLimit, {
    global: false,
    errorResponseBuilder: (_req, context) => ({
      statusCode: 429,
      code: "RATE_LIMITED",
      message: `Too many requests: the limit is ${context.max} per minute; retry in ${Math.ceil(context.ttl / 1000)} s`,
    }),
  });
  const apiRateLimit: RateLimitOptions = {
    max: config.API_RATE_LIMIT,
    timeWindow: 60_000,
    // Counted per identified caller (see `handle`): header spellings or made-up cookies cannot
    // open fresh buckets, because only a verified key or session gets its own.
    keyGenerator: (req) => callerKeys.get(req) ?? `ip:${req.ip}`,
  };
  // Delivery spans workspaces: the system path.
  const dispatcher = createDispatcher(systemDb(database.db), domainConsumers, {
    onError: (err, consumer) => app.log.error({ err, consumer }, "an event consumer failed"),
  });
  // Requests in flight finish (and settle their events) before this runs; the poller stops here.
  app.addHook("onClose", () => dispatcher.stop());
  // The running server also delivers what other processes wrote, and what a crash left undelivered.
  if (options.pollEvents) app.addHook("onReady", async () => dispatcher.start());
  const state: ServerState = {
    db: database.db,
    dispatcher,
    config,
    sessionPolicy: { idleMinutes: config.SESSION_IDLE_MINUTES, absoluteHours: config.SESSION_ABSOLUTE_HOURS },
    // One limiter (one counter store) for every API route: the limit is per caller, not per route.
    apiRateLimiter: app.rateLimit(apiRateLimit),
    // Sign-in attempts per address whatever the email, on top of the per-address-and-email limit.
    loginAddressLimit: app.createRateLimit({
      max: config.LOGIN_RATE_LIMIT * 5,
      timeWindow: 60_000,
      keyGenerator: (req) => `login-ip:${req.ip}`,
    }),
    validateResponses: options.validateResponses ?? false,
    ...(options.demoLoad ? { demoLoad: options.demoLoad } : {}),
  };

  await app.register(fastifySwagger, {
    openapi: {
      openapi: "3.1.0",
      info: {
        title: "Steward API",
        description:
          "The customer success platform's REST API. Authenticate with `Authorization: Bearer <api key>` " +
          "or, from the web app, the session cookie plus the `X-CSRF-Token` header on writes.",
        version: options.version ?? "0.1.0",
      },
      components: {
        securitySchemes: {
          apiKey: {
            type: "http",
            scheme: "bearer",
            description: "An API key created in Settings → API keys",
          },
          session: { type: "apiKey", in: "cookie", name: "steward_session" },
        },
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: "/api/docs", staticCSP: true });

  registerMetrics(app, config);
  app.get("/healthz", { schema: { hide: true } }, async () => ({ status: "ok" }));
  app.get("/readyz", { schema: { hide: true } }, async (_req, reply) => {
    try {
      await database.ping();
      return { status: "ready", database: database.kind };
    } catch {
      reply.header("retry-after", "5");
      return reply
        .code(503)
        .send({ error: { code: "DATABASE_UNAVAILABLE", message: "The database is unreachable" } });
    }
  });
  app.get("/api/v1/openapi.json", { schema: { hide: true } }, async () => app.swagger());

  registerAuthRoutes(app, state);
  registerAccountRoutes(app, state);
  registerContactRoutes(app, state);
  registerSubscriptionRoutes(app, state);
  registerAccountTeamRoutes(app, state);
  registerTimelineRoutes(app, state);
  registerWorkspaceRoutes(app, state);
  registerImportRoutes(app, state);
  registerIngestRoutes(app, state);
  registerSourceRoutes(app, state);
  registerUsageRoutes(app, state);
  registerJobRoutes(app, state);
  registerChurnRoutes(app, state);
  registerHealthRoutes(app, state);
  registerEventRoutes(app, state);
  registerOutcomeRoutes(app, state);
  registerPlanRoutes(app, state);
  registerTaskRoutes(app, state);
  registerSegmentRoutes(app, state);
  registerRuleRoutes(app, state);
  registerPlaybookRoutes(app, state);
  registerCoverageRoutes(app, state);
  registerRevenueRoutes(app, state);
  registerRenewalRoutes(app, state);
  registerAdvocacyRoutes(app, state);
  registerCharterRoutes(app, state);
  registerStakeholderRoutes(app, state);
  registerExperienceRoutes(app, state);
  registerTouchpointRoutes(app, state);
  registerCaptureRoutes(app, state);
  registerSurveyRoutes(app, state);
  registerSurveyPages(app, state);
  registerPlanPages(app, state);
  options.extraRoutes?.(app, state);
  registerSetupRoutes(app, state);

  await registerWebApp(app, options.webDir ?? path.join(packageRoot(), "dist/web"));
  return app;
}

/** Serves the built web app; any other GET outside /api falls back to index.html for client routing. */
async function registerWebApp(app: FastifyInstance, webDir: string): Promise<void> {
  const hasWeb = fs.existsSync(path.join(webDir, "index.html"));
  if (hasWeb) {
    const assetsDir = path.join(webDir, "assets") + path.sep;
    // Wildcard serving finds files built after start; a missing one falls through to the handler below.
    await app.register(fastifyStatic, {
      root: webDir,
      wildcard: true,
      index: false,
      // Vite names what it puts under assets/ by content hash, so a name never changes content:
      // cached for good. Everything else, index.html first, is revalidated (ETag) on every load, so
      // a deploy reaches open browsers at their next navigation instead of an hour later.
      cacheControl: false,
      setHeaders: (res, filePath) => {
        res.setHeader(
          "cache-control",
          filePath.startsWith(assetsDir) ? "public, max-age=31536000, immutable" : "no-cache",
        );
      },
    });
    // The root is a folder to the static handler (which refuses listings): answer it with the app.
    app.get("/", { schema: { hide: true } }, (_req, reply) => reply.sendFile("index.html"));
  }
  app.setNotFoundHandler((req, reply) => {
    const pathname = req.url.split("?")[0] ?? "";
    // A missing script or asset is a 404, never index.html: a stale tab must fail loudly.
    const isPage =
      req.method === "GET" &&
      !pathname.startsWith("/api/") &&
      !pathname.startsWith("/v1/") &&
      !pathname.startsWith("/assets/") &&
      !/\.[a-z0-9]+$/i.test(pathname);
    if (isPage && hasWeb) return reply.sendFile("index.html");
    if (isPage) {
      return reply
        .code(503)
        .type("text/plain")
        .send("The web app is not built yet: run `npm run build` (or `npm start`, which builds it).");
    }
    return reply
      .code(404)
      .send({ error: { code: "NOT_FOUND", message: `No route ${req.method} ${pathname}` } });
  });
}
