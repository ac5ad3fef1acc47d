import { randomBytes } from "node:crypto";
import type { FastifyInstance } from "fastify";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { connect, type Database, migrate } from "../../src/db/index.ts";
import { issueApiKey } from "../../src/domain/workflows/index.ts";
import { buildApp } from "../../src/server/app.ts";
import { loadConfig } from "../../src/server/config.ts";
import { makeWorkspace } from "../factories/index.ts";

/**
 * A database that does not exist (SQLSTATE 3D000) is an outage, not a bug: 503 with Retry-After.
 * Only PostgreSQL has databases to miss; the classification itself is covered by errors.test.ts.
 */
const url = process.env.DATABASE_URL;
const config = loadConfig({ LOG_LEVEL: "silent", API_RATE_LIMIT: "100000" });
const opened: { app: FastifyInstance; database: Database }[] = [];

async function admin(statement: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(statement);
  await client.end();
}

async function appOn(name: string) {
  const target = new URL(url ?? "");
  target.pathname = `/${name}`;
  const database = await connect({ kind: "postgres", url: target.toString(), poolSize: 2 });
  const app = await buildApp({ database, config, webDir: "/nonexistent" });
  opened.push({ app, database });
  return { app, database };
}

function expectOutage(res: Awaited<ReturnType<FastifyInstance["inject"]>>) {
  expect(res.statusCode, res.body).toBe(503);
  expect(res.json().error.code).toBe("DATABASE_UNAVAILABLE");
  expect(Number(res.headers["retry-after"])).toBeGreaterThan(0);
}

afterAll(async () => {
  for (const { app, database } of opened) {
    await app.close();
    await database.close().catch(() => {});
  }
});

describe.runIf(Boolean(url))("a missing database (PostgreSQL)", () => {
  it("DATABASE_URL naming a database that does not exist: 503 with Retry-After", async () => {
    const { app } = await appOn(`steward_never_${randomBytes(4).toString("hex")}`);
    expectOutage(
      await app.inject({
        method: "POST",
        url: "/api/v1/auth/login",
        payload: { email: "a@b.test", password: "not-the-password-1" },
      }),
    );
    expect((await app.inject({ url: "/readyz" })).statusCode).toBe(503);
  });

  it("the database dropped under a running server: 503 with Retry-After", async () => {
    const name = `steward_dropped_${Date.now()}_${randomBytes(4).toString("hex")}`;
    await admin(`create database ${name}`);
    try {
      const { app, database } = await appOn(name);
      await migrate(database);
      const ws = await makeWorkspace(database.db, { slug: "dropped", name: "Dropped", withOwner: false });
      // A workspace without people: the key goes to its operator person, as `steward apikey create`'s does.
      const key = await issueApiKey(ws.system, { name: "reader", scopes: ["read"] });
      const headers = { authorization: `Bearer ${key.key}` };
      expect((await app.inject({ url: "/api/v1/accounts", headers })).statusCode).toBe(200);
      await admin(`drop database ${name} with (force)`);
      expectOutage(await app.inject({ url: "/api/v1/accounts", headers }));
    } finally {
      await admin(`drop database if exists ${name} with (force)`);
    }
  });
});
