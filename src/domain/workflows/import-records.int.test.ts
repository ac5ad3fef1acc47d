import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeWorkspace } from "../../../tests/factories/index.ts";
import { createTestDb } from "../../../tests/helpers/test-db.ts";
import { ZAccountListQuery } from "../../contract/accounts.ts";
import type { Database } from "../../db/index.ts";
import { findAccounts } from "../accounts/index.ts";
import type { Ctx } from "../context.ts";
import { createDispatcher } from "../events/index.ts";
import { domainConsumers, importRecords } from "./index.ts";

/**
 * An import changes what health reads, whichever transport runs it: the API route and
 * `steward import` both call importRecords, which publishes `import.committed`; once its consumers
 * ran (the API waits for them, the CLI drains them before it exits) every customer is scored.
 */
let database: Database;
let ctx: Ctx;

beforeAll(async () => {
  database = await createTestDb();
  ctx = (
    await makeWorkspace(database.db, {
      slug: "import-rescore",
      name: "Import rescore",
      withOwner: false,
      label: "cli import",
    })
  ).system;
});

afterAll(async () => {
  await database?.close();
});

describe("importRecords", () => {
  it("scores the customers a committed import brings in", async () => {
    const accounts = await importRecords(ctx, "accounts", {
      csv: "external_id,name\nACME,Acme\n",
      mapping: { columns: { external_id: "externalId", name: "name" } },
      dryRun: false,
    });
    expect(accounts.status).toBe("committed");
    const subs = await importRecords(ctx, "subscriptions", {
      csv: "external_id,account,product,mrr,start\nS1,ACME,Core,100.00,2024-01-01\n",
      mapping: {
        columns: {
          external_id: "externalId",
          account: "accountExternalId",
          product: "product",
          mrr: "mrr",
          start: "startDate",
        },
      },
      dryRun: false,
    });
    expect(subs.status, JSON.stringify(subs.errors)).toBe("committed");
    await createDispatcher(ctx.db, domainConsumers).drain();
    const page = (await findAccounts(ctx, ZAccountListQuery.parse({}))).parse();
    const acme = page.data.find((a) => a.externalId === "ACME");
    expect(acme?.health?.score).toEqual(expect.any(Number));
  });

  it("rescores nothing on a dry run", async () => {
    const report = await importRecords(ctx, "accounts", {
      csv: "external_id,name\nBETA,Beta\n",
      mapping: { columns: { external_id: "externalId", name: "name" } },
      dryRun: true,
    });
    expect(report.status).toBe("validated");
  });
});
