import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { utcToday } from "../../src/common/dates.ts";

import { queryRows } from "../../src/db/index.ts";

import { createAccount } from "../../src/domain/accounts/index.ts";

import { createSubscription } from "../../src/domain/subscriptions/index.ts";

import { type Caller, createTestApp, type TestApp, type TestWorkspace } from "../helpers/test-app.ts";

let t: TestApp;
let ws: TestWorkspace;
let admin: Caller;
let viewer: Caller;
let acme: string;

const definition = (rule: unknown) => ({
  groups: [
    {
      key: "use",
      name: "Use",
      weight: 1,
      // A source every customer has: usage measures are unknown in a workspace without usage.
      measures: [{ key: "mrr", name: "MRR trend", source: "subscription.mrr_trend", rule, weight: 1 }],
    },
  ],
});

beforeAll(async () => {
  t = await createTestApp();
  ws = await t.workspace("health-api");
  admin = await t.apiKey(ws, ["read", "write", "admin"]);
  viewer = await t.apiKey(ws, ["read"]);
  acme = (await createAccount(ws.ctx, { name: "Acme" })).id;
  await createSubscription(ws.ctx, {
    accountId: acme,
    product: "Core",
    mrrMinor: 50_000,
    seats: 5,
    startDate: "2025-01-01",
    status: "active",
  });
});
afterAll(() => t.close());

describe("health API", () => {
  it("lists the default models and answers an account's health once recomputed", async () => {
    const models = await t.request(viewer, "GET", "/api/v1/health/models");
    expect(models.statusCode).toBe(200);
    expect(models.json<{ data: { name: string }[] }>().data.map((m) => m.name)).toEqual([
      "High touch",
      "Digital",
    ]);

    const before = await t.request(viewer, "GET", `/api/v1/accounts/${acme}/health`);
    expect(before.json()).toMatchObject({ score: null, measures: [], changes: [] });

    const run = await t.request(admin, "POST", "/api/v1/health/recompute", {});
    expect(run.statusCode).toBe(200);
    expect(run.json()).toMatchObject({ day: utcToday(), accounts: 1, scored: 1 });
    const after = await t.request(viewer, "GET", `/api/v1/accounts/${acme}/health`);
    const health = after.json<{
      score: number;
      band: string;
      model: { name: string };
      measures: unknown[];
    }>();
    expect(health.model.name).toBe("Digital");
    expect(typeof health.score).toBe("number");
    expect(health.measures.length).toBeGreaterThan(0);

    // The account carries its latest score; lists sort and filter on it.
    const account = await t.request(viewer, "GET", `/api/v1/accounts/${acme}`);
    expect(account.json()).toMatchObject({
      health: { score: health.score, band: health.band, day: utcToday() },
    });
    const other = (await createAccount(ws.ctx, { name: "Unscored" })).id;
    const sorted = await t.request(viewer, "GET", "/api/v1/accounts?sort=-health");
    expect(sorted.json<{ data: { id: string }[] }>().data.map((a) => a.id)).toEqual([acme, other]);
    const banded = await t.request(viewer, "GET", `/api/v1/accounts?healthBand=${health.band}`);
    expect(banded.json<{ data: { id: string }[] }>().data.map((a) => a.id)).toEqual([acme]);
    const bad = await t.request(viewer, "GET", "/api/v1/accounts?healthBand=excellent");
    expect(bad.statusCode).toBe(400);
  });

  it("refuses a bad sentiment with a 400 and stores nothing", async () => {
    const bad = await t.request(admin, "POST", `/api/v1/accounts/${acme}/sentiment`, { rating: 7 });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ error: { code: string } }>().error.code).toBe("VALIDATION_FAILED");
    const reason = await t.request(admin, "POST", `/api/v1/accounts/${acme}/sentiment`, {
      rating: 3,
      reasons: ["not-a-reason"],
    });
    expect(reason.statusCode).toBe(400);
    const [n] = await queryRows<{ n: number }>(
      t.database.db,
      sql`select count(*)::int as n from sentiment_ratings where account_id = ${acme}`,
    );
    expect(n?.n).toBe(0);
    const ok = await t.request(admin, "POST", `/api/v1/accounts/${acme}/sentiment`, {
      rating: 4,
      reasons: ["value_realized"],
      comment: "Happy",
    });
    expect(ok.statusCode).toBe(201);
    const list = await t.request(viewer, "GET", `/api/v1/accounts/${acme}/sentiment`);
    expect(list.json<{ data: { rating: number }[] }>().data.map((s) => s.rating)).toEqual([4]);
  });

  it("validates model definitions: equal thresholds, keys used twice, unknown sources", async () => {
    const equal = await t.request(admin, "POST", "/api/v1/health/models", {
      name: "Bad",
      definition: definition({ kind: "thresholds", good: 0.5, poor: 0.5 }),
    });
    expect(equal.statusCode).toBe(400);
    const twice = await t.request(admin, "POST", "/api/v1/health/models", {
      name: "Twice",
      definition: {
        groups: [{ ...definition({ kind: "range", from: 0, to: 1 }).groups[0], key: "mrr" }],
      },
    });
    expect(twice.statusCode).toBe(400);
    const source = await t.request(admin, "POST", "/api/v1/health/models", {
      name: "Source",
      definition: {
        groups: [
          {
            key: "g",
            name: "G",
            weight: 1,
            measures: [
              {
                key: "m",
                name: "M",
                source: "tickets.volume",
                rule: { kind: "range", from: 0, to: 1 },
                weight: 1,
              },
            ],
          },
        ],
      },
    });
    expect(source.statusCode).toBe(400);
    const [n] = await queryRows<{ n: number }>(
      t.database.db,
      sql`select count(*)::int as n from health_models where workspace_id = ${ws.id}`,
    );
    expect(n?.n).toBe(2);
  });

  it("drafts, previews, publishes and keeps every version", async () => {
    const created = await t.request(admin, "POST", "/api/v1/health/models", {
      name: "Seats",
      priority: 1,
      definition: definition({ kind: "range", from: -0.5, to: 0.5 }),
    });
    expect(created.statusCode).toBe(201);
    const id = created.json<{ id: string }>().id;
    const again = await t.request(admin, "POST", "/api/v1/health/models", {
      name: "seats",
      definition: definition({ kind: "range", from: 0, to: 1 }),
    });
    expect(again.statusCode).toBe(409);

    const preview = await t.request(viewer, "POST", "/api/v1/health/preview", {
      definition: definition({ kind: "thresholds", good: 0.5, poor: 0.1 }),
    });
    expect(preview.statusCode).toBe(200);
    expect(
      preview.json<{ accounts: { accountName: string }[] }>().accounts.map((a) => a.accountName),
    ).toEqual(["Acme"]);

    expect((await t.request(viewer, "POST", `/api/v1/health/models/${id}/publish`)).statusCode).toBe(403);
    const published = await t.request(admin, "POST", `/api/v1/health/models/${id}/publish`);
    expect(published.json()).toMatchObject({ published: { version: 1 }, draft: null, accounts: 1 });
    const noDraft = await t.request(admin, "POST", `/api/v1/health/models/${id}/publish`);
    expect(noDraft.statusCode).toBe(409);

    await t.request(admin, "PATCH", `/api/v1/health/models/${id}`, {
      definition: definition({ kind: "range", from: 0, to: 0.5 }),
    });
    await t.request(admin, "POST", `/api/v1/health/models/${id}/publish`);
    const versions = await t.request(viewer, "GET", `/api/v1/health/models/${id}/versions`);
    expect(
      versions.json<{ data: { version: number; status: string }[] }>().data.map((v) => [v.version, v.status]),
    ).toEqual([
      [2, "published"],
      [1, "retired"],
    ]);
    const health = await t.request(viewer, "GET", `/api/v1/accounts/${acme}/health`);
    expect(health.json()).toMatchObject({ model: { name: "Seats", version: 2 } });
  });
});

describe("health settings through the API", () => {
  it("sets the onboarding window, keeps what is left out, and refuses bad values storing nothing", async () => {
    expect((await t.request(viewer, "GET", "/api/v1/health/settings")).json()).toEqual({
      sentimentStaleDays: 90,
      onboardingDays: 30,
    });
    expect(
      (await t.request(viewer, "PUT", "/api/v1/health/settings", { onboardingDays: 14 })).statusCode,
    ).toBe(403);
    for (const body of [{ onboardingDays: 400 }, { onboardingDays: -1 }, { onboardingDays: 1.5 }, {}]) {
      const bad = await t.request(admin, "PUT", "/api/v1/health/settings", body);
      expect(bad.statusCode).toBe(400);
      expect(bad.json<{ error: { code: string } }>().error.code).toBe("VALIDATION_FAILED");
    }
    const [none] = await queryRows<{ n: number }>(
      t.database.db,
      sql`select count(*)::int as n from health_settings where workspace_id = ${ws.ctx.workspaceId}`,
    );
    expect(none?.n).toBe(0);
    const ok = await t.request(admin, "PUT", "/api/v1/health/settings", { onboardingDays: 14 });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toEqual({ sentimentStaleDays: 90, onboardingDays: 14 });
    const stale = await t.request(admin, "PUT", "/api/v1/health/settings", { sentimentStaleDays: 60 });
    expect(stale.json()).toEqual({ sentimentStaleDays: 60, onboardingDays: 14 });
    await t.request(admin, "PUT", "/api/v1/health/settings", { sentimentStaleDays: 90, onboardingDays: 30 });
  });
});

describe("backtests through the API", () => {
  it("queues a backtest, reports progress until done, and refuses an unobserved horizon", async () => {
    const models = (await t.request(viewer, "GET", "/api/v1/health/models")).json<{
      data: { id: string; name: string }[];
    }>();
    const digital = models.data.find((m) => m.name === "Digital")?.id as string;
    expect(
      (await t.request(viewer, "POST", `/api/v1/health/models/${digital}/backtest`, {})).statusCode,
    ).toBe(403);
    const started = await t.request(admin, "POST", `/api/v1/health/models/${digital}/backtest`, {
      everyDays: 30,
    });
    expect(started.statusCode).toBe(201);
    const id = started.json<{ id: string; status: string }>().id;
    let status = started.json<{ status: string }>().status;
    expect(["queued", "running", "done"]).toContain(status);
    for (let i = 0; i < 100 && status !== "done" && status !== "failed"; i++) {
      await new Promise((r) => setTimeout(r, 100));
      status = (await t.request(viewer, "GET", `/api/v1/health/backtests/${id}`)).json<{ status: string }>()
        .status;
    }
    const done = (await t.request(viewer, "GET", `/api/v1/health/backtests/${id}`)).json<{
      status: string;
      progress: number;
      result: { dates: number; bands: unknown[] };
    }>();
    expect(done).toMatchObject({ status: "done", progress: 1, result: { dates: 13 } });
    expect(done.result.bands).toHaveLength(3);
    const list = await t.request(viewer, "GET", `/api/v1/health/models/${digital}/backtests`);
    expect(list.json<{ data: { id: string }[] }>().data.map((b) => b.id)).toEqual([id]);

    const early = await t.request(admin, "POST", `/api/v1/health/models/${digital}/backtest`, {
      to: utcToday(),
    });
    expect(early.statusCode).toBe(400);
    expect(early.json<{ error: { message: string } }>().error.message).toMatch(/must be on or before/);
  });
});

describe("writes that change what a score reads", () => {
  it("rescore the account at once: a new subscription makes it a customer, ending it stops the score", async () => {
    const beta = (await t.request(admin, "POST", "/api/v1/accounts", { name: "Beta" })).json<{ id: string }>()
      .id;
    expect((await t.request(viewer, "GET", `/api/v1/accounts/${beta}`)).json()).toMatchObject({
      health: null,
    });
    const sub = await t.request(admin, "POST", "/api/v1/subscriptions", {
      accountId: beta,
      product: "Core",
      mrrMinor: 20_000,
      startDate: "2025-01-01",
      status: "active",
    });
    expect(sub.statusCode).toBe(201);
    const scored = (await t.request(viewer, "GET", `/api/v1/accounts/${beta}`)).json<{
      health: { day: string } | null;
    }>();
    expect(scored.health?.day).toBe(utcToday());

    const ended = await t.request(admin, "PATCH", `/api/v1/subscriptions/${sub.json<{ id: string }>().id}`, {
      status: "canceled",
      endDate: "2025-06-30",
    });
    expect(ended.statusCode).toBe(200);
    expect((await t.request(viewer, "GET", `/api/v1/accounts/${beta}`)).json()).toMatchObject({
      health: null,
    });
  });
});
