import type { LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type {
  AccountChurn,
  ChurnModelAnswer,
  ChurnModelInfo,
  ChurnPredictionPage,
} from "../../src/contract/index.ts";
import { type ChurnHistory, makeChurnHistory } from "../factories/churn-history.ts";
import { type Caller, createTestApp, type TestApp, type TestWorkspace } from "../helpers/test-app.ts";

/** Churn routes through the app: access rules, validation, the 422 and answers that match the contract. */
let t: TestApp;
let ws: TestWorkspace;
let sparse: TestWorkspace;
let history: ChurnHistory;
const callers: Record<"member" | "viewer" | "readKey" | "sparseOwner", Caller> = {} as never;

const errorOf = (res: LightMyRequestResponse) =>
  res.json<{ error: { code: string; message: string; details?: Record<string, unknown> } }>().error;

beforeAll(async () => {
  t = await createTestApp();
  ws = await t.workspace("churn-api");
  sparse = await t.workspace("churn-api-sparse");
  callers.member = await t.signIn(ws.users.member.email);
  callers.viewer = await t.signIn(ws.users.viewer.email);
  callers.readKey = await t.apiKey(ws, ["read"]);
  callers.sparseOwner = await t.signIn(sparse.users.owner.email);
  history = await makeChurnHistory(ws.ctx, { ownerIds: [ws.users.member.id, ws.users.manager.id] });
  await makeChurnHistory(sparse.ctx, { churned: 2, retained: 5, expanded: 1 });
}, 120_000);

afterAll(async () => {
  await t?.close();
});

describe("before any training", () => {
  it("answers an empty model, an empty list and an account without probabilities", async () => {
    const model = await t.request(callers.viewer, "GET", "/api/v1/churn/model");
    expect(model.statusCode, model.body).toBe(200);
    expect(model.json<ChurnModelAnswer>()).toEqual({ kind: "churn", model: null });
    const list = await t.request(callers.viewer, "GET", "/api/v1/churn/predictions?kind=expansion");
    expect(list.json<ChurnPredictionPage>()).toEqual({ data: [], nextCursor: null, totals: [] });
    const account = await t.request(callers.viewer, "GET", `/api/v1/accounts/${history.retained[0]}/churn`);
    expect(account.statusCode).toBe(200);
    expect(account.json<AccountChurn>()).toEqual({
      accountId: history.retained[0],
      churn: null,
      expansion: null,
    });
  });
});

describe("POST /api/v1/churn/train", () => {
  it("refuses a viewer and a read-only key", async () => {
    expect((await t.request(callers.viewer, "POST", "/api/v1/churn/train", {})).statusCode).toBe(403);
    expect((await t.request(callers.readKey, "POST", "/api/v1/churn/train", {})).statusCode).toBe(403);
  });

  it("refuses an unknown kind and unknown fields", async () => {
    for (const body of [{ kind: "upsell" }, { kind: "churn", folds: 3 }]) {
      const res = await t.request(callers.member, "POST", "/api/v1/churn/train", body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(errorOf(res).code).toBe("VALIDATION_FAILED");
    }
  });

  it("trains churn by default, answers 201 with the evaluation, and names who trained it", async () => {
    const res = await t.request(callers.member, "POST", "/api/v1/churn/train", {});
    expect(res.statusCode, res.body).toBe(201);
    const info = res.json<ChurnModelInfo>();
    expect(info).toMatchObject({
      kind: "churn",
      scored: 24,
      trainedBy: { id: ws.users.member.id, name: "member of churn-api" },
      evaluation: { accounts: 36, positives: 12, negatives: 24 },
    });
    expect(info.evaluation.folds.map((f) => f.fold)).toEqual([1, 2, 3, 4, 5]);
    const model = await t.request(callers.readKey, "GET", "/api/v1/churn/model?kind=churn");
    expect(model.json<ChurnModelAnswer>().model).toEqual(info);
  });

  it("trains expansion on request", async () => {
    const res = await t.request(callers.member, "POST", "/api/v1/churn/train", { kind: "expansion" });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json<ChurnModelInfo>()).toMatchObject({ kind: "expansion", evaluation: { positives: 12 } });
  });

  it("answers 422 NOT_ENOUGH_HISTORY with the counts when the workspace has too little history", async () => {
    const res = await t.request(callers.sparseOwner, "POST", "/api/v1/churn/train", { kind: "churn" });
    expect(res.statusCode).toBe(422);
    const error = errorOf(res);
    expect(error.code).toBe("NOT_ENOUGH_HISTORY");
    expect(error.message).toMatch(/Not enough history to train a churn model/);
    expect(error.details).toMatchObject({ kind: "churn", positives: 2, negatives: 5, required: 10 });
    const model = await t.request(callers.sparseOwner, "GET", "/api/v1/churn/model");
    expect(model.json<ChurnModelAnswer>().model).toBeNull();
  });
});

describe("GET /api/v1/churn/predictions", () => {
  it("lists current customers by probability with drivers, ARR at risk and totals", async () => {
    const res = await t.request(callers.viewer, "GET", "/api/v1/churn/predictions");
    expect(res.statusCode, res.body).toBe(200);
    const page = res.json<ChurnPredictionPage>();
    expect(page.data).toHaveLength(24);
    const p = page.data.map((x) => x.probability);
    expect(p).toEqual([...p].sort((a, b) => b - a));
    const first = page.data[0];
    expect(first?.drivers.length).toBeGreaterThan(0);
    expect(first?.arrAtRiskMinor).toBe(Math.round((first?.probability ?? 0) * (first?.arrMinor ?? 0)));
    expect(page.totals).toEqual([
      expect.objectContaining({ currency: "USD", accounts: 24, arrMinor: expect.any(Number) }),
    ]);
  });

  it("filters by owner and tier, sorts by ARR at risk and pages with a cursor", async () => {
    const owner = ws.users.manager.id;
    const mine = await t.request(
      callers.viewer,
      "GET",
      `/api/v1/churn/predictions?ownerId=${owner}&tier=SMB`,
    );
    const rows = mine.json<ChurnPredictionPage>().data;
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.ownerId === owner && r.tier === "SMB")).toBe(true);
    expect(mine.json<ChurnPredictionPage>().totals[0]?.accounts).toBe(rows.length);

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `/api/v1/churn/predictions?sort=-arrAtRisk&limit=10${cursor ? `&cursor=${cursor}` : ""}`;
      const res = await t.request(callers.viewer, "GET", url);
      expect(res.statusCode, res.body).toBe(200);
      const body = res.json<ChurnPredictionPage>();
      seen.push(...body.data.map((r) => r.accountId));
      cursor = body.nextCursor;
    } while (cursor);
    expect(new Set(seen).size).toBe(24);
  });

  it("refuses bad sorts, kinds and cursors", async () => {
    for (const q of ["sort=risk", "kind=upsell", "cursor=nope", "limit=500", "ownerId=someone"]) {
      const res = await t.request(callers.viewer, "GET", `/api/v1/churn/predictions?${q}`);
      expect(res.statusCode, q).toBe(400);
    }
  });

  it("shows another workspace nothing", async () => {
    const res = await t.request(callers.sparseOwner, "GET", "/api/v1/churn/predictions");
    expect(res.json<ChurnPredictionPage>().data).toEqual([]);
  });
});

describe("GET /api/v1/accounts/:accountId/churn", () => {
  it("answers both probabilities with their drivers", async () => {
    const res = await t.request(callers.readKey, "GET", `/api/v1/accounts/${history.retained[0]}/churn`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json<AccountChurn>();
    expect(body.churn?.probability).toBeGreaterThan(0);
    expect(body.expansion?.drivers.length).toBeGreaterThan(0);
  });

  it("is 404 for an account of another workspace and for no account at all", async () => {
    const other = await t.request(
      callers.sparseOwner,
      "GET",
      `/api/v1/accounts/${history.retained[0]}/churn`,
    );
    expect(other.statusCode).toBe(404);
    const none = await t.request(
      callers.viewer,
      "GET",
      "/api/v1/accounts/01900000-0000-7000-8000-000000000000/churn",
    );
    expect(none.statusCode).toBe(404);
  });
});
