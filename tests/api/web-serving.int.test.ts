import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../src/db/index.ts";
import { buildApp } from "../../src/server/app.ts";
import { loadConfig } from "../../src/server/config.ts";
import { createTestDb } from "../helpers/test-db.ts";

/** The built web app: files, client-side routes, and loud failures for missing assets. */
let database: Database;
let app: FastifyInstance;
let webDir: string;

beforeAll(async () => {
  webDir = fs.mkdtempSync(path.join(os.tmpdir(), "steward-web-"));
  fs.mkdirSync(path.join(webDir, "assets"));
  fs.writeFileSync(path.join(webDir, "index.html"), "<!doctype html><title>Steward</title>");
  fs.writeFileSync(path.join(webDir, "assets/app-1.js"), "console.log(1)");
  database = await createTestDb();
  app = await buildApp({ database, config: loadConfig({ LOG_LEVEL: "silent" }), webDir });
});

afterAll(async () => {
  await app?.close();
  await database?.close();
  fs.rmSync(webDir, { recursive: true, force: true });
});

describe("web app serving", () => {
  it("serves built files, including ones written after start", async () => {
    expect((await app.inject({ url: "/assets/app-1.js" })).statusCode).toBe(200);
    fs.writeFileSync(path.join(webDir, "assets/app-2.js"), "console.log(2)");
    const later = await app.inject({ url: "/assets/app-2.js" });
    expect(later.statusCode).toBe(200);
    expect(later.body).toBe("console.log(2)");
  });

  it("answers the root with the app", async () => {
    const res = await app.inject({ url: "/" });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain("<title>Steward</title>");
  });

  it("answers client-side routes with index.html", async () => {
    const res = await app.inject({ url: "/accounts/123?tier=Enterprise" });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toContain("text/html");
    expect(res.body).toContain("<title>Steward</title>");
  });

  it("has the app shell revalidated on every load, and hashed assets cached for good", async () => {
    for (const url of ["/", "/index.html", "/accounts/123", "/settings?tab=keys"]) {
      const res = await app.inject({ url });
      expect(res.statusCode, url).toBe(200);
      expect(res.body, url).toContain("<title>Steward</title>");
      expect(res.headers["cache-control"], url).toBe("no-cache");
    }
    const asset = await app.inject({ url: "/assets/app-1.js" });
    expect(asset.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
    // Revalidation is cheap: an unchanged shell is a 304.
    const first = await app.inject({ url: "/" });
    const again = await app.inject({ url: "/", headers: { "if-none-match": String(first.headers.etag) } });
    expect(again.statusCode).toBe(304);
  });

  it("answers a missing asset with 404, not index.html", async () => {
    const res = await app.inject({ url: "/assets/gone-123.js" });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ error: { code: "NOT_FOUND" } });
    expect((await app.inject({ url: "/favicon.png" })).statusCode).toBe(404);
  });

  it("keeps unknown API paths as JSON 404s", async () => {
    const res = await app.inject({ url: "/api/v1/nothing-here" });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ error: { code: "NOT_FOUND" } });
  });
});
