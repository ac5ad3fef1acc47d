import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ChurnHistory, makeChurnHistory } from "../../../tests/factories/churn-history.ts";
import { makeWorkspace } from "../../../tests/factories/index.ts";
import { createTestDb } from "../../../tests/helpers/test-db.ts";
import { AppError } from "../../common/errors.ts";
import type { ChurnPredictionQuery } from "../../contract/churn.ts";
import { type Database, queryRows } from "../../db/index.ts";
import type { Ctx } from "../context.ts";
import { updateSubscription } from "../subscriptions/index.ts";
import {
  evaluateChurnModel,
  findChurnPredictions,
  getAccountChurn,
  getChurnModel,
  retrainAllWorkspaces,
  trainAndStore,
} from "./index.ts";

/** Training, storage and the reads of stored models and predictions, on a real database. */
let database: Database;
let ctx: Ctx;
let small: Ctx;
let history: ChurnHistory;
let ownerIds: string[];

const count = async (table: "churn_models" | "churn_predictions", workspaceId: string, kind = "churn") =>
  (
    await queryRows<{ n: number }>(
      database.db,
      sql`select count(*)::int as n from ${sql.raw(table)} where workspace_id = ${workspaceId} and kind = ${kind}`,
    )
  )[0]?.n;

const query = (over: Partial<ChurnPredictionQuery> = {}): ChurnPredictionQuery => ({
  limit: 50,
  kind: "churn",
  sort: { field: "probability", desc: true },
  ...over,
});

beforeAll(async () => {
  database = await createTestDb();
  const ws = await makeWorkspace(database.db, "churn-store");
  const csm = await ws.addUser("member");
  ctx = ws.ctx;
  ownerIds = [ws.owner.member.userId, csm.member.userId];
  history = await makeChurnHistory(ws.system, { ownerIds });
  small = (await makeWorkspace(database.db, "churn-small")).ctx;
  await makeChurnHistory(small, { churned: 3, retained: 8, expanded: 2, prefix: "Small" });
}, 120_000);

afterAll(async () => {
  await database?.close();
});

describe("trainAndStore", () => {
  it("stores the model with its cross-validated evaluation and scores every current customer", async () => {
    const info = await trainAndStore(ctx, { kind: "churn" });
    expect(info).toMatchObject({ kind: "churn", scored: 24, trainedBy: { name: "Owner" } });
    const e = info.evaluation;
    expect(e).toMatchObject({ accounts: 36, positives: 12, negatives: 24, seed: 1, warnings: [] });
    expect(e.folds).toHaveLength(5);
    expect(e.folds.reduce((s, f) => s + f.positives, 0)).toBe(12);
    expect(e.calibration).toHaveLength(10);
    expect(e.roc[0]).toEqual({ fpr: 0, tpr: 0 });
    expect(e.auc).toBeGreaterThan(0.6);
    expect(e.features).toBeGreaterThan(2);
    expect(await count("churn_models", ctx.workspaceId)).toBe(1);
    expect(await count("churn_predictions", ctx.workspaceId)).toBe(24);

    const page = await findChurnPredictions(ctx, query());
    expect(page.data.map((p) => p.accountId).sort()).toEqual([...history.retained].sort());
    const top = page.data[0];
    expect(top?.probability).toBeGreaterThan(0);
    expect(top?.drivers.length).toBeGreaterThan(0);
    expect(top?.drivers[0]).toMatchObject({ label: expect.stringMatching(/ = | is missing/) });
    expect(top?.drivers.some((d) => d.contribution > 0)).toBe(true);
    // Drivers come largest push first, either way.
    const sizes = top?.drivers.map((d) => Math.abs(d.contribution)) ?? [];
    expect(sizes).toEqual([...sizes].sort((a, b) => b - a));
  });

  it("replaces the kind's predictions when retrained, dropping accounts that left", async () => {
    const leaving = history.retained.at(-1) as string;
    const [sub] = await queryRows<{ id: string }>(
      database.db,
      sql`select id from subscriptions where workspace_id = ${ctx.workspaceId} and account_id = ${leaving}`,
    );
    await updateSubscription(ctx, sub?.id as string, {
      status: "canceled",
      endDate: new Date(Date.now() - 86_400_000).toISOString().slice(0, 10),
    });
    const again = await trainAndStore(ctx, { kind: "churn" });
    expect(again.evaluation).toMatchObject({ accounts: 36, positives: 13 });
    expect(await count("churn_models", ctx.workspaceId)).toBe(2);
    const models = await queryRows<{ model_id: string }>(
      database.db,
      sql`select distinct model_id from churn_predictions where workspace_id = ${ctx.workspaceId} and kind = 'churn'`,
    );
    expect(models).toEqual([{ model_id: again.id }]);
    expect(await count("churn_predictions", ctx.workspaceId)).toBe(23);
    expect((await getAccountChurn(ctx, leaving)).churn).toBeNull();
    expect((await getChurnModel(ctx, "churn")).model?.id).toBe(again.id);
  });

  it("trains an expansion model on the same history and keeps both kinds apart", async () => {
    const info = await trainAndStore(ctx, { kind: "expansion" });
    expect(info.evaluation).toMatchObject({ positives: 12 });
    expect(await count("churn_predictions", ctx.workspaceId, "expansion")).toBe(23);
    expect(await count("churn_predictions", ctx.workspaceId, "churn")).toBe(23);
    const one = await getAccountChurn(ctx, history.retained[0] as string);
    expect(one.churn?.probability).toBeGreaterThan(0);
    expect(one.expansion?.probability).toBeGreaterThan(0);
    expect(one.expansion?.modelId).toBe(info.id);
  });

  it("refuses with NOT_ENOUGH_HISTORY (422) and stores nothing when there is too little history", async () => {
    const error = await trainAndStore(small, { kind: "churn" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: "NOT_ENOUGH_HISTORY", status: 422 });
    expect((error as AppError).message).toMatch(
      /at least 10 churned and 10 retained.*has 3 churned and 8 retained/,
    );
    await expect(trainAndStore(small, { kind: "expansion" })).rejects.toMatchObject({
      code: "NOT_ENOUGH_HISTORY",
      message: expect.stringMatching(/2 expanded and 9 not expanded/),
    });
    expect(await count("churn_models", small.workspaceId)).toBe(0);
    expect((await getChurnModel(small, "churn")).model).toBeNull();
  });

  it("keeps workspaces apart", async () => {
    expect((await findChurnPredictions(small, query())).data).toEqual([]);
    await expect(getAccountChurn(small, history.retained[0] as string)).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    const [theirs] = await queryRows<{ id: string }>(
      database.db,
      sql`select id from accounts where workspace_id = ${small.workspaceId} limit 1`,
    );
    expect(await getAccountChurn(small, theirs?.id as string)).toEqual({
      accountId: theirs?.id,
      churn: null,
      expansion: null,
    });
  });
});

describe("findChurnPredictions", () => {
  it("filters by owner and tier and totals what matches, per currency", async () => {
    const all = await findChurnPredictions(ctx, query());
    const mine = await findChurnPredictions(ctx, query({ ownerId: [ownerIds[0] as string] }));
    expect(mine.data.length).toBeGreaterThan(0);
    expect(mine.data.every((p) => p.ownerId === ownerIds[0])).toBe(true);
    const smb = await findChurnPredictions(ctx, query({ tier: ["SMB"] }));
    expect(smb.data.every((p) => p.tier === "SMB")).toBe(true);
    expect((await findChurnPredictions(ctx, query({ ownerId: ["none"] }))).data).toEqual([]);
    const [total] = all.totals;
    expect(total?.currency).toBe("USD");
    expect(total?.accounts).toBe(all.data.length);
    expect(total?.arrMinor).toBe(all.data.reduce((s, p) => s + p.arrMinor, 0));
    const atRisk = all.data.reduce((s, p) => s + p.probability * p.arrMinor, 0);
    expect(Math.abs((total?.arrAtRiskMinor ?? 0) - atRisk)).toBeLessThanOrEqual(1);
    for (const p of all.data) expect(p.arrAtRiskMinor).toBe(Math.round(p.probability * p.arrMinor));
  });

  it("sorts by probability or ARR at risk and pages with a cursor without losing or repeating rows", async () => {
    const all = (await findChurnPredictions(ctx, query())).data;
    const probabilities = all.map((p) => p.probability);
    expect(probabilities).toEqual([...probabilities].sort((a, b) => b - a));
    for (const field of ["probability", "arrAtRisk", "arr", "name"] as const) {
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await findChurnPredictions(
          ctx,
          query({ limit: 5, cursor, sort: { field, desc: true } }),
        );
        seen.push(...page.data.map((p) => p.accountId));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      expect(seen, field).toHaveLength(all.length);
      expect(new Set(seen).size, field).toBe(all.length);
    }
    const byRisk = (await findChurnPredictions(ctx, query({ sort: { field: "arrAtRisk", desc: true } })))
      .data;
    const risks = byRisk.map((p) => p.probability * p.arrMinor);
    expect(risks).toEqual([...risks].sort((a, b) => b - a));
  });
});

describe("evaluateChurnModel and the weekly retraining", () => {
  it("cross-validates without storing anything", async () => {
    const before = await count("churn_models", ctx.workspaceId);
    const e = await evaluateChurnModel(ctx, { folds: 4, seed: 7 });
    expect(e.folds).toHaveLength(4);
    expect(e.seed).toBe(7);
    expect(await count("churn_models", ctx.workspaceId)).toBe(before);
  });

  it("retrains both kinds where there is history and says why it skipped the rest", async () => {
    const { workspaces } = await retrainAllWorkspaces(database.db);
    const bySlug = Object.fromEntries(workspaces.map((w) => [w.slug, w.results]));
    expect(bySlug["churn-store"]?.map((r) => [r.kind, r.trained])).toEqual([
      ["churn", true],
      ["expansion", true],
    ]);
    expect(bySlug["churn-small"]).toEqual([
      { kind: "churn", trained: false, reason: expect.stringMatching(/Not enough history/) },
      { kind: "expansion", trained: false, reason: expect.stringMatching(/Not enough history/) },
    ]);
  });
});
