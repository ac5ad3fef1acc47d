import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays, utcToday } from "../../src/common/dates.ts";
import type {
  Account,
  ExpansionList,
  ExpansionOpportunity,
  ForecastBacktest,
  RatesBySegment,
  Renewal,
  RenewalOutcomes,
  RenewalPipeline,
  Subscription,
  TimelineEntry,
} from "../../src/contract/index.ts";
import { queryRows } from "../../src/db/index.ts";
import { inWorkspace } from "../../src/db/transaction.ts";
import {
  apiSender,
  type Caller,
  createTestApp,
  errorOf,
  type TestApp,
  type TestWorkspace,
} from "../helpers/test-app.ts";

/**
 * The renewal pipeline and forecast through the API: which subscriptions are in it and with what,
 * a renewal's conversation and outcome with their rules, the calibration on past renewals, the
 * outcomes of a period read from the history and the records, and the backtest.
 */
let t: TestApp;
let ws: TestWorkspace;
let member: Caller;
let admin: Caller;

const send = apiSender(
  () => t,
  () => member,
);
const today = utcToday();
const day = (n: number) => addDays(today, n);

async function account(name: string) {
  return send<Account>("POST", "/api/v1/accounts", { name }, 201);
}
async function subscription(accountId: string, dollars: number, more: Partial<Subscription>) {
  return send<Subscription>(
    "POST",
    "/api/v1/subscriptions",
    { accountId, product: "Platform", mrrMinor: dollars * 100, ...more },
    201,
  );
}

let acme: Account;
let acmeSub: Subscription;
let birchSub: Subscription;
let cedarSub: Subscription;

beforeAll(async () => {
  t = await createTestApp();
  ws = await t.workspace("renewals");
  member = await t.signIn(ws.users.member.email);
  admin = await t.signIn(ws.users.admin.email);
  acme = await account("Acme");
  const birch = await account("Birch");
  const cedar = await account("Cedar");
  const trial = await account("Trial Co");
  await send("PATCH", `/api/v1/accounts/${birch.id}`, { ownerId: ws.users.member.id }, 200);
  acmeSub = await subscription(acme.id, 1000, { startDate: day(-300), renewalDate: day(65) });
  birchSub = await subscription(birch.id, 500, { startDate: day(-700), renewalDate: day(30) });
  cedarSub = await subscription(cedar.id, 2000, {
    startDate: day(-265),
    renewalDate: day(100),
    currency: "EUR",
  });
  await subscription(trial.id, 0, { startDate: day(-5), renewalDate: day(20), status: "trial" });
});

afterAll(async () => {
  await t.close();
});

const pipeline = (query = "") => send<RenewalPipeline>("GET", `/api/v1/renewals${query}`);

/**
 * Forty past customers, each with a churn score recorded 90 days before its renewal: the riskier
 * half mostly churned, the safer half mostly renewed. Made once, by whichever test needs them first.
 */
let past: Promise<void> | undefined;
const addPastCustomers = () => {
  past ??= (async () => {
    for (let i = 0; i < 40; i++) {
      const a = await account(`Past ${i}`);
      const risky = i % 2 === 0;
      const churned = risky ? i % 8 !== 0 : i % 10 === 1;
      const start = day(-500 - i);
      const due = addDays(start, 365);
      await subscription(a.id, 100, {
        startDate: start,
        ...(churned ? { endDate: due, status: "canceled" } : {}),
      });
      await inWorkspace(t.database.db, ws.id, (db) =>
        db.execute(sql`insert into churn_probability_history (workspace_id, account_id, kind, day, probability)
                       values (${ws.id}, ${a.id}, 'churn', ${addDays(due, -90)}, ${risky ? 0.7 : 0.1})`),
      );
    }
  })();
  return past;
};

describe("the renewal pipeline", () => {
  it("lists the paid subscriptions renewing in the window with their figures, soonest first", async () => {
    const p = await pipeline();
    expect(p.from).toBe(today);
    expect(p.to).toBe(day(89));
    expect(p.data.map((r) => r.accountName)).toEqual(["Birch", "Acme"]);
    const birch = p.data[0] as Renewal;
    expect(birch).toMatchObject({
      subscriptionId: birchSub.id,
      dueDate: day(30),
      noticeDate: day(-30),
      noticeDateSet: false,
      arrMinor: 600_000,
      currency: "USD",
      stage: "not_started",
      owner: { id: ws.users.member.id },
      churnProbability: null,
      outcome: null,
    });
    // No churn scores and one past renewal (Birch's first year, renewed): the base rate weighs all.
    expect(p.forecast.calibration).toMatchObject({ method: "uncalibrated", renewals: 1, baseRate: 1 });
    expect(birch.renewalProbability).toBe(1);
    expect(birch.forecast).toBe("commit");
    expect(p.forecast.headline).toMatchObject({ currency: "USD", renewals: 2, arrMinor: 1_800_000 });

    const longer = await pipeline("?days=120");
    expect(longer.data.map((r) => r.accountName)).toEqual(["Birch", "Acme", "Cedar"]);
    expect(longer.data[2]).toMatchObject({
      subscriptionId: cedarSub.id,
      currency: "EUR",
      arrMinor: 2_400_000,
    });
    // Two currencies and no base currency: the forecast is per currency, and says so.
    expect(longer.forecast.headline).toBeNull();
    expect(longer.forecast.byCurrency.map((c) => [c.currency, c.arrMinor])).toEqual([
      ["EUR", 2_400_000],
      ["USD", 1_800_000],
    ]);
    expect(longer.forecast.notes.join(" ")).toContain("no base currency is set");
    await send(
      "PUT",
      "/api/v1/revenue/settings",
      { baseCurrency: "USD", rates: [{ currency: "EUR", validFrom: day(-30), rate: 1.1 }] },
      200,
      admin,
    );
    const based = await pipeline("?days=120");
    expect(based.forecast.headline).toMatchObject({ currency: "USD", arrMinor: 1_800_000 + 2_640_000 });
    await send("PUT", "/api/v1/revenue/settings", { baseCurrency: null, rates: [] }, 200, admin);
  });

  it("filters by owner and stage, and refuses a bad window and another workspace's segment", async () => {
    expect((await pipeline(`?owner=${ws.users.member.id}`)).data.map((r) => r.accountName)).toEqual([
      "Birch",
    ]);
    expect((await pipeline("?owner=none")).data.map((r) => r.accountName)).toEqual(["Acme"]);
    expect((await pipeline("?stage=negotiating")).data).toEqual([]);
    const bad = await t.request(member, "GET", "/api/v1/renewals?days=0");
    expect(bad.statusCode).toBe(400);
    expect(errorOf(bad).details?.issues?.[0]).toMatchObject({
      path: "query.days",
      message: "must be between 1 and 730 days",
    });
    const other = await t.request(
      member,
      "GET",
      "/api/v1/renewals?segment=00000000-0000-4000-8000-000000000000",
    );
    expect(other.statusCode).toBe(404);
  });
});

describe("a renewal's record", () => {
  it("keeps the stage, the CSM's call and a notice date, and shows where the call differs", async () => {
    const r = await send<Renewal>(
      "PUT",
      `/api/v1/renewals/${acmeSub.id}`,
      { stage: "negotiating", csmCall: "at_risk", noticeDate: day(5), note: "Budget review in January" },
      200,
    );
    expect(r).toMatchObject({
      dueDate: day(65),
      stage: "negotiating",
      csmCall: "at_risk",
      forecast: "commit",
      callDiffers: true,
      noticeDate: day(5),
      noticeDateSet: true,
      note: "Budget review in January",
    });
    expect((await pipeline("?stage=negotiating")).data.map((x) => x.subscriptionId)).toEqual([acmeSub.id]);
    const p = await pipeline();
    expect(p.forecast.headline?.csm).toMatchObject({ atRiskMinor: 1_200_000, noneMinor: 600_000 });
  });

  it("refuses an outcome without its reason, a closed stage without an outcome, and stores nothing of it", async () => {
    const noReason = await t.request(member, "PUT", `/api/v1/renewals/${acmeSub.id}`, {
      stage: "closed",
      outcome: "churned",
    });
    expect(noReason.statusCode).toBe(400);
    expect(errorOf(noReason).details?.issues?.[0]).toMatchObject({ path: "reasonCode" });
    const closedOnly = await t.request(member, "PUT", `/api/v1/renewals/${acmeSub.id}`, { stage: "closed" });
    expect(errorOf(closedOnly).details?.issues?.[0]).toMatchObject({ path: "outcome" });
    const openWithOutcome = await t.request(member, "PUT", `/api/v1/renewals/${acmeSub.id}`, {
      outcome: "renewed",
    });
    expect(errorOf(openWithOutcome).details?.issues?.[0]).toMatchObject({
      path: "stage",
      message: "must be closed once the renewal has an outcome",
    });
    const badCode = await t.request(member, "PUT", `/api/v1/renewals/${acmeSub.id}`, {
      stage: "closed",
      outcome: "churned",
      reasonCode: "Too Expensive!",
    });
    expect(errorOf(badCode).details?.issues?.[0]).toMatchObject({ path: "reasonCode" });
    const downgradeUp = await t.request(member, "PUT", `/api/v1/renewals/${acmeSub.id}`, {
      stage: "closed",
      outcome: "downgraded",
      reasonCode: "budget",
      arrAfterMinor: 1_500_000,
    });
    expect(errorOf(downgradeUp).details?.issues?.[0]).toMatchObject({ path: "arrAfterMinor" });
    const trialSub = (
      await send<{ data: Subscription[] }>("GET", "/api/v1/subscriptions?limit=100")
    ).data.find((s) => s.status === "trial") as Subscription;
    expect(
      (await t.request(member, "PUT", `/api/v1/renewals/${trialSub.id}`, { stage: "outreach" })).statusCode,
    ).toBe(409);
    expect(
      (await t.request(member, "PUT", "/api/v1/renewals/00000000-0000-4000-8000-000000000000", {}))
        .statusCode,
    ).toBe(404);
    const kept = (await pipeline()).data.find((x) => x.subscriptionId === acmeSub.id);
    expect(kept).toMatchObject({ stage: "negotiating", outcome: null });
  });

  it("records an outcome with its reason on the timeline, as an event, and among the period's outcomes", async () => {
    const r = await send<Renewal>(
      "PUT",
      `/api/v1/renewals/${acmeSub.id}`,
      { stage: "closed", outcome: "downgraded", reasonCode: "fewer_users", arrAfterMinor: 900_000 },
      200,
    );
    expect(r).toMatchObject({ outcome: "downgraded", reasonCode: "fewer_users", arrAfterMinor: 900_000 });
    const timeline = await send<{ data: TimelineEntry[] }>(
      "GET",
      `/api/v1/accounts/${acme.id}/timeline?limit=5`,
    );
    expect(timeline.data[0]).toMatchObject({
      kind: "renewal",
      title: `Renewal of ${day(65)} renewed with a downgrade (fewer users)`,
      body: "ARR $12,000.00 → $9,000.00\nBudget review in January",
    });
    const events = await inWorkspace(t.database.db, ws.id, (db) =>
      queryRows<{ type: string; data: unknown }>(
        db,
        sql`select type, data from domain_events where type like 'renewal.%' order by position desc limit 1`,
      ),
    );
    expect(events[0]).toMatchObject({
      type: "renewal.decided",
      data: { subscriptionId: acmeSub.id, outcome: "downgraded", reasonCode: "fewer_users" },
    });
    const outcomes = await send<RenewalOutcomes>(
      "GET",
      `/api/v1/renewals/outcomes?from=${day(-800)}&to=${day(90)}`,
    );
    // Acme's recorded (a customer who said so ahead), Birch's first contract year read from history.
    expect(outcomes.data.map((o) => [o.accountName, o.outcome, o.source, o.reasonCode])).toEqual([
      ["Acme", "downgraded", "recorded", "fewer_users"],
      ["Birch", "renewed", "history", null],
    ]);
    expect(outcomes.renewalRate).toBe(1);
    // A later edit of the note keeps the day the renewal was decided.
    const decidedAt = () =>
      inWorkspace(t.database.db, ws.id, (db) =>
        queryRows<{ decidedAt: Date }>(
          db,
          sql`select decided_at as "decidedAt" from renewals where subscription_id = ${acmeSub.id}`,
        ),
      );
    const [first] = await decidedAt();
    expect(first?.decidedAt).toBeTruthy();
    await send("PUT", `/api/v1/renewals/${acmeSub.id}`, { note: "Signed for 75 seats" }, 200);
    expect((await decidedAt())[0]?.decidedAt).toEqual(first?.decidedAt);
    expect(outcomes.byReason).toContainEqual({ outcome: "downgraded", reasonCode: "fewer_users", count: 1 });
  });
});

describe("calibration and backtest", () => {
  it("fits the renewal probability on past renewals and the churn scores recorded before them", async () => {
    await addPastCustomers();
    // The kept calibration is a day old at most; this workspace's changed, so refit it now.
    await inWorkspace(t.database.db, ws.id, (db) => db.execute(sql`delete from renewal_calibrations`));
    const { calibration } = (await pipeline()).forecast;
    expect(calibration).toMatchObject({ method: "platt", scored: 40, note: null });
    expect(calibration.slope).toBeLessThan(0);
    const risky = calibration.bins.find((b) => b.from === 0.7) as { actual: number; predicted: number };
    const safe = calibration.bins.find((b) => b.from === 0.1) as { actual: number; predicted: number };
    expect(safe.actual).toBeGreaterThan(risky.actual);
    // Platt scaling reproduces each group's renewal rate when there are two scores.
    expect(risky.predicted).toBeCloseTo(risky.actual, 2);
    expect(safe.predicted).toBeCloseTo(safe.actual, 2);
  }, 120_000); // eighty writes through the API: slow on a busy machine

  it("backtests the forecast per quarter against what renewed, every quarter in one currency", async () => {
    await addPastCustomers();
    // A customer paying in euros renewed in a quarter of its own: with no base currency that
    // quarter stays in dollars, the currency with the most ARR over all quarters, so that the
    // quarters add up; it says what it left out.
    const euro = await account("Past in euros");
    await subscription(euro.id, 100, { startDate: day(-765), currency: "EUR" });
    const b = await send<ForecastBacktest>("GET", "/api/v1/renewals/backtest?quarters=8");
    await send("DELETE", `/api/v1/accounts/${euro.id}`, undefined, 204);
    expect(b.quarters).toHaveLength(8);
    expect(b.currency).toBe("USD");
    // The quarter it renewed in: the latest to start on or before its renewal day.
    const dueQuarter = b.quarters
      .filter((q) => q.asOf <= day(-400))
      .sort((x, y) => y.asOf.localeCompare(x.asOf))[0];
    expect(dueQuarter?.renewals).toBe(0);
    expect(b.notes).toContain(
      `${dueQuarter?.quarter}: only the USD renewals are counted (the others have no rate into a base currency)`,
    );
    const withRenewals = b.quarters.filter((q) => q.renewals > 0);
    expect(withRenewals.length).toBeGreaterThan(0);
    for (const q of withRenewals) {
      expect(q.expectedArrMinor).toBeLessThanOrEqual(q.arrMinor);
      expect(q.renewedArrMinor).toBeLessThanOrEqual(q.arrMinor);
      expect(q.byCall.reduce((s, c) => s + c.renewals, 0)).toBeLessThanOrEqual(q.renewals);
    }
    const bad = await t.request(member, "GET", "/api/v1/renewals/backtest?quarters=40");
    expect(errorOf(bad).details?.issues?.[0]).toMatchObject({ path: "query.quarters" });
  });
});

describe("expansion opportunities", () => {
  it("records one on an account, owned by the account's owner, and closes it as won", async () => {
    const birch = (await pipeline()).data.find((r) => r.accountName === "Birch") as Renewal;
    const created = await send<ExpansionOpportunity>(
      "POST",
      "/api/v1/expansion-opportunities",
      { accountId: birch.accountId, title: "Analytics add-on", arrMinor: 240_000, expectedClose: day(40) },
      201,
    );
    expect(created).toMatchObject({
      accountName: "Birch",
      currency: "USD",
      stage: "open",
      owner: { id: ws.users.member.id },
      closedAt: null,
    });
    const won = await send<ExpansionOpportunity>(
      "PATCH",
      `/api/v1/expansion-opportunities/${created.id}`,
      { stage: "won" },
      200,
    );
    expect(won.stage).toBe("won");
    expect(won.closedAt).not.toBeNull();
    const list = await send<ExpansionList>("GET", "/api/v1/expansion-opportunities?stage=won");
    expect(list.data.map((o) => o.id)).toEqual([created.id]);
    const reopened = await send<ExpansionOpportunity>(
      "PATCH",
      `/api/v1/expansion-opportunities/${created.id}`,
      { stage: "open" },
      200,
    );
    expect(reopened.closedAt).toBeNull();
  });

  it("refuses a zero amount, a stranger as owner and an unknown account at their fields", async () => {
    const zero = await t.request(member, "POST", "/api/v1/expansion-opportunities", {
      accountId: acme.id,
      title: "Seats",
      arrMinor: 0,
    });
    expect(errorOf(zero).details?.issues?.[0]).toMatchObject({
      path: "arrMinor",
      message: "must be more than 0",
    });
    const stranger = await t.request(member, "POST", "/api/v1/expansion-opportunities", {
      accountId: acme.id,
      title: "Seats",
      arrMinor: 100,
      ownerId: "00000000-0000-4000-8000-000000000000",
    });
    expect(errorOf(stranger).details?.issues?.[0]).toMatchObject({ path: "ownerId" });
    const nowhere = await t.request(member, "POST", "/api/v1/expansion-opportunities", {
      accountId: "00000000-0000-4000-8000-000000000000",
      title: "Seats",
      arrMinor: 100,
    });
    expect(errorOf(nowhere).details?.issues?.[0]).toMatchObject({ path: "accountId" });
    expect(
      (await send<ExpansionList>("GET", `/api/v1/expansion-opportunities?accountId=${acme.id}`)).data,
    ).toEqual([]);
  });
});

describe("renewal and expansion rates by segment", () => {
  it("gives the renewal and expansion rates of all customers and of a segment's members", async () => {
    await addPastCustomers();
    const seg = await send<{ id: string }>(
      "POST",
      "/api/v1/segments",
      {
        name: "Past customers",
        entity: "account",
        filter: { match: "all", conditions: [{ field: "name", op: "contains", value: "Past " }] },
      },
      201,
    );
    const rates = await send<RatesBySegment>("GET", `/api/v1/renewals/rates?from=${day(-900)}&to=${today}`);
    const all = rates.rows[0];
    const past = rates.rows.find((r) => r.segmentId === seg.id);
    expect(all).toMatchObject({ segmentId: null, name: "All customers" });
    // The forty past customers: 5 of the 20 risky ones and 16 of the 20 safe ones renewed.
    expect(past).toMatchObject({ name: "Past customers", accounts: 40, renewals: 40, renewalRate: 21 / 40 });
    expect(all?.renewals).toBeGreaterThan(40);
    const backwards = await t.request(member, "GET", `/api/v1/renewals/rates?from=${today}&to=${day(-1)}`);
    expect(errorOf(backwards).details?.issues?.[0]).toMatchObject({ path: "query.to" });
  }, 120_000); // the forty past customers may be made here: slow on a busy machine
});
