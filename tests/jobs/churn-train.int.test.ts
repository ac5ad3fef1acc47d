import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Database, queryRows } from "../../src/db/index.ts";
import { type JobRunner, jobDefinitions, startJobRunner } from "../../src/jobs/index.ts";
import { makeChurnHistory } from "../factories/churn-history.ts";
import { makeWorkspace } from "../factories/index.ts";
import { createTestDb } from "../helpers/test-db.ts";
import { waitFor } from "./wait.ts";

/** The weekly retraining through the real runner: it trains where there is history and says why not elsewhere. */
let database: Database;
let runner: JobRunner;

const job = () => {
  const d = jobDefinitions.find((j) => j.name === "churn.train");
  if (!d) throw new Error("no churn.train job");
  return d;
};

beforeAll(async () => {
  database = await createTestDb();
  await makeChurnHistory((await makeWorkspace(database.db, "weekly-rich")).system);
  await makeChurnHistory((await makeWorkspace(database.db, "weekly-sparse")).system, {
    churned: 1,
    retained: 4,
    expanded: 0,
  });
  runner = await startJobRunner(database, jobDefinitions, { pollingIntervalSeconds: 0.5 });
}, 120_000);
afterAll(async () => {
  await runner?.stop();
  await database?.close();
});

describe("churn.train", () => {
  it("runs every week", () => {
    expect(job().schedule).toBe("30 3 * * 1");
  });

  it("retrains both kinds where there is history and skips the rest quietly, saying why", async () => {
    await runner.send(job(), {});
    const [done] = await waitFor(
      "the retraining to complete",
      async () => {
        const rows = await queryRows<{ output: { workspaces: { slug: string; results: unknown[] }[] } }>(
          database.db,
          sql`select output from pgboss.job where name = 'churn.train' and state = 'completed'`,
        );
        return rows.length ? rows : null;
      },
      60_000,
    );
    const bySlug = Object.fromEntries((done?.output.workspaces ?? []).map((w) => [w.slug, w.results]));
    expect(bySlug["weekly-rich"]).toEqual([
      expect.objectContaining({ kind: "churn", trained: true, scored: 24 }),
      expect.objectContaining({ kind: "expansion", trained: true, scored: 24 }),
    ]);
    expect(bySlug["weekly-sparse"]).toEqual([
      {
        kind: "churn",
        trained: false,
        reason: expect.stringMatching(/^Not enough history to train a churn model/),
      },
      {
        kind: "expansion",
        trained: false,
        reason: expect.stringMatching(/^Not enough history to train an expansion model/),
      },
    ]);
    const models = await queryRows<{ slug: string; kind: string }>(
      database.db,
      sql`select w.slug, m.kind from churn_models m join workspaces w on w.id = m.workspace_id order by 1, 2`,
    );
    expect(models).toEqual([
      { slug: "weekly-rich", kind: "churn" },
      { slug: "weekly-rich", kind: "expansion" },
    ]);
  });
});
