import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../src/db/index.ts";
import { buildApp } from "../../src/server/app.ts";
import { loadConfig } from "../../src/server/config.ts";
import { createTestDb } from "../helpers/test-db.ts";

/** /metrics is open on loopback only; beyond it, only the holder of STEWARD_METRICS_TOKEN reads it. */
const TOKEN = "metrics-token-0123456789abcdef";
let database: Database;
const apps: FastifyInstance[] = [];

async function appWith(env: Record<string, string>) {
  const app = await buildApp({
    database,
    config: loadConfig({ LOG_LEVEL: "silent", ...env }),
    webDir: "/nonexistent",
  });
  apps.push(app);
  return app;
}

const scrape = (app: FastifyInstance, authorization?: string) =>
  app.inject({ url: "/metrics", headers: authorization ? { authorization } : {} });

beforeAll(async () => {
  database = await createTestDb();
});
afterAll(async () => {
  for (const app of apps) await app.close();
  await database?.close();
});

describe("/metrics access", () => {
  it.each(["127.0.0.1", "::1", "localhost"])("is open when listening on %s", async (HOST) => {
    const res = await scrape(await appWith({ HOST }));
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain("steward_");
  });

  it.each(["0.0.0.0", "::", "10.0.0.5"])(
    "is refused on %s without a configured token, saying how to enable it",
    async (HOST) => {
      const app = await appWith({ HOST });
      for (const authorization of [undefined, "Bearer anything-at-all-here"]) {
        const res = await scrape(app, authorization);
        expect(res.statusCode).toBe(403);
        expect(res.json().error).toMatchObject({ code: "FORBIDDEN" });
        expect(res.json().error.message).toContain("STEWARD_METRICS_TOKEN");
        expect(res.body).not.toContain("steward_http");
      }
    },
  );

  it("beyond loopback asks for the token as a bearer", async () => {
    const app = await appWith({ HOST: "0.0.0.0", STEWARD_METRICS_TOKEN: TOKEN });
    for (const authorization of [
      undefined,
      "Bearer wrong",
      `Bearer ${TOKEN}x`,
      `Bearer ${TOKEN.slice(0, -1)}`,
      `Basic ${TOKEN}`,
      TOKEN,
    ]) {
      const res = await scrape(app, authorization);
      expect(res.statusCode, authorization).toBe(401);
      expect(res.json().error.code).toBe("UNAUTHENTICATED");
    }
    const ok = await scrape(app, `Bearer ${TOKEN}`);
    expect(ok.statusCode).toBe(200);
    expect(ok.body).toContain("# TYPE steward_http_request_duration_seconds histogram");
  });

  it("refuses a short token at start", () => {
    expect(() => loadConfig({ STEWARD_METRICS_TOKEN: "short" })).toThrow(/STEWARD_METRICS_TOKEN/);
  });
});
