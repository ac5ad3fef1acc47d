import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeWorkspace } from "../../../tests/factories/index.ts";
import { createTestDb } from "../../../tests/helpers/test-db.ts";
import { addDays, utcToday } from "../../common/dates.ts";
import { ZAccountListQuery } from "../../contract/accounts.ts";
import { ZChurnPredictionQuery } from "../../contract/churn.ts";
import { type Database, queryRows } from "../../db/index.ts";
import { createAccount, findAccounts, getAccount } from "../accounts/index.ts";
import { findChurnPredictions } from "../churn/index.ts";
import type { Ctx } from "../context.ts";
import { createSubscription } from "../subscriptions/index.ts";

import { getAccountHealth, recomputeHealth, updateHealthSettings } from "./index.ts";

let database: Database;
let ctx: Ctx;
let busy: string;
let fresh: string;
let dormant: string;
const today = utcToday();

async function customer(name: string, startedAgo: number) {
  const a = await createAccount(ctx, { name });
  await createSubscription(ctx, {
    accountId: a.id,
    product: "Core",
    mrrMinor: 100_000,
    seats: 10,
    startDate: addDays(today, -startedAgo),
    status: "active",
  });
  return a.id;
}

const names = async (query: Record<string, unknown>) => {
  const page = (await findAccounts(ctx, ZAccountListQuery.parse(query))).parse();
  return page.data.map((a) => a.name);
};

beforeAll(async () => {
  database = await createTestDb();
  ctx = (await makeWorkspace(database.db, { slug: "onboarding", name: "Onboarding", withOwner: false }))
    .system;
  busy = await customer("Busy Co", 400);
  // The workspace has product usage: a customer without any is read as 0 users, not unknown.
  await database.db.execute(sql`
    insert into usage_user_days (workspace_id, account_id, day, user_key, events)
    select ${ctx.workspaceId}, ${busy}, d::date, 'u' || u, 3
    from generate_series(${addDays(today, -59)}::date, ${today}::date, interval '1 day') d, generate_series(1, 8) u`);
  await database.db.execute(sql`
    insert into usage_account_event_days (workspace_id, account_id, day, event, events, users)
    select ${ctx.workspaceId}, ${busy}, d::date, 'Report', 24, 8
    from generate_series(${addDays(today, -59)}::date, ${today}::date, interval '1 day') d`);
  fresh = await customer("Fresh Co", 5);
  dormant = await customer("Dormant Co", 400);
}, 60_000);

afterAll(async () => {
  await database?.close();
});

describe("new customers without enough data yet", () => {
  it("are not scored in their first days: no score, no band, and what is missing", async () => {
    await recomputeHealth(database.db, ctx.workspaceId);
    const h = await getAccountHealth(ctx, fresh);
    expect(h).toMatchObject({ score: null, band: null, day: today, changes: [], history: [] });
    expect(h.notEnoughData).toMatch(/^Not enough data yet: no product usage in the first 5 days/);
    // The explanation still lists the measures, each without a value.
    expect(h.measures.length).toBeGreaterThan(0);
    expect(h.model?.name).toBe("Digital");
    const account = await getAccount(ctx, fresh);
    expect(account.health).toMatchObject({ score: null, band: null, day: today });
    expect(account.health?.notEnoughData).toBe(h.notEnoughData);
  });

  it("an old customer without usage is scored as before: poor", async () => {
    const h = await getAccountHealth(ctx, dormant);
    expect(h).toMatchObject({ band: "poor", notEnoughData: null });
    expect((await getAccountHealth(ctx, busy)).band).toBe("good");
  });

  it("the poor filter does not list them; their own filter does", async () => {
    expect(await names({ healthBand: "poor" })).toEqual(["Dormant Co"]);
    expect(await names({ healthBand: "not_enough_data" })).toEqual(["Fresh Co"]);
    expect(await names({ healthBand: "poor,not_enough_data" })).toEqual(["Dormant Co", "Fresh Co"]);
  });

  it("the Risk list says so next to a new customer's churn probability", async () => {
    // Predictions as a trained model stores them: the list joins each account's health note.
    await database.db.execute(sql`
      insert into churn_predictions (workspace_id, account_id, kind, model_id, probability, drivers)
      select ${ctx.workspaceId}, a, 'churn', ${ctx.workspaceId}, 0.4, '[]'::jsonb
      from unnest(${sql.param([fresh, dormant])}::uuid[]) as t(a)`);
    const page = await findChurnPredictions(ctx, ZChurnPredictionQuery.parse({ sort: "name" }));
    const notes = Object.fromEntries(page.data.map((p) => [p.name, p.healthNotEnoughData]));
    expect(notes["Dormant Co"]).toBeNull();
    expect(notes["Fresh Co"]).toMatch(/^Not enough data yet: no product usage in the first 5 days/);
  });

  it("the window is a workspace setting: 0 turns it off and scores new customers at once", async () => {
    expect(await updateHealthSettings(ctx, { onboardingDays: 0 })).toEqual({
      sentimentStaleDays: 90,
      onboardingDays: 0,
    });
    expect(await getAccountHealth(ctx, fresh)).toMatchObject({ band: "poor", notEnoughData: null });
    await updateHealthSettings(ctx, { onboardingDays: 30 });
    expect((await getAccountHealth(ctx, fresh)).band).toBeNull();
  });

  it("past the onboarding window the same account is scored as today", async () => {
    // 40 days after its subscription started, still without usage.
    const day = addDays(today, 35);
    await recomputeHealth(database.db, ctx.workspaceId, { day, accountIds: [fresh] });
    const [row] = await queryRows<{ score: number | null; band: string | null; note: string | null }>(
      database.db,
      sql`select score, band, note from health_scores where account_id = ${fresh} and day = ${day}::date`,
    );
    expect(row).toMatchObject({ band: "poor", note: null });
    expect(row?.score).toBeLessThan(40);
  });
});
