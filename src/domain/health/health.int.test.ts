import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeWorkspace } from "../../../tests/factories/index.ts";
import { createTestDb } from "../../../tests/helpers/test-db.ts";
import { addDays, utcToday } from "../../common/dates.ts";
import { type Database, queryRows } from "../../db/index.ts";
import { createAccount } from "../accounts/index.ts";
import { createContact } from "../contacts/index.ts";
import type { Ctx } from "../context.ts";
import { createDispatcher } from "../events/index.ts";
import { createSubscription } from "../subscriptions/index.ts";
import { domainConsumers } from "../workflows/index.ts";

import {
  createHealthModel,
  createSentiment,
  getAccountHealth,
  listHealthModels,
  publishHealthModel,
  recomputeHealth,
  updateHealthModel,
} from "./index.ts";

let database: Database;
let ctx: Ctx;
let busy: string;
let quiet: string;
const today = utcToday();

const rows = <T>(q: ReturnType<typeof sql>) => queryRows<T>(database.db, q);

/** Usage straight into the per-user daily rollup: `users` distinct users on each of the days. */
async function activity(accountId: string, daysAgo: number[], users: number) {
  for (const ago of daysAgo) {
    for (let u = 0; u < users; u++) {
      await database.db.execute(sql`
        insert into usage_user_days (workspace_id, account_id, day, user_key, events)
        values (${ctx.workspaceId}, ${accountId}, ${addDays(today, -ago)}::date, ${`u${u}`}, 3)`);
      await database.db.execute(sql`
        insert into usage_account_event_days (workspace_id, account_id, day, event, events, users)
        values (${ctx.workspaceId}, ${accountId}, ${addDays(today, -ago)}::date, ${`E${u % 3}`}, 3, 1)
        on conflict do nothing`);
    }
  }
}

beforeAll(async () => {
  database = await createTestDb();
  ctx = (await makeWorkspace(database.db, { slug: "health", name: "Health", withOwner: false })).system;
  for (const [name, seats] of [
    ["Busy Co", 10],
    ["Quiet Co", 10],
  ] as const) {
    const a = await createAccount(ctx, { name });
    await createSubscription(ctx, {
      accountId: a.id,
      product: "Core",
      mrrMinor: 100_000,
      seats,
      startDate: addDays(today, -400),
      status: "active",
    });
    if (name === "Busy Co") busy = a.id;
    else quiet = a.id;
  }
  await createContact(ctx, { accountId: busy, firstName: "Cora", decisionRole: "champion" });
  // Busy: 8 users every day of the last 60; Quiet: 8 users until 40 days ago, then nothing.
  await activity(
    busy,
    Array.from({ length: 60 }, (_, i) => i),
    8,
  );
  await activity(
    quiet,
    Array.from({ length: 20 }, (_, i) => 40 + i),
    8,
  );
});

afterAll(async () => {
  await database?.close();
});

describe("health scores", () => {
  it("a new workspace has the two default models, published", async () => {
    const models = await listHealthModels(ctx);
    expect(models.map((m) => [m.name, m.published?.version, m.draft])).toEqual([
      ["High touch", 1, null],
      ["Digital", 1, null],
    ]);
  });

  it("scores every customer with the model that applies, and explains each score", async () => {
    const result = await recomputeHealth(database.db, ctx.workspaceId);
    expect(result).toMatchObject({ day: today, accounts: 2, scored: 2 });
    const b = await getAccountHealth(ctx, busy);
    const q = await getAccountHealth(ctx, quiet);
    // No coverage set: the catch-all Digital model scores both.
    expect(b.model?.name).toBe("Digital");
    expect(b.score).toBeGreaterThan(70);
    expect(b.band).toBe("good");
    expect(q.score).toBeLessThan(40);
    expect(q.band).toBe("poor");
    // Contributions add up to the score; a measure's weight is its share after redistribution.
    const sum = b.measures.reduce((s, m) => s + m.contribution, 0);
    expect(Math.abs(sum - (b.score ?? 0))).toBeLessThan(0.5);
    const util = b.measures.find((m) => m.key === "utilization");
    expect(util).toMatchObject({ value: 0.8, points: 100, missing: false });
    const last = q.measures.find((m) => m.key === "days_since_last_activity");
    expect(last).toMatchObject({ value: 40, points: 0 });
    const [acct] = await rows<{ health_score: number; health_band: string }>(
      sql`select health_score, health_band from accounts where id = ${quiet}`,
    );
    expect(acct).toEqual({ health_score: q.score, health_band: "poor" });
  });

  it("names the measures that moved a score since 7 and 30 days earlier", async () => {
    await recomputeHealth(database.db, ctx.workspaceId, { day: addDays(today, -30) });
    await recomputeHealth(database.db, ctx.workspaceId, { day: addDays(today, -7) });
    const q = await getAccountHealth(ctx, quiet);
    const month = q.changes.find((c) => c.days === 30);
    expect(month?.change).toBeLessThan(0);
    const top = month?.drivers[0];
    expect(top?.change).toBeLessThan(0);
    expect(top?.text).toMatch(/^−\d+(\.\d)?: /);
    expect(q.history.map((h) => h.day)).toEqual([addDays(today, -30), addDays(today, -7), today]);
  });

  it("a sentiment rating counts in the high-touch model, and its event has the score recomputed", async () => {
    const high = (await listHealthModels(ctx)).find((m) => m.name === "High touch");
    await database.db.execute(sql`update accounts set coverage = 'one_to_one' where id = ${busy}`);
    await recomputeHealth(database.db, ctx.workspaceId);
    const before = await getAccountHealth(ctx, busy);
    expect(before.model?.id).toBe(high?.id);
    expect(before.measures.find((m) => m.key === "sentiment")).toMatchObject({ missing: true, weight: 0 });
    await createSentiment(ctx, busy, { rating: 1, reasons: ["budget"], comment: "Budget cut" });
    await createDispatcher(database.db, domainConsumers).drain();
    const after = await getAccountHealth(ctx, busy);
    expect(after.measures.find((m) => m.key === "sentiment")).toMatchObject({ value: 1, points: 0 });
    expect(after.score).toBeLessThan(before.score ?? 0);
    expect(after.sentiment).toMatchObject({ rating: 1, reasons: ["budget"], stale: false, ageDays: 0 });
  });

  it("a draft scores nothing until published; publishing recomputes with it", async () => {
    const m = await createHealthModel(ctx, {
      name: "Champions only",
      priority: 1,
      definition: {
        groups: [
          {
            key: "rel",
            name: "Relationship",
            weight: 1,
            measures: [
              {
                key: "champion",
                name: "Champion present",
                source: "key_players.champion_present",
                rule: { kind: "thresholds", good: 1, poor: 0 },
                weight: 1,
              },
            ],
          },
        ],
      },
    });
    expect(m.published).toBeNull();
    expect(m.draft?.version).toBe(1);
    await recomputeHealth(database.db, ctx.workspaceId);
    expect((await getAccountHealth(ctx, quiet)).model?.name).not.toBe("Champions only");
    const published = await publishHealthModel(ctx, m.id);
    expect(published.published?.version).toBe(1);
    expect(published.accounts).toBe(2);
    expect((await getAccountHealth(ctx, busy)).score).toBe(100);
    expect((await getAccountHealth(ctx, quiet)).score).toBe(0);
    // Archived, it stops scoring: the others take the accounts back.
    await updateHealthModel(ctx, m.id, { archived: true });
    expect((await getAccountHealth(ctx, quiet)).model?.name).toBe("Digital");
  });
});
