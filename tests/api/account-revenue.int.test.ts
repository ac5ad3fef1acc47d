import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays, utcToday } from "../../src/common/dates.ts";
import type { Account, Subscription, TimelineEntry } from "../../src/contract/index.ts";
import { queryRows, withTx } from "../../src/db/index.ts";
import { refreshAccountRevenue, refreshAllAccountRevenue } from "../../src/domain/subscriptions/index.ts";
import { type Caller, createTestApp, type TestApp, type TestWorkspace } from "../helpers/test-app.ts";

/** An account's MRR and next renewal: which subscriptions count, on which day, and when they are recomputed. */
let t: TestApp;
let ws: TestWorkspace;
let writer: Caller;

type Page<T> = { data: T[]; nextCursor: string | null };

const dayFromToday = (days: number) => addDays(utcToday(), days);

async function post<T>(caller: Caller, url: string, body: unknown): Promise<T> {
  const res = await t.request(caller, "POST", url, body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json<T>();
}
const accountOf = async (caller: Caller, id: string) =>
  (await t.request(caller, "GET", `/api/v1/accounts/${id}`)).json<Account>();

beforeAll(async () => {
  t = await createTestApp();
  ws = await t.workspace("revenue");
  writer = await t.signIn(ws.users.member.email);
});

afterAll(async () => {
  await t?.close();
});

describe("which subscriptions count", () => {
  it("one that has not started yet adds nothing to MRR; one that started today does", async () => {
    const a = await post<Account>(writer, "/api/v1/accounts", { name: "Future Co" });
    await post<Subscription>(writer, "/api/v1/subscriptions", {
      accountId: a.id,
      product: "Later",
      mrrMinor: 5_000,
      startDate: dayFromToday(1),
    });
    expect((await accountOf(writer, a.id)).mrrMinor).toBe(0);
    await post<Subscription>(writer, "/api/v1/subscriptions", {
      accountId: a.id,
      product: "Now",
      mrrMinor: 700,
      startDate: dayFromToday(0),
    });
    expect((await accountOf(writer, a.id)).mrrMinor).toBe(700);
  });

  it("uses today's date in UTC whatever the database session's time zone", async () => {
    const a = await post<Account>(writer, "/api/v1/accounts", { name: "Time Zone Co" });
    const hour = new Date().getUTCHours();
    // Where the session's date is tomorrow (UTC+14 from 10:00 UTC), a subscription ending today
    // (UTC) still counts and renews today; where it is yesterday (UTC−12 before 12:00 UTC), one that
    // ended yesterday no longer counts, even if still marked active.
    const cases: { zone: string; endDate: string; mrr: number; renewal: string | null }[] = [];
    if (hour >= 10)
      cases.push({ zone: "Etc/GMT-14", endDate: dayFromToday(0), mrr: 900, renewal: dayFromToday(0) });
    if (hour < 12) cases.push({ zone: "Etc/GMT+12", endDate: dayFromToday(-1), mrr: 0, renewal: null });
    expect(cases.length).toBeGreaterThan(0);
    for (const c of cases) {
      const s = await post<Subscription>(writer, "/api/v1/subscriptions", {
        accountId: a.id,
        product: `Zone ${c.zone}`,
        mrrMinor: 900,
        startDate: dayFromToday(-30),
        endDate: c.endDate,
        renewalDate: c.endDate,
        status: "active",
      });
      const row = await withTx(t.database.db, async (tx) => {
        await tx.execute(sql`select set_config('timezone', ${c.zone}, true)`);
        await refreshAccountRevenue(tx, ws.id, [a.id]);
        return (
          await queryRows<{ mrr: number; renewal: string | null; local: string }>(
            tx,
            sql`select mrr_minor::int as mrr, next_renewal_date::text as renewal, current_date::text as local
                from accounts where workspace_id = ${ws.id} and id = ${a.id}`,
          )
        )[0];
      });
      expect(row?.local, "the session's date differs from UTC's").not.toBe(utcToday());
      expect(row, c.zone).toMatchObject({ mrr: c.mrr, renewal: c.renewal });
      expect((await t.request(writer, "DELETE", `/api/v1/subscriptions/${s.id}`)).statusCode).toBe(204);
    }
  });
});

describe("refreshAllAccountRevenue", () => {
  it("recomputes every workspace's accounts after days pass without a write", async () => {
    const other = await t.workspace("revenue-other");
    const otherKey = await t.apiKey(other, ["read", "write"]);
    const ending = await post<Account>(writer, "/api/v1/accounts", { name: "Ending Co" });
    const starting = await post<Account>(otherKey, "/api/v1/accounts", { name: "Starting Co" });
    const ends = await post<Subscription>(writer, "/api/v1/subscriptions", {
      accountId: ending.id,
      product: "Ends",
      mrrMinor: 1_000,
      startDate: dayFromToday(-100),
      endDate: dayFromToday(10),
    });
    const starts = await post<Subscription>(otherKey, "/api/v1/subscriptions", {
      accountId: starting.id,
      product: "Starts",
      mrrMinor: 2_000,
      startDate: dayFromToday(10),
      renewalDate: dayFromToday(40),
    });
    expect((await accountOf(writer, ending.id)).mrrMinor).toBe(1_000);
    expect((await accountOf(otherKey, starting.id)).mrrMinor).toBe(0);

    // Time passes: the dates move as if eleven days went by, and nothing writes a subscription.
    await t.database.db.execute(
      sql`update subscriptions set end_date = ${dayFromToday(-1)}::date where id = ${ends.id}`,
    );
    await t.database.db.execute(
      sql`update subscriptions set start_date = ${dayFromToday(-1)}::date where id = ${starts.id}`,
    );
    expect((await accountOf(writer, ending.id)).mrrMinor).toBe(1_000);

    const done = await refreshAllAccountRevenue(t.database.db);
    expect(done.workspaces).toBeGreaterThanOrEqual(2);
    expect((await accountOf(writer, ending.id)).mrrMinor).toBe(0);
    expect(await accountOf(otherKey, starting.id)).toMatchObject({
      mrrMinor: 2_000,
      nextRenewalDate: dayFromToday(40),
    });
  });
});

describe("deleting a subscription", () => {
  it("says so on the account's timeline and drops its MRR", async () => {
    const a = await post<Account>(writer, "/api/v1/accounts", { name: "Removal Co" });
    const s = await post<Subscription>(writer, "/api/v1/subscriptions", {
      accountId: a.id,
      product: "Platform",
      plan: "Growth",
      mrrMinor: 123_45,
      startDate: "2025-01-01",
    });
    expect((await t.request(writer, "DELETE", `/api/v1/subscriptions/${s.id}`)).statusCode).toBe(204);
    expect((await accountOf(writer, a.id)).mrrMinor).toBe(0);
    const entries = (
      await t.request(writer, "GET", `/api/v1/accounts/${a.id}/timeline?kind=subscription`)
    ).json<Page<TimelineEntry>>().data;
    expect(entries.map((e) => e.title)).toEqual([
      "Subscription removed: Platform (Growth), $123.45 MRR",
      "Subscription added: Platform (Growth), $123.45 MRR",
    ]);
    expect(entries[0]?.authorId).toBe(ws.users.member.id);
  });
});
