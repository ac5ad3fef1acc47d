import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type {
  Account,
  AccountRevenue,
  Cohorts,
  MrrMonth,
  RevenueMetrics,
  RevenueSettings,
  Subscription,
} from "../../src/contract/index.ts";
import {
  apiSender,
  type Caller,
  createTestApp,
  errorOf,
  type TestApp,
  type TestWorkspace,
} from "../helpers/test-app.ts";

/**
 * MRR movements through the API: every kind from subscriptions written as a CSM would, kept in
 * step when one is back-dated or deleted, the period figures and a month's MRR, currencies never
 * summed without a rate, and the workspace's policies.
 */
let t: TestApp;
let ws: TestWorkspace;
let admin: Caller;
let member: Caller;

const send = apiSender(
  () => t,
  () => member,
);

const usd = (dollars: number) => dollars * 100;

async function subscription(
  accountId: string,
  dollars: number,
  startDate: string,
  more: Partial<Subscription> = {},
) {
  return send<Subscription>(
    "POST",
    "/api/v1/subscriptions",
    { accountId, product: "Platform", mrrMinor: usd(dollars), startDate, ...more },
    201,
  );
}

let a: Account;
let b: Account;
let d: Account;
let aFirst: Subscription;
let dShort: Subscription;

beforeAll(async () => {
  t = await createTestApp();
  ws = await t.workspace("revenue");
  admin = await t.signIn(ws.users.admin.email);
  member = await t.signIn(ws.users.member.email);
  a = await send<Account>("POST", "/api/v1/accounts", { name: "Acme" }, 201);
  b = await send<Account>("POST", "/api/v1/accounts", { name: "Birch" }, 201);
  const c = await send<Account>("POST", "/api/v1/accounts", { name: "Cedar (trial)" }, 201);
  d = await send<Account>("POST", "/api/v1/accounts", { name: "Dune" }, 201);
  // Acme: new in January, a second subscription in March (expansion) cancelled at the end of May
  // (contraction in June: one of several subscriptions ending is not churn).
  aFirst = await subscription(a.id, 1000, "2024-01-10");
  await subscription(a.id, 500, "2024-03-05", { endDate: "2024-05-31", status: "canceled" });
  // Birch: new in January, gone by the end of February (churn), back in April (reactivation).
  await subscription(b.id, 2000, "2024-01-01", { endDate: "2024-02-15", status: "canceled" });
  await subscription(b.id, 1500, "2024-04-01");
  // Cedar: a $0 trial is no customer.
  await subscription(c.id, 0, "2024-01-01", { status: "trial" });
  // Dune: joined and left inside March.
  dShort = await subscription(d.id, 800, "2024-03-03", { endDate: "2024-03-20", status: "canceled" });
});

afterAll(async () => {
  await t.close();
});

const period = (from: string, to: string) =>
  send<RevenueMetrics>("GET", `/api/v1/metrics/revenue?from=${from}&to=${to}`);

describe("MRR movements", () => {
  it("classifies every movement month by month and reconciles month end to month end", async () => {
    const r = await period("2024-02-01", "2024-06-30");
    expect(r).toMatchObject({ from: "2024-02-01", to: "2024-06-30", months: 5, currency: "USD", notes: [] });
    const f = r.figures;
    expect(f).toMatchObject({
      startMrrMinor: usd(3000),
      newMinor: usd(800),
      expansionMinor: usd(500),
      reactivationMinor: usd(1500),
      contractionMinor: usd(500),
      churnMinor: usd(2800),
      endMrrMinor: usd(2500),
      startArrMinor: usd(36_000),
      fxMinor: 0,
    });
    // Of Acme and Birch, the customers at the start: 2,500 of 3,000 kept.
    expect(f?.nrr).toBeCloseTo(2500 / 3000, 10);
    expect(f?.grr).toBeCloseTo(2500 / 3000, 10);
    expect(f?.logos).toMatchObject({ start: 2, end: 2, churned: 0, joinedAndLeft: 1 });
    // Dune joined and left within the period: counted by default.
    expect(f?.logoChurn).toBeCloseTo(0.5, 10);
    expect(r.byMonth.map((m) => [m.month, m.startMrrMinor, m.endMrrMinor])).toEqual([
      ["2024-02", usd(3000), usd(1000)],
      ["2024-03", usd(1000), usd(1500)],
      ["2024-04", usd(1500), usd(3000)],
      ["2024-05", usd(3000), usd(3000)],
      ["2024-06", usd(3000), usd(2500)],
    ]);
    for (const m of r.byMonth) {
      const moved = m.newMinor + m.expansionMinor + m.reactivationMinor - m.contractionMinor - m.churnMinor;
      expect(m.startMrrMinor + moved, m.month).toBe(m.endMrrMinor);
    }
    expect(r.byMonth[0]).toMatchObject({ churnMinor: usd(2000), logoChurn: 0.5 });
  });

  it("gives a month's MRR live on any day of it, at its end, and the movements between", async () => {
    const march = await send<MrrMonth>("GET", "/api/v1/metrics/mrr?month=2024-03");
    expect(march.figures).toMatchObject({
      currency: "USD",
      mrrInMonthMinor: usd(2300),
      mrrEndOfMonthMinor: usd(1500),
      startMrrMinor: usd(1000),
      expansionMinor: usd(500),
      newMinor: usd(800),
      churnMinor: usd(800),
    });
    expect(march.logos).toBe(1);
  });

  it("rebuilds an account's months when a subscription is back-dated or deleted", async () => {
    await send("PATCH", `/api/v1/subscriptions/${aFirst.id}`, { startDate: "2023-11-10" });
    const acme = await send<AccountRevenue>("GET", `/api/v1/accounts/${a.id}/revenue`);
    expect(acme.months).toEqual([
      { month: "2023-11", currency: "USD", kind: "new", deltaMinor: usd(1000), mrrMinor: usd(1000) },
      { month: "2024-03", currency: "USD", kind: "expansion", deltaMinor: usd(500), mrrMinor: usd(1500) },
      { month: "2024-06", currency: "USD", kind: "contraction", deltaMinor: -usd(500), mrrMinor: usd(1000) },
    ]);
    expect((await period("2023-11-01", "2023-11-30")).figures).toMatchObject({ newMinor: usd(1000) });

    await send("DELETE", `/api/v1/subscriptions/${dShort.id}`, undefined, 204);
    const dune = await send<AccountRevenue>("GET", `/api/v1/accounts/${d.id}/revenue`);
    expect(dune.months).toEqual([]);
    expect((await period("2024-03-01", "2024-03-31")).figures).toMatchObject({ newMinor: 0, churnMinor: 0 });
    // Put back for the tests that follow.
    dShort = await subscription(d.id, 800, "2024-03-03", { endDate: "2024-03-20", status: "canceled" });
  });

  it("follows the workspace's policies for reactivations and customers who join and leave", async () => {
    await send(
      "PUT",
      "/api/v1/revenue/settings",
      { reactivation: "new", joinAndLeave: "exclude" },
      200,
      admin,
    );
    const r = await period("2024-02-01", "2024-06-30");
    expect(r.policies).toEqual({ reactivation: "new", joinAndLeave: "exclude" });
    expect(r.figures).toMatchObject({ newMinor: usd(1500), reactivationMinor: 0, churnMinor: usd(2000) });
    expect(r.figures?.logoChurn).toBe(0);
    await send(
      "PUT",
      "/api/v1/revenue/settings",
      { reactivation: "reactivation", joinAndLeave: "count" },
      200,
      admin,
    );
  });

  it("never sums currencies without a rate, and converts them once the admin gives one", async () => {
    const e = await send<Account>("POST", "/api/v1/accounts", { name: "Eiche GmbH" }, 201);
    await subscription(e.id, 1000, "2024-02-01", { currency: "EUR" });
    const apart = await period("2024-02-01", "2024-06-30");
    expect(apart.currency).toBeNull();
    expect(apart.figures).toBeNull();
    expect(apart.notes.join(" ")).toContain("EUR, USD");
    expect(apart.byCurrency.map((c) => [c.currency, c.newMinor])).toEqual([
      ["EUR", 1000_00],
      ["USD", usd(800)],
    ]);

    await send("PUT", "/api/v1/revenue/settings", { baseCurrency: "USD" }, 200, admin);
    const noRate = await period("2024-02-01", "2024-06-30");
    expect(noRate.figures).toBeNull();
    expect(noRate.notes.join(" ")).toContain("No rate to USD for EUR");

    const settings = await send<RevenueSettings>(
      "PUT",
      "/api/v1/revenue/settings",
      { rates: [{ currency: "EUR", validFrom: "2024-01-01", rate: 1.1 }] },
      200,
      admin,
    );
    expect(settings).toMatchObject({
      baseCurrency: "USD",
      rates: [{ currency: "EUR", validFrom: "2024-01-01", rate: 1.1 }],
    });
    const base = await period("2024-02-01", "2024-06-30");
    expect(base.currency).toBe("USD");
    expect(base.figures).toMatchObject({ newMinor: usd(800) + 1100_00, endMrrMinor: usd(2500) + 1100_00 });

    // The euro gains in April; Eiche buys more in May. Each movement converts at its month's rate,
    // the start and the end at theirs, and what the rate itself moved is the currency effect.
    await send(
      "PUT",
      "/api/v1/revenue/settings",
      {
        rates: [
          { currency: "EUR", validFrom: "2024-01-01", rate: 1.1 },
          { currency: "EUR", validFrom: "2024-04-01", rate: 1.2 },
        ],
      },
      200,
      admin,
    );
    const more = await subscription(e.id, 500, "2024-05-02", { currency: "EUR" });
    const moved = await period("2024-02-01", "2024-06-30");
    expect(moved.figures).toMatchObject({
      startMrrMinor: usd(3000),
      newMinor: usd(800) + 1100_00,
      expansionMinor: usd(500) + 600_00,
      endMrrMinor: usd(2500) + 1800_00,
      fxMinor: 100_00,
    });
    expect(moved.byCurrency.find((c) => c.currency === "EUR")).toMatchObject({
      newMinor: 1000_00,
      expansionMinor: 500_00,
      endMrrMinor: 1500_00,
    });
    await send("DELETE", `/api/v1/subscriptions/${more.id}`, undefined, 204);
    await send("PUT", "/api/v1/revenue/settings", { baseCurrency: null, rates: [] }, 200, admin);
  });

  it("narrows every figure to a segment's accounts, and answers 404 for a segment the workspace does not have", async () => {
    const acmeOnly = await send<{ id: string }>(
      "POST",
      "/api/v1/segments",
      {
        name: "Acme only",
        entity: "account",
        filter: { match: "all", conditions: [{ field: "name", op: "eq", value: "Acme" }] },
      },
      201,
    );
    const r = await send<RevenueMetrics>(
      "GET",
      `/api/v1/metrics/revenue?from=2024-02-01&to=2024-06-30&segment=${acmeOnly.id}`,
    );
    expect(r.segmentId).toBe(acmeOnly.id);
    expect(r.figures).toMatchObject({
      startMrrMinor: usd(1000),
      expansionMinor: usd(500),
      contractionMinor: usd(500),
      endMrrMinor: usd(1000),
      newMinor: 0,
      churnMinor: 0,
    });
    const march = await send<MrrMonth>("GET", `/api/v1/metrics/mrr?month=2024-03&segment=${acmeOnly.id}`);
    expect(march.figures).toMatchObject({ mrrInMonthMinor: usd(1500), mrrEndOfMonthMinor: usd(1500) });
    const unknown = await t.request(
      member,
      "GET",
      "/api/v1/metrics/revenue?from=2024-02-01&to=2024-06-30&segment=00000000-0000-4000-8000-000000000000",
    );
    expect(unknown.statusCode).toBe(404);
    expect(errorOf(unknown).message).toBe("Segment not found");
  });

  it("keeps the whole workspace's month-by-month figures in step as subscriptions change and accounts go", async () => {
    // Eiche pays in euros: with a base currency and a rate, the month by month is in dollars.
    await send(
      "PUT",
      "/api/v1/revenue/settings",
      { baseCurrency: "USD", rates: [{ currency: "EUR", validFrom: "2024-01-01", rate: 1.1 }] },
      200,
      admin,
    );
    const gone = await send<Account>("POST", "/api/v1/accounts", { name: "Fjord (leaving)" }, 201);
    await subscription(gone.id, 700, "2024-02-10");
    const second = await subscription(gone.id, 300, "2024-03-01");
    await send("PATCH", `/api/v1/subscriptions/${second.id}`, { endDate: "2024-04-15", status: "canceled" });
    const everyone = await send<{ id: string }>(
      "POST",
      "/api/v1/segments",
      {
        name: "Every account",
        entity: "account",
        filter: { match: "all", conditions: [{ field: "name", op: "neq", value: "(nobody)" }] },
      },
      201,
    );
    // The workspace's figures come from totals kept as accounts change; a segment's are summed
    // from its accounts' movements. A segment of every account must agree month by month.
    const both = async () => {
      const [whole, segment, cohorts, segmentCohorts] = await Promise.all([
        period("2024-01-01", "2024-06-30"),
        send<RevenueMetrics>(
          "GET",
          `/api/v1/metrics/revenue?from=2024-01-01&to=2024-06-30&segment=${everyone.id}`,
        ),
        send<Cohorts>("GET", "/api/v1/metrics/cohorts?from=2023-11&to=2024-04"),
        send<Cohorts>("GET", `/api/v1/metrics/cohorts?from=2023-11&to=2024-04&segment=${everyone.id}`),
      ]);
      expect(cohorts.cohorts).toEqual(segmentCohorts.cohorts);
      return {
        whole: whole.byCurrency,
        segment: segment.byCurrency,
        months: whole.byMonth,
        again: segment.byMonth,
        cohorts: cohorts.cohorts,
      };
    };
    const withFjord = await both();
    expect(withFjord.months.map((m) => m.month)).toEqual([
      "2024-01",
      "2024-02",
      "2024-03",
      "2024-04",
      "2024-05",
      "2024-06",
    ]);
    expect(withFjord.months.find((m) => m.month === "2024-03")?.expansionMinor).toBeGreaterThanOrEqual(
      usd(300),
    );
    expect(withFjord.months).toEqual(withFjord.again);
    expect(withFjord.whole).toEqual(withFjord.segment);

    await send("DELETE", `/api/v1/accounts/${gone.id}`, undefined, 204);
    const without = await both();
    expect(without.months).toEqual(without.again);
    expect(without.whole).toEqual(without.segment);
    // Fjord was of February's cohort and paid $1,000 in March.
    const february = (c: typeof without.cohorts) => c.find((x) => x.month === "2024-02");
    expect(february(withFjord.cohorts)?.logos).toBe((february(without.cohorts)?.logos ?? 0) + 1);
    const march = (c: typeof without.cohorts) =>
      february(c)?.retention.find((r) => r.month === "2024-03")?.mrrMinor ?? 0;
    expect(march(withFjord.cohorts)).toBe(march(without.cohorts) + usd(1000));
    expect(without.months.find((m) => m.month === "2024-02")?.newMinor).toBe(
      (withFjord.months.find((m) => m.month === "2024-02")?.newMinor ?? 0) - usd(700),
    );
    await send("DELETE", `/api/v1/segments/${everyone.id}`, undefined, 204);
    await send("PUT", "/api/v1/revenue/settings", { baseCurrency: null, rates: [] }, 200, admin);
  });

  it("groups customers by the month they first paid and follows how many still pay", async () => {
    const r = await send<Cohorts>("GET", "/api/v1/metrics/cohorts?from=2024-01&to=2024-02");
    // Birch first paid in January (Acme's first month is now November 2023), Eiche in February;
    // their currencies differ and no base is set, so only customers are counted.
    expect(r.currency).toBeNull();
    expect(r.cohorts.map((c) => [c.month, c.logos])).toEqual([
      ["2024-01", 1],
      ["2024-02", 1],
    ]);
    const birch = r.cohorts[0]?.retention.slice(0, 4).map((x) => [x.month, x.logos, x.logoRate, x.mrrMinor]);
    expect(birch).toEqual([
      ["2024-01", 1, 1, null],
      // Nothing to convert when nobody of the cohort pays: zero, in any currency.
      ["2024-02", 0, 0, 0],
      ["2024-03", 0, 0, 0],
      ["2024-04", 1, 1, null],
    ]);
  });

  it("refuses a backwards period, a margin given as a percentage and a lowercase currency at their fields", async () => {
    const backwards = await t.request(member, "GET", "/api/v1/metrics/revenue?from=2024-06-01&to=2024-01-01");
    expect(backwards.statusCode).toBe(400);
    expect(errorOf(backwards).details?.issues).toEqual([
      expect.objectContaining({ path: "query.to", message: "must not be before from" }),
    ]);
    const margin = await t.request(admin, "PUT", "/api/v1/revenue/settings", { grossMargin: 78 });
    expect(margin.statusCode).toBe(400);
    expect(errorOf(margin).details?.issues?.[0]).toMatchObject({
      path: "grossMargin",
      message: "must be between 0 and 1 (e.g. 0.78 for 78%)",
    });
    const currency = await t.request(admin, "PUT", "/api/v1/revenue/settings", { baseCurrency: "usd" });
    expect(currency.statusCode).toBe(400);
    const byMember = await t.request(member, "PUT", "/api/v1/revenue/settings", { grossMargin: 0.5 });
    expect(byMember.statusCode).toBe(403);
    const days = await t.request(admin, "PUT", "/api/v1/revenue/settings", {
      grossMargin: 0.5,
      noticeDays: 400,
    });
    expect(days.statusCode).toBe(400);
    expect(errorOf(days).details?.issues?.[0]).toMatchObject({
      path: "noticeDays",
      message: "must be between 0 and 365 days",
    });
    // Nothing of a refused change is kept: the margin sent beside the bad notice period is not stored.
    expect(await send<RevenueSettings>("GET", "/api/v1/revenue/settings")).toMatchObject({
      grossMargin: null,
      noticeDays: 60,
      doNotAskDays: 90,
    });
  });
});
