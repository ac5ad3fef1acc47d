import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../src/db/index.ts";
import { type BareTestWorkspace, makeWorkspace } from "../factories/index.ts";
import { cliRunner } from "../helpers/cli.ts";
import { createTestDb } from "../helpers/test-db.ts";

/**
 * The RavenStack subscriptions imported with `steward import` and the documented mapping, then
 * `steward metrics` with no server running: December 2024's MRR is the published $10,734,251.
 */
const root = path.resolve(import.meta.dirname, "../..");
// Not redistributable with the project: read from the shared datasets beside the repository.
const RAVEN = path.resolve(root, "../shared/datasets/ravenstack");
const present = fs.existsSync(path.join(RAVEN, "ravenstack_subscriptions.csv"));
if (!present) console.warn(`RavenStack dataset not found at ${RAVEN}: its metrics test is skipped.`);

let database: Database;
let ws: BareTestWorkspace;

const steward = cliRunner(() => database);

beforeAll(async () => {
  database = await createTestDb();
  ws = await makeWorkspace(database.db, { withOwner: false, label: "ravenstack metrics" });
});

afterAll(async () => {
  await database?.close();
});

describe.skipIf(!present)("steward metrics on the RavenStack subscriptions", () => {
  it("imports accounts and subscriptions, then reports December 2024's MRR and the year's figures", async () => {
    const slug = ["--workspace", ws.workspace.slug];
    for (const target of ["accounts", "subscriptions"]) {
      const run = await steward([
        "import",
        target,
        path.join(RAVEN, `ravenstack_${target}.csv`),
        "--mapping",
        path.join(root, `docs/examples/ravenstack-${target}.mapping.json`),
        ...slug,
      ]);
      expect(run.stderr).toBe("");
      expect(run.code).toBe(0);
    }

    const mrr = await steward(["metrics", "mrr", "--month", "2024-12", "--json", ...slug]);
    expect(mrr.code).toBe(0);
    const december = JSON.parse(mrr.stdout);
    expect(december).toMatchObject({ month: "2024-12", currency: "USD", mrrInMonth: 10_734_251 });
    expect(december.mrrInMonthMinor).toBe(10_734_251_00);
    // Month end to month end: November's end and December's movements lead to December's end.
    const f = december.figures;
    const moved = f.newMinor + f.expansionMinor + f.reactivationMinor - f.contractionMinor - f.churnMinor;
    expect(f.startMrrMinor + moved).toBe(f.mrrEndOfMonthMinor);
    expect(december.mrrEndOfMonth).toBe(f.mrrEndOfMonthMinor / 100);
    expect(december.mrrEndOfMonth).toBeLessThanOrEqual(december.mrrInMonth);

    const text = await steward(["metrics", "mrr", "--month", "2024-12", ...slug]);
    expect(text.stdout).toContain("MRR in the month $10,734,251.00");

    const year = await steward([
      "metrics",
      "revenue",
      "--from",
      "2024-01-01",
      "--to",
      "2024-12-31",
      "--json",
      ...slug,
    ]);
    expect(year.code).toBe(0);
    const r = JSON.parse(year.stdout);
    // The rates first, as fractions, for the only currency.
    expect(Object.keys(r).slice(0, 3)).toEqual(["nrr", "grr", "logoChurn"]);
    expect(r.grr).toBeGreaterThan(0);
    expect(r.grr).toBeLessThanOrEqual(1);
    expect(r.nrr).toBeGreaterThan(0);
    expect(r.logoChurn).toBeGreaterThanOrEqual(0);
    const y = r.figures;
    const movedYear = y.newMinor + y.expansionMinor + y.reactivationMinor - y.contractionMinor - y.churnMinor;
    expect(y.startMrrMinor + movedYear).toBe(y.endMrrMinor);
    // The year's last month ends where December does.
    expect(y.endMrrMinor).toBe(f.mrrEndOfMonthMinor);
    expect(r.byMonth).toHaveLength(12);
  });

  it("refuses a month written another way, naming the option", async () => {
    const run = await steward(["metrics", "mrr", "--month", "12/2024", "--workspace", ws.workspace.slug]);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain("--month must be a month as YYYY-MM");
  });
});
