import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { Analytics } from "@segment/analytics-node";
import type { FastifyInstance } from "fastify";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connect, type Database, migrate } from "../../src/db/index.ts";
import { createSource } from "../../src/domain/usage/index.ts";
import { buildApp } from "../../src/server/app.ts";
import { loadConfig } from "../../src/server/config.ts";
import { makeWorkspace } from "../factories/index.ts";
import { capture, errorCode, listen, post, storedCounts } from "./helpers.ts";

/**
 * The database goes away while the server runs: every ingestion request is a 503 with Retry-After
 * (never a 200 for events not stored, never a 401 for a key that could not be checked), and what
 * the database holds afterwards is only what was acknowledged before.
 *
 * PGlite: the embedded database (in a data directory) is closed under the running app, then
 * reopened to count. PostgreSQL: the app reaches its database through a TCP proxy that is cut and
 * later restored; counting goes through a direct connection.
 */

type Outage = {
  /** The database the app uses. */
  appDatabase: Database;
  /** Makes the database unreachable for the app. */
  cut(): Promise<void>;
  /** Makes it reachable again (PostgreSQL only: a closed PGlite cannot be reopened under the app). */
  restore: (() => Promise<void>) | null;
  /** A database handle to count with after the cut. */
  inspect(): Promise<Database>;
  close(): Promise<void>;
};

async function pgliteOutage(): Promise<Outage> {
  const dir = mkdtempSync(path.join(tmpdir(), "steward-outage-"));
  const appDatabase = await connect({ kind: "pglite", dataDir: dir });
  await migrate(appDatabase);
  let reopened: Database | null = null;
  return {
    appDatabase,
    cut: () => appDatabase.close(),
    restore: null,
    inspect: async () => {
      reopened ??= await connect({ kind: "pglite", dataDir: dir });
      return reopened;
    },
    close: async () => {
      await reopened?.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A TCP proxy to PostgreSQL that can be cut (listener closed, live connections reset) and restored. */
async function pgProxy(target: URL) {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(Number(target.port || 5432), target.hostname);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on("close", () => sockets.delete(s));
      s.on("error", () => {});
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const port = (server.address() as net.AddressInfo).port;
  return {
    port,
    cut: async () => {
      const closed = new Promise<void>((r) => server.close(() => r()));
      for (const s of sockets) s.destroy();
      await closed;
    },
    restore: () => new Promise<void>((r) => server.listen(port, "127.0.0.1", r)),
    close: () => {
      for (const s of sockets) s.destroy();
      if (server.listening) server.close();
    },
  };
}

async function postgresOutage(url: string): Promise<Outage> {
  const name = `steward_outage_${Date.now()}_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const direct = new URL(url);
  direct.pathname = `/${name}`;
  const inspector = await connect({ kind: "postgres", url: direct.toString(), poolSize: 2 });
  await migrate(inspector);
  const proxy = await pgProxy(direct);
  const viaProxy = new URL(direct);
  viaProxy.hostname = "127.0.0.1";
  viaProxy.port = String(proxy.port);
  const appDatabase = await connect({ kind: "postgres", url: viaProxy.toString(), poolSize: 3 });
  return {
    appDatabase,
    cut: proxy.cut,
    restore: proxy.restore,
    inspect: async () => inspector,
    close: async () => {
      await appDatabase.close().catch(() => {});
      proxy.close();
      await inspector.close();
      const dropper = new pg.Client({ connectionString: url });
      await dropper.connect();
      await dropper.query(`drop database if exists ${name} with (force)`);
      await dropper.end();
    },
  };
}

let outage: Outage;
let app: FastifyInstance;
let base: string;
let workspaceId: string;
let writeKey: string;
const track = (messageId: string) => ({ type: "track", userId: "u-1", event: "Saved", messageId });

beforeAll(async () => {
  const url = process.env.DATABASE_URL;
  outage = url ? await postgresOutage(url) : await pgliteOutage();
  const config = loadConfig({ LOG_LEVEL: "silent", API_RATE_LIMIT: "100000" });
  app = await buildApp({ database: outage.appDatabase, config, webDir: "/nonexistent" });
  base = await listen(app);
  const db = outage.appDatabase.db;
  const ws = await makeWorkspace(db, { slug: "outage", name: "Outage", withOwner: false });
  workspaceId = ws.workspace.id;
  writeKey = (await createSource(ws.system, { name: "Backend" })).writeKey;
});
afterAll(async () => {
  await app?.close();
  await outage?.close();
});

describe("database down during ingestion", () => {
  it("answers 503 with Retry-After, stores nothing, and acknowledged events stay stored", async () => {
    // Acknowledged while the database is up (this also puts the key in the write-key cache).
    const before = await post(
      base,
      "/v1/batch",
      { batch: [track("up-1"), track("up-2")] },
      { key: writeKey },
    );
    expect(before.status, before.text).toBe(200);

    await outage.cut();
    const down = [
      await post(base, "/v1/batch", { batch: [track("down-1"), track("down-2")] }, { key: writeKey }),
      await post(base, "/v1/track", track("down-3"), { key: writeKey }),
      await post(
        base,
        "/v1/identify",
        { userId: "u-1", traits: { email: "a@b.test" }, messageId: "down-4" },
        {
          key: writeKey,
        },
      ),
      // A key not in the cache cannot be checked: that is an outage too, not a wrong key.
      await post(base, "/v1/batch", { batch: [track("down-5")] }, { key: "wk_never-seen-before" }),
    ];
    for (const res of down) {
      expect(res.status, res.text).toBe(503);
      expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
      expect(errorCode(res)).toBe("DATABASE_UNAVAILABLE");
    }

    const inspect = await outage.inspect();
    const counts = await storedCounts(
      inspect.db,
      ["up-1", "up-2", "down-1", "down-2", "down-3", "down-4", "down-5"],
      undefined,
    );
    expect(Object.fromEntries(counts)).toEqual({ "up-1": 1, "up-2": 1 });
  });

  it.runIf(Boolean(process.env.DATABASE_URL))(
    "PostgreSQL back: the 3.x client's retries after the 503s store the batch once",
    async () => {
      // Still cut from the test above.
      const client = new Analytics({ writeKey, host: base, path: "/v1/batch", flushAt: 3, maxRetries: 5 });
      const c = capture(client);
      const firstAnswer = new Promise<void>((resolve) => client.on("http_response", () => resolve()));
      for (let n = 0; n < 3; n++) client.track({ userId: "u-1", event: "Saved", properties: { n } });
      await firstAnswer;
      await outage.restore?.();
      await client.closeAndFlush();
      expect(c.statuses[0]).toBe(503);
      expect(c.statuses.at(-1)).toBe(200);
      expect(c.errors).toEqual([]);
      const sent = c.messageIds();
      expect(sent).toHaveLength(3);
      const counts = await storedCounts((await outage.inspect()).db, sent, workspaceId);
      expect([...counts.values()]).toEqual([1, 1, 1]);
    },
  );
});
