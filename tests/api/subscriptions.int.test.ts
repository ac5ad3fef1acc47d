import type { LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Account, Subscription } from "../../src/contract/index.ts";
import { type Caller, createTestApp, type TestApp, type TestWorkspace } from "../helpers/test-app.ts";

/** Subscriptions through the API, and the account revenue they keep up to date. */
let t: TestApp;
let ws: TestWorkspace;
let writer: Caller;

type Issue = { path: string; message: string };
type ErrorBody = { error: { code: string; message: string; details?: { issues?: Issue[] } } };
const errorOf = (res: LightMyRequestResponse) => res.json<ErrorBody>().error;

const daysFromToday = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

async function post<T>(url: string, body: unknown): Promise<T> {
  const res = await t.request(writer, "POST", url, body);
  if (res.statusCode !== 201) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
  return res.json<T>();
}
const newAccount = (name: string) => post<Account>("/api/v1/accounts", { name });
const newSub = (body: Record<string, unknown>) => post<Subscription>("/api/v1/subscriptions", body);
const accountOf = async (id: string) =>
  (await t.request(writer, "GET", `/api/v1/accounts/${id}`)).json<Account>();
const patchSub = (id: string, body: unknown) =>
  t.request(writer, "PATCH", `/api/v1/subscriptions/${id}`, body);

beforeAll(async () => {
  t = await createTestApp();
  ws = await t.workspace("subs");
  writer = await t.signIn(ws.users.member.email);
});

afterAll(async () => {
  await t?.close();
});

describe("create, read, update, delete", () => {
  it("creates a subscription with defaults and reads it back", async () => {
    const a = await newAccount("Create Co");
    const res = await t.request(writer, "POST", "/api/v1/subscriptions", {
      accountId: a.id,
      product: "Platform",
      plan: "Pro",
      mrrMinor: 12_345,
      seats: 20,
      startDate: "2025-02-01",
      billingPeriod: "annual",
    });
    expect(res.statusCode).toBe(201);
    const s = res.json<Subscription>();
    expect(s).toMatchObject({
      accountId: a.id,
      accountName: "Create Co",
      product: "Platform",
      plan: "Pro",
      mrrMinor: 12_345,
      arrMinor: 148_140,
      currency: "USD",
      status: "active",
      endDate: null,
      renewalDate: null,
      billingPeriod: "annual",
    });
    expect((await t.request(writer, "GET", `/api/v1/subscriptions/${s.id}`)).json()).toEqual(s);
  });

  it("derives the status expired for a subscription that already ended", async () => {
    const a = await newAccount("Ended Co");
    const s = await newSub({
      accountId: a.id,
      product: "Legacy",
      mrrMinor: 100,
      startDate: "2020-01-01",
      endDate: "2021-01-01",
    });
    expect(s.status).toBe("expired");
  });

  it("refuses money that is not whole minor units, negative or absurd", async () => {
    const a = await newAccount("Money Co");
    for (const mrrMinor of [10.5, -1, 1e14, "100"]) {
      const res = await t.request(writer, "POST", "/api/v1/subscriptions", {
        accountId: a.id,
        product: "P",
        mrrMinor,
        startDate: "2025-01-01",
      });
      expect(res.statusCode, String(mrrMinor)).toBe(400);
      expect(errorOf(res).details?.issues?.map((i) => i.path)).toEqual(["mrrMinor"]);
    }
    const currency = await t.request(writer, "POST", "/api/v1/subscriptions", {
      accountId: a.id,
      product: "P",
      mrrMinor: 1,
      startDate: "2025-01-01",
      currency: "usd",
    });
    expect(currency.statusCode).toBe(400);
  });

  it("needs the account to be in this workspace", async () => {
    const other = await t.workspace("subs-other");
    const theirs = await t.request(await t.apiKey(other, ["write"]), "POST", "/api/v1/accounts", {
      name: "Theirs",
    });
    const res = await t.request(writer, "POST", "/api/v1/subscriptions", {
      accountId: theirs.json<Account>().id,
      product: "Stolen",
      mrrMinor: 1,
      startDate: "2025-01-01",
    });
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).details?.issues?.[0]?.path).toBe("accountId");
    const theirSubs = await t.request(await t.apiKey(other, ["read"]), "GET", "/api/v1/subscriptions");
    expect(theirSubs.json<{ data: Subscription[] }>().data).toEqual([]);
  });

  it("upserts by external id: one row, created only the first time", async () => {
    const a = await newAccount("Upsert Co");
    const body = { accountId: a.id, product: "Platform", mrrMinor: 1000, startDate: "2025-01-01" };
    const first = await t.request(writer, "PUT", "/api/v1/subscriptions/by-external-id/SUB-1", body);
    expect(first.statusCode).toBe(200);
    expect(first.headers["x-steward-created"]).toBe("true");
    const second = await t.request(writer, "PUT", "/api/v1/subscriptions/by-external-id/SUB-1", {
      ...body,
      mrrMinor: 2500,
    });
    expect(second.statusCode).toBe(200);
    expect(second.headers["x-steward-created"]).toBeUndefined();
    expect(second.json<Subscription>()).toMatchObject({
      id: first.json<Subscription>().id,
      externalId: "SUB-1",
      mrrMinor: 2500,
    });
    const list = await t.request(writer, "GET", `/api/v1/subscriptions?accountId=${a.id}`);
    expect(list.json<{ data: Subscription[] }>().data).toHaveLength(1);
    expect((await accountOf(a.id)).mrrMinor).toBe(2500);
  });

  it("deletes a subscription, drops its revenue from the account and audits it", async () => {
    const a = await newAccount("Delete Co");
    const s = await newSub({ accountId: a.id, product: "Core", mrrMinor: 700, startDate: "2025-01-01" });
    expect((await accountOf(a.id)).mrrMinor).toBe(700);
    expect((await t.request(writer, "DELETE", `/api/v1/subscriptions/${s.id}`)).statusCode).toBe(204);
    expect((await t.request(writer, "GET", `/api/v1/subscriptions/${s.id}`)).statusCode).toBe(404);
    expect((await accountOf(a.id)).mrrMinor).toBe(0);
    const admin = await t.signIn(ws.users.admin.email);
    const log = await t.request(admin, "GET", "/api/v1/audit-log?action=subscription.delete");
    expect(log.json<{ data: { targetId: string }[] }>().data.map((r) => r.targetId)).toContain(s.id);
  });
});

describe("account revenue follows subscription writes", () => {
  it("sums live subscriptions, drops canceled and ended ones, and follows updates", async () => {
    const a = await newAccount("Revenue Co");
    const one = await newSub({
      accountId: a.id,
      product: "Platform",
      mrrMinor: 10_000,
      startDate: "2025-01-01",
    });
    const two = await newSub({
      accountId: a.id,
      product: "Add-on",
      mrrMinor: 2_500,
      startDate: "2025-01-01",
    });
    let account = await accountOf(a.id);
    expect(account.mrrMinor).toBe(12_500);
    expect(account.arrMinor).toBe(150_000);

    // A trial counts; a subscription that ended yesterday does not, whatever its status says.
    await newSub({
      accountId: a.id,
      product: "Trial",
      mrrMinor: 100,
      startDate: "2025-01-01",
      status: "trial",
    });
    await newSub({
      accountId: a.id,
      product: "Old",
      mrrMinor: 9_999,
      startDate: "2024-01-01",
      endDate: daysFromToday(-1),
      status: "active",
    });
    expect((await accountOf(a.id)).mrrMinor).toBe(12_600);

    expect((await patchSub(two.id, { status: "canceled" })).statusCode).toBe(200);
    expect((await accountOf(a.id)).mrrMinor).toBe(10_100);

    expect((await patchSub(one.id, { mrrMinor: 20_000 })).statusCode).toBe(200);
    account = await accountOf(a.id);
    expect(account.mrrMinor).toBe(20_100);
    expect(account.arrMinor).toBe(241_200);

    // Ending it today still counts today; ending it in the past does not.
    await patchSub(one.id, { endDate: daysFromToday(0) });
    expect((await accountOf(a.id)).mrrMinor).toBe(20_100);
    await patchSub(one.id, { endDate: daysFromToday(-1) });
    expect((await accountOf(a.id)).mrrMinor).toBe(100);
  });

  it("moves revenue when a subscription moves to another account", async () => {
    const from = await newAccount("From Co");
    const to = await newAccount("To Co");
    const s = await newSub({
      accountId: from.id,
      product: "Platform",
      mrrMinor: 3_000,
      startDate: "2025-01-01",
    });
    expect((await patchSub(s.id, { accountId: to.id })).statusCode).toBe(200);
    expect((await accountOf(from.id)).mrrMinor).toBe(0);
    expect((await accountOf(to.id)).mrrMinor).toBe(3_000);
  });

  it("sets the next renewal to the earliest upcoming renewal of a live subscription", async () => {
    const a = await newAccount("Renewal Co");
    const base = { accountId: a.id, mrrMinor: 100, startDate: "2024-01-01" };
    const late = await newSub({ ...base, product: "Late", renewalDate: daysFromToday(90) });
    expect((await accountOf(a.id)).nextRenewalDate).toBe(daysFromToday(90));

    const soon = await newSub({ ...base, product: "Soon", renewalDate: daysFromToday(30) });
    // Renewal dates already past and canceled subscriptions do not count.
    await newSub({ ...base, product: "Past", renewalDate: daysFromToday(-5) });
    await newSub({ ...base, product: "Canceled", renewalDate: daysFromToday(3), status: "canceled" });
    expect((await accountOf(a.id)).nextRenewalDate).toBe(daysFromToday(30));

    await patchSub(soon.id, { status: "canceled" });
    expect((await accountOf(a.id)).nextRenewalDate).toBe(daysFromToday(90));
    await t.request(writer, "DELETE", `/api/v1/subscriptions/${late.id}`);
    expect((await accountOf(a.id)).nextRenewalDate).toBeNull();
  });
});

describe("dates", () => {
  it("refuses an end date before the start date on create and upsert", async () => {
    const a = await newAccount("Dates Co");
    const body = {
      accountId: a.id,
      product: "P",
      mrrMinor: 1,
      startDate: "2025-06-01",
      endDate: "2025-05-31",
    };
    for (const [method, url] of [
      ["POST", "/api/v1/subscriptions"],
      ["PUT", "/api/v1/subscriptions/by-external-id/DATES-1"],
    ] as const) {
      const res = await t.request(writer, method, url, body);
      expect(res.statusCode, method).toBe(400);
      expect(errorOf(res).details?.issues?.map((i) => i.path)).toEqual(["endDate"]);
    }
    expect(
      (await t.request(writer, "GET", `/api/v1/subscriptions?accountId=${a.id}`)).json<{ data: [] }>().data,
    ).toEqual([]);
    const sameDay = await t.request(writer, "POST", "/api/v1/subscriptions", {
      ...body,
      endDate: "2025-06-01",
    });
    expect(sameDay.statusCode).toBe(201);
  });

  it("refuses a PATCH of one date that would put the end before the stored start, or the start after the stored end", async () => {
    const a = await newAccount("Patch Dates Co");
    const s = await newSub({
      accountId: a.id,
      product: "P",
      mrrMinor: 1,
      startDate: "2025-06-01",
      endDate: "2026-06-01",
    });
    const earlyEnd = await patchSub(s.id, { endDate: "2025-01-01" });
    expect(earlyEnd.statusCode).toBe(400);
    expect(errorOf(earlyEnd).details?.issues?.[0]?.path).toBe("endDate");
    const lateStart = await patchSub(s.id, { startDate: "2027-01-01" });
    expect(lateStart.statusCode).toBe(400);
    expect(errorOf(lateStart).code).toBe("VALIDATION_FAILED");

    const unchanged = (await t.request(writer, "GET", `/api/v1/subscriptions/${s.id}`)).json<Subscription>();
    expect(unchanged).toMatchObject({ startDate: "2025-06-01", endDate: "2026-06-01" });
    expect((await patchSub(s.id, { endDate: null })).statusCode).toBe(200);
    expect((await patchSub(s.id, { startDate: "2027-01-01" })).statusCode).toBe(200);
  });

  it("refuses dates that are not real calendar dates", async () => {
    const a = await newAccount("Calendar Co");
    for (const startDate of ["2025-02-30", "2025-13-01", "01/02/2025", "2025-1-1"]) {
      const res = await t.request(writer, "POST", "/api/v1/subscriptions", {
        accountId: a.id,
        product: "P",
        mrrMinor: 1,
        startDate,
      });
      expect(res.statusCode, startDate).toBe(400);
    }
  });
});

describe("timeline", () => {
  it("records a subscription being added and its MRR or status changing", async () => {
    const a = await newAccount("Timeline Co");
    const s = await newSub({
      accountId: a.id,
      product: "Platform",
      plan: "Pro",
      mrrMinor: 10_000,
      startDate: "2025-01-01",
    });
    await patchSub(s.id, { mrrMinor: 12_000 });
    await patchSub(s.id, { status: "canceled" });
    await patchSub(s.id, { seats: 3 });

    const res = await t.request(writer, "GET", `/api/v1/accounts/${a.id}/timeline?kind=subscription`);
    const titles = res.json<{ data: { title: string; kind: string; authorId: string }[] }>().data;
    expect(titles.map((e) => e.title)).toEqual([
      "Platform: status active → canceled",
      "Platform: MRR $100.00 → $120.00",
      "Subscription added: Platform (Pro), $100.00 MRR",
    ]);
    expect(titles.every((e) => e.authorId === ws.users.member.id)).toBe(true);
  });
});

describe("list", () => {
  it("filters by account, status and product, and sorts by MRR", async () => {
    const a = await newAccount("List Co");
    const base = { accountId: a.id, startDate: "2025-01-01" };
    await newSub({ ...base, product: "A", mrrMinor: 300 });
    await newSub({ ...base, product: "B", mrrMinor: 100, status: "trial" });
    await newSub({ ...base, product: "C", mrrMinor: 200, status: "canceled" });
    const products = async (query: string) =>
      (await t.request(writer, "GET", `/api/v1/subscriptions?accountId=${a.id}&${query}`))
        .json<{ data: Subscription[] }>()
        .data.map((s) => s.product);
    expect(await products("sort=mrr")).toEqual(["B", "C", "A"]);
    expect(await products("sort=-mrr")).toEqual(["A", "C", "B"]);
    expect(await products("status=active,trial&sort=mrr")).toEqual(["B", "A"]);
    expect(await products("product=C")).toEqual(["C"]);
    expect((await t.request(writer, "GET", "/api/v1/subscriptions?status=paused")).statusCode).toBe(400);
  });
});
