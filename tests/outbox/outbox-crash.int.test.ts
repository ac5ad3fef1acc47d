import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { connect, type Database, queryRows } from "../../src/db/index.ts";
import { createDispatcher } from "../../src/domain/events/index.ts";
import { domainConsumers } from "../../src/domain/workflows/index.ts";

/**
 * The outbox's promise: a change that committed is delivered to its consumers even when the
 * process dies right after the commit. A child process commits accounts and subscriptions and is
 * killed (SIGKILL) before any delivery; a new process over the same database — as a restarted
 * server does when it starts — delivers every event: health rescoring scores every account.
 */
const root = path.resolve(import.meta.dirname, "../..");
const cleanups: (() => Promise<void>)[] = [];

afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

/** Runs the writer, waits for "committed", kills it; answers what it committed. */
async function commitAndDie(args: string[]): Promise<{ workspaceId: string; accountIds: string[] }> {
  const child = spawn(process.execPath, ["--import", "tsx", "tests/fixtures/outbox-writer.ts", ...args], {
    cwd: root,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  let err = "";
  child.stderr.on("data", (d) => {
    err += d;
  });
  const exited = new Promise<NodeJS.Signals | number | null>((resolve) =>
    child.on("exit", (code, signal) => resolve(signal ?? code)),
  );
  await new Promise<void>((resolve, reject) => {
    child.stdout.on("data", (d) => {
      out += d;
      if (out.includes("committed\n")) resolve();
    });
    child.on("exit", () => reject(new Error(`the writer ended before committing: ${err}`)));
  });
  child.kill("SIGKILL");
  expect(await exited).toBe("SIGKILL");
  return JSON.parse(out.split("\n")[0] ?? "");
}

async function expectEverythingDelivered(
  database: Database,
  committed: { workspaceId: string; accountIds: string[] },
) {
  const scored = () =>
    queryRows<{ id: string; health_score: number | null }>(
      database.db,
      sql`select id, health_score from accounts where workspace_id = ${committed.workspaceId} order by id`,
    );
  // Killed before delivery: nothing rescored the new customers.
  expect((await scored()).map((a) => a.health_score)).toEqual(committed.accountIds.map(() => null));
  await createDispatcher(database.db, domainConsumers).drain();
  const after = await scored();
  expect(after.map((a) => a.id).sort()).toEqual([...committed.accountIds].sort());
  for (const a of after) expect(a.health_score).toEqual(expect.any(Number));
  const behind = await queryRows<{ n: number }>(
    database.db,
    sql`select count(*)::int as n from domain_events e
        where not exists (select 1 from event_consumers c where (c.txid, c.position) >= (e.txid, e.position))`,
  );
  expect(behind[0]?.n).toBe(0);
  expect(await queryRows(database.db, sql`select * from parked_events`)).toEqual([]);
}

// A child process opens, migrates and fills a database: slow on a loaded machine.
describe("killed between commit and delivery", { timeout: 180_000 }, () => {
  it.runIf(!process.env.DATABASE_URL)(
    "the embedded database delivers every event after a restart",
    async () => {
      const dataDir = mkdtempSync(path.join(tmpdir(), "steward-outbox-"));
      cleanups.push(async () => rmSync(dataDir, { recursive: true, force: true }));
      const committed = await commitAndDie(["pglite", dataDir]);
      const database = await connect({ kind: "pglite", dataDir });
      cleanups.push(() => database.close());
      await expectEverythingDelivered(database, committed);
    },
  );

  it.runIf(process.env.DATABASE_URL)("PostgreSQL delivers every event after a restart", async () => {
    const admin = process.env.DATABASE_URL ?? "";
    const name = `steward_outbox_${randomBytes(4).toString("hex")}`;
    const client = new pg.Client({ connectionString: admin });
    await client.connect();
    await client.query(`create database ${name}`);
    await client.end();
    const url = new URL(admin);
    url.pathname = `/${name}`;
    cleanups.push(async () => {
      const dropper = new pg.Client({ connectionString: admin });
      await dropper.connect();
      await dropper.query(`drop database if exists ${name} with (force)`);
      await dropper.end();
    });
    const committed = await commitAndDie(["postgres", url.toString()]);
    const database = await connect({ kind: "postgres", url: url.toString(), poolSize: 2 });
    cleanups.push(() => database.close());
    await expectEverythingDelivered(database, committed);
  });
});
