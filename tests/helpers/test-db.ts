import { randomBytes } from "node:crypto";
import fs from "node:fs";
import pg from "pg";
import { inject } from "vitest";
import { connect, type Database, migrate } from "../../src/db/index.ts";

/**
 * A fresh, migrated database for one test file: PGlite in memory by default, or a new
 * database on the PostgreSQL server named by DATABASE_URL (dropped again on close).
 */
export async function createTestDb(): Promise<Database> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    // The run's migrated template (tests/helpers/global-setup.ts).
    const template = inject("pgliteTemplate");
    if (template) return connect({ kind: "pglite", loadDataDir: new Blob([fs.readFileSync(template)]) });
    const database = await connect({ kind: "pglite" });
    await migrate(database);
    return database;
  }
  const fresh = await createPgDatabase(url);
  const database = await connect({ kind: "postgres", url: fresh.url, poolSize: 5 });
  await migrate(database);
  const close = database.close;
  return {
    ...database,
    close: async () => {
      await close();
      await fresh.drop();
    },
  };
}

/** A new, empty database on the PostgreSQL server of `adminUrl`: its URL, and how to drop it. */
export async function createPgDatabase(adminUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `steward_test_${Date.now()}_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const testUrl = new URL(adminUrl);
  testUrl.pathname = `/${name}`;
  return {
    url: testUrl.toString(),
    drop: async () => {
      const dropper = new pg.Client({ connectionString: adminUrl });
      await dropper.connect();
      await dropper.query(`drop database if exists ${name} with (force)`);
      await dropper.end();
    },
  };
}
