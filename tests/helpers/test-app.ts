import type { FastifyInstance, LightMyRequestResponse } from "fastify";
import type { Role } from "../../src/common/roles.ts";
import type { Database } from "../../src/db/index.ts";
import { createApiKey } from "../../src/domain/api-keys/index.ts";
import type { Ctx } from "../../src/domain/context.ts";
import { createDispatcher } from "../../src/domain/events/index.ts";
import { domainConsumers } from "../../src/domain/workflows/index.ts";
import { buildApp } from "../../src/server/app.ts";
import { loadConfig } from "../../src/server/config.ts";
import type { ServerState } from "../../src/server/state.ts";
import { addOnePerRole, makeWorkspace } from "../factories/index.ts";
import { createTestDb } from "./test-db.ts";

export const TEST_PASSWORD = "correct-horse-battery";

export type Caller = { headers: Record<string, string> };

export type TestWorkspace = {
  id: string;
  slug: string;
  ctx: Ctx;
  users: Record<Role, { id: string; email: string }>;
};

export type TestApp = {
  app: FastifyInstance;
  database: Database;
  close(): Promise<void>;
  /** Creates a workspace with one member of every role. */
  workspace(slug: string): Promise<TestWorkspace>;
  /** Signs in through the API and returns headers carrying the session cookie and CSRF token. */
  signIn(email: string, password?: string): Promise<Caller>;
  apiKey(ws: TestWorkspace, scopes: ("read" | "write" | "ingest" | "admin")[]): Promise<Caller>;
  request(
    caller: Caller | null,
    method: string,
    url: string,
    body?: unknown,
  ): Promise<LightMyRequestResponse & { json<T = unknown>(): T }>;
};

export type TestAppOptions = {
  /**
   * Registers routes of the test's own (with `handle`, as the server does) before the app starts,
   * e.g. to show that a check catches a route built the wrong way.
   */
  extraRoutes?: (app: FastifyInstance, state: ServerState) => void;
};

export async function createTestApp(
  env: Record<string, string> = {},
  options: TestAppOptions = {},
): Promise<TestApp> {
  const database = await createTestDb();
  const config = loadConfig({
    LOG_LEVEL: "silent",
    API_RATE_LIMIT: "100000",
    LOGIN_RATE_LIMIT: "1000",
    ...env,
  });
  const app = await buildApp({ database, config, validateResponses: true, webDir: "/nonexistent" });
  if (options.extraRoutes) {
    // The state the server's own routes get, with a rate limit counter of its own.
    options.extraRoutes(app, {
      db: database.db,
      dispatcher: createDispatcher(database.db, domainConsumers),
      config,
      sessionPolicy: {
        idleMinutes: config.SESSION_IDLE_MINUTES,
        absoluteHours: config.SESSION_ABSOLUTE_HOURS,
      },
      apiRateLimiter: app.rateLimit({ max: config.API_RATE_LIMIT, timeWindow: 60_000 }),
      loginAddressLimit: app.createRateLimit({ max: config.LOGIN_RATE_LIMIT, timeWindow: 60_000 }),
      validateResponses: true,
    });
  }
  await app.ready();
  const testApp: TestApp = {
    app,
    database,
    close: async () => {
      await app.close();
      await database.close();
    },
    async workspace(slug) {
      const ws = await makeWorkspace(database.db, {
        slug,
        name: `Workspace ${slug}`,
        withOwner: false,
        label: "test",
      });
      const people = await addOnePerRole(ws, TEST_PASSWORD);
      const users = Object.fromEntries(
        Object.entries(people).map(([role, user]) => [role, { id: user.member.userId, email: user.email }]),
      ) as TestWorkspace["users"];
      return { id: ws.workspace.id, slug, ctx: ws.system, users };
    },
    async signIn(email, password = TEST_PASSWORD) {
      const res = await app.inject({
        method: "POST",
        url: "/api/v1/auth/login",
        payload: { email, password },
      });
      if (res.statusCode !== 200) throw new Error(`sign-in failed: ${res.statusCode} ${res.body}`);
      const cookie = res.cookies.find((c) => c.name === "steward_session");
      if (!cookie) throw new Error("no session cookie");
      return { headers: { cookie: `steward_session=${cookie.value}`, "x-csrf-token": res.json().csrfToken } };
    },
    async apiKey(ws, scopes) {
      // Steward's own keys belong to a person: the workspace's owner here.
      const key = await createApiKey(ws.ctx, { name: `test ${scopes.join("+")}`, scopes }, ws.users.owner.id);
      return { headers: { authorization: `Bearer ${key.key}` } };
    },
    async request(caller, method, url, body) {
      return app.inject({
        method: method as "GET",
        url,
        headers: caller?.headers ?? {},
        ...(body === undefined ? {} : { payload: body as object }),
      });
    },
  };
  return testApp;
}

/**
 * A test file's API call: `send(method, url, body?, status = 200, who = fallback())` answers the
 * parsed body (nothing for a 204) and fails, showing the response, when the status is not the one
 * expected. Thunks, because the app and callers are made in `beforeAll`.
 */
export const apiSender =
  (app: () => TestApp, fallback: () => Caller) =>
  async <T>(method: string, url: string, body?: unknown, status = 200, who = fallback()): Promise<T> => {
    const res = await app().request(who, method, url, body);
    if (res.statusCode !== status) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body}`);
    return (res.statusCode === 204 ? undefined : res.json<T>()) as T;
  };

export type ApiErrorBody = {
  error: {
    code: string;
    message: string;
    details?: { issues?: { path: string; message: string }[]; [detail: string]: unknown };
  };
};
/** The error of a refused call. */
export const errorOf = (res: LightMyRequestResponse) => res.json<ApiErrorBody>().error;
