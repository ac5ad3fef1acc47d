import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { PGlite } from "@electric-sql/pglite";
import type { TestProject } from "vitest/node";
import { connect, migrate } from "../../src/db/index.ts";

declare module "vitest" {
  interface ProvidedContext {
    /** A dump of an embedded database migrated once for this run (empty on PostgreSQL). */
    pgliteTemplate: string;
  }
}

/**
 * A new embedded database runs initdb (about 2 s here) and then every migration; a test file
 * starts instead from a dump of one migrated at the start of the run (under 1 s), made by this
 * run's code, so it is never stale.
 */
export async function setup(project: TestProject) {
  if (process.env.DATABASE_URL) {
    project.provide("pgliteTemplate", "");
    return;
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "steward-test-template-"));
  const file = path.join(dir, "migrated.tar");
  const database = await connect({ kind: "pglite" });
  try {
    await migrate(database);
    const client = (database.jobsConnection as { client: PGlite }).client;
    // Uncompressed: loading it is then faster than unpacking a gzip.
    const dump = await client.dumpDataDir("none");
    fs.writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  } finally {
    await database.close();
  }
  project.provide("pgliteTemplate", file);
  return () => fs.rmSync(dir, { recursive: true, force: true });
}
