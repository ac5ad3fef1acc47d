import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ZTouchpointListQuery } from "../../src/contract/touchpoints.ts";
import type { Database } from "../../src/db/index.ts";
import { findTouchpoints } from "../../src/domain/journey/index.ts";
import { CRM_ACTIVITIES_CSV, CRM_ACTIVITIES_MAPPING, makeCrmSample } from "../factories/crm-sample.ts";
import { type BareTestWorkspace, makeWorkspace, TEST_PASSWORD } from "../factories/index.ts";
import { cliRunner } from "../helpers/cli.ts";
import { createTestDb } from "../helpers/test-db.ts";

/** `steward import touchpoints FILE` run in-process on a test database, as a direct run would. */
let database: Database;
let ws: BareTestWorkspace;

const steward = cliRunner(() => database);

const count = async () =>
  (await findTouchpoints(ws.system, ZTouchpointListQuery.parse({ limit: 200 }))).data.length;

beforeAll(async () => {
  database = await createTestDb();
  ws = await makeWorkspace(database.db, { withOwner: false, label: "cli import" });
  await makeCrmSample(ws.system, TEST_PASSWORD);
});

afterAll(async () => {
  await database?.close();
});

describe("steward import touchpoints", () => {
  it("imports the sample CRM export with the example mapping, and again as updates", async () => {
    const args = ["import", "touchpoints", CRM_ACTIVITIES_CSV, "--mapping", CRM_ACTIVITIES_MAPPING];
    const run = await steward([...args, "--workspace", ws.workspace.slug]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("Imported: 14 rows of touchpoints — 14 created, 0 updated, 0 with errors");
    expect(await count()).toBe(14);
    const again = await steward([...args, "--workspace", ws.workspace.slug]);
    expect(again.stdout).toContain("0 created, 14 updated");
    expect(await count()).toBe(14);
  });

  it("lists bad rows on stderr, stores nothing and exits with 3", async () => {
    const csv = [
      "Activity ID,Company ID,Activity Type,Subject,Activity Date,Team",
      "ACT-900,ACC-404,Call,Unknown account,2025-07-01,CS",
      "ACT-901,ACC-1001,Call,Fine,2025-07-01,CS",
    ].join("\n");
    const run = await steward(["import", "touchpoints", "-", "--workspace", ws.workspace.slug], csv);
    expect(run.code).toBe(3);
    expect(run.stdout).toContain("Rejected: 2 rows of touchpoints");
    expect(run.stderr).toContain(
      'row 1 (column "Company ID", value "ACC-404"): accountExternalId "ACC-404" is not an account here; import the accounts first [unknown_account]',
    );
    expect(run.stderr).toContain("Nothing was stored");
    expect(await count()).toBe(14);
  });
});
