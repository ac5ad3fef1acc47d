import type { LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RouteDef, routes } from "../../src/contract/index.ts";
import { type Caller, createTestApp, type TestApp, type TestWorkspace } from "../helpers/test-app.ts";

/** What every caller sees regardless of module: error shape, OpenAPI document, health and metrics. */
let t: TestApp;
let ws: TestWorkspace;
let caller: Caller;

type ErrorBody = { error: { code: string; message: string; details?: unknown } };
const errorOf = (res: LightMyRequestResponse) => res.json<ErrorBody>().error;

/** A body that reads like a stack trace or an internal error. */
const LEAKY =
  /\bat \S+ \(|\.ts:\d+|node_modules|DrizzleQueryError|stack|syntax error at|invalid input syntax/i;

beforeAll(async () => {
  // Loopback, where /metrics needs no token (tests/api/metrics-access covers the other case).
  t = await createTestApp({ HOST: "127.0.0.1" });
  ws = await t.workspace("platform");
  caller = await t.signIn(ws.users.member.email);
});

afterAll(async () => {
  await t?.close();
});

describe("errors", () => {
  it.each([
    ["GET", "/api/v1/accounts/12345"],
    ["GET", "/api/v1/contacts/not-a-uuid"],
    ["PATCH", "/api/v1/subscriptions/zzz"],
    ["DELETE", "/api/v1/accounts/0190a4b0-0000-7000-8000-00000000000g"],
    ["GET", "/api/v1/accounts/not-a-uuid/timeline"],
    ["GET", "/api/v1/accounts/0190a4b0-0000-7000-8000-000000000000/team/bad"],
  ])("%s %s with a malformed id answers 400, not 500", async (method, url) => {
    const res = await t.request(caller, method, url, method === "PATCH" ? {} : undefined);
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).code).toBe("VALIDATION_FAILED");
    expect(res.body).not.toMatch(LEAKY);
  });

  it("answers an unknown API route with a JSON 404", async () => {
    for (const [method, url] of [
      ["GET", "/api/v1/nope"],
      ["POST", "/api/v1/accounts/0190a4b0-0000-7000-8000-000000000000/explode"],
      ["GET", "/v1/accounts"],
    ] as const) {
      const res = await t.request(caller, method, url, method === "POST" ? {} : undefined);
      expect(res.statusCode, url).toBe(404);
      expect(res.headers["content-type"]).toMatch(/^application\/json/);
      expect(errorOf(res)).toEqual({ code: "NOT_FOUND", message: `No route ${method} ${url}` });
    }
  });

  it("answers an unsupported method on a known path with a JSON 404", async () => {
    const res = await t.request(caller, "PUT", "/api/v1/accounts", {});
    expect(res.statusCode).toBe(404);
    expect(errorOf(res).code).toBe("NOT_FOUND");
  });

  it("refuses text PostgreSQL cannot store (NUL) with 400 instead of failing", async () => {
    const cases: [string, string, unknown][] = [
      ["GET", "/api/v1/accounts?q=%00", undefined],
      ["GET", "/api/v1/members?q=a%00b", undefined],
      ["GET", "/api/v1/search?q=x%00", undefined],
      ["POST", "/api/v1/accounts", { name: "Nul\u0000Corp" }],
    ];
    for (const [method, url, body] of cases) {
      const res = await t.request(caller, method, url, body);
      expect(res.statusCode, url).toBe(400);
      expect(errorOf(res).code).toBe("BAD_REQUEST");
      expect(res.body).not.toMatch(LEAKY);
    }
    const list = await t.request(caller, "GET", "/api/v1/accounts?q=Nul");
    expect(list.json<{ data: unknown[] }>().data).toEqual([]);
  });

  it("refuses a body over the size limit with 413", async () => {
    const res = await t.request(caller, "POST", "/api/v1/accounts", {
      name: "Big",
      domain: "x".repeat(1_100_000),
    });
    expect(res.statusCode).toBe(413);
    expect(errorOf(res).code).toBe("PAYLOAD_TOO_LARGE");
  });

  it("tags every answer with a request id, keeping a sane one the caller sent", async () => {
    const own = await t.app.inject({
      method: "GET",
      url: "/healthz",
      headers: { "x-request-id": "trace-123" },
    });
    expect(own.headers["x-request-id"]).toBe("trace-123");
    const bad = await t.app.inject({
      method: "GET",
      url: "/healthz",
      headers: { "x-request-id": "<script>" },
    });
    expect(bad.headers["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe("OpenAPI", () => {
  type OpenApi = {
    openapi: string;
    info: { title: string };
    paths: Record<string, Record<string, { summary?: string; tags?: string[] }>>;
  };
  let doc: OpenApi;

  beforeAll(async () => {
    const res = await t.app.inject({ method: "GET", url: "/api/v1/openapi.json" });
    expect(res.statusCode).toBe(200);
    doc = res.json<OpenApi>();
  });

  it("is OpenAPI 3.1", () => {
    expect(doc.openapi).toMatch(/^3\.1\./);
    expect(doc.info.title).toBe("Steward API");
  });

  it("lists every route of the contract with its summary", () => {
    const missing: string[] = [];
    for (const [name, r] of Object.entries(routes) as [string, RouteDef][]) {
      const path = r.path.replace(/:(\w+)/g, "{$1}");
      const op = doc.paths[path]?.[r.method.toLowerCase()];
      if (!op) missing.push(`${name}: ${r.method} ${path}`);
      else expect(op.summary, name).toBe(r.summary);
    }
    expect(missing).toEqual([]);
  });

  it("leaves the operational endpoints out", () => {
    for (const path of ["/healthz", "/readyz", "/metrics", "/api/v1/openapi.json"]) {
      expect(doc.paths[path], path).toBeUndefined();
    }
  });
});

describe("operations", () => {
  it("/healthz answers 200", async () => {
    const res = await t.app.inject({ method: "GET", url: "/healthz" });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: "ok" });
  });

  it("/readyz answers 200 with the database reachable", async () => {
    const res = await t.app.inject({ method: "GET", url: "/readyz" });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: "ready", database: t.database.kind });
  });

  it("/metrics exposes request durations by route template", async () => {
    await t.request(caller, "GET", "/api/v1/accounts");
    await t.request(caller, "GET", "/api/v1/accounts/0190a4b0-0000-7000-8000-000000000000");
    const res = await t.app.inject({ method: "GET", url: "/metrics" });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toMatch(/^text\/plain/);
    expect(res.body).toContain("# TYPE steward_http_request_duration_seconds histogram");
    expect(res.body).toMatch(
      /steward_http_request_duration_seconds_count\{method="GET",route="\/api\/v1\/accounts",status="200"\} [1-9]/,
    );
    // Ids never become label values: the route template is used.
    expect(res.body).toContain('route="/api/v1/accounts/:id",status="404"');
    expect(res.body).not.toContain("0190a4b0-0000-7000-8000-000000000000");
  });
});
