import { describe, expect, it } from "vitest";
import { addDays, daysBetween } from "../../common/dates.ts";

import {
  breadth,
  checkDay,
  depth,
  type FeatureDef,
  featureAdoption,
  fillSeries,
  isAccountQuiet,
  isKeyPlayerQuiet,
  periodRange,
  rankEngagement,
  ratio,
  topEvents,
  trend,
} from "./adoption.rules.ts";

const ID = (n: number) => `0190a4b0-0000-7000-8000-${String(n).padStart(12, "0")}`;

describe("days", () => {
  it("adds days across months, leap days and years in UTC", () => {
    expect(addDays("2026-02-28", 1)).toBe("2026-03-01");
    expect(addDays("2028-02-28", 1)).toBe("2028-02-29");
    expect(addDays("2026-01-01", -1)).toBe("2025-12-31");
    expect(daysBetween("2026-03-01", "2026-03-22")).toBe(21);
    expect(daysBetween("2026-03-22", "2026-03-01")).toBe(-21);
  });

  it("refuses a day that is not a real date", () => {
    expect(checkDay("2026-03-01")).toBe("2026-03-01");
    for (const bad of ["2026-02-30", "2026-3-1", "today", "2026-03-01'; drop table x"]) {
      expect(() => checkDay(bad), bad).toThrow(expect.objectContaining({ code: "VALIDATION_FAILED" }));
    }
  });
});

describe("periodRange", () => {
  it("ends today, with the previous period the same length just before", () => {
    expect(periodRange("7d", "2026-03-31")).toEqual({
      from: "2026-03-25",
      to: "2026-03-31",
      previousFrom: "2026-03-18",
      previousTo: "2026-03-24",
      wauFrom: "2026-03-25",
      mauFrom: "2026-03-02",
      scanFrom: "2026-03-02",
    });
    const month = periodRange("30d", "2026-03-31");
    expect([month.from, month.previousFrom, month.previousTo, month.scanFrom]).toEqual([
      "2026-03-02",
      "2026-01-31",
      "2026-03-01",
      "2026-01-31",
    ]);
    const quarter = periodRange("90d", "2026-03-31");
    expect(daysBetween(quarter.from, quarter.to)).toBe(89);
    expect(daysBetween(quarter.previousFrom, quarter.previousTo)).toBe(89);
    expect(addDays(quarter.previousTo, 1)).toBe(quarter.from);
  });
});

describe("trend and ratio", () => {
  it("change is current ÷ previous − 1, null without a previous figure", () => {
    expect(trend(15, 10)).toEqual({ current: 15, previous: 10, change: 0.5 });
    expect(trend(5, 10).change).toBe(-0.5);
    expect(trend(5, 0).change).toBeNull();
    expect(trend(5, null).change).toBeNull();
    expect(trend(null, 4).change).toBeNull();
    expect(trend(0, 4).change).toBe(-1);
  });

  it("ratio is null when dividing by zero or nothing", () => {
    expect(ratio(3, 4)).toBe(0.75);
    expect(ratio(3, 0)).toBeNull();
    expect(ratio(3, null)).toBeNull();
    expect(ratio(null, 3)).toBeNull();
  });
});

describe("fillSeries", () => {
  it("has one point per day, missing days at zero", () => {
    expect(
      fillSeries("2026-02-27", "2026-03-02", [{ day: "2026-02-28", n: 3 }], [{ day: "2026-03-02", n: 9 }]),
    ).toEqual([
      { day: "2026-02-27", activeUsers: 0, events: 0 },
      { day: "2026-02-28", activeUsers: 3, events: 0 },
      { day: "2026-03-01", activeUsers: 0, events: 0 },
      { day: "2026-03-02", activeUsers: 0, events: 9 },
    ]);
  });
});

const defs: FeatureDef[] = [
  { event: "report", name: "Reports", key: true },
  { event: "export", name: "Export", key: true },
  { event: "invite", name: "Invite", key: true },
  { event: "login", name: "Sign-in", key: false },
];
const totals = [
  { event: "report", current: 10, previous: 0 },
  { event: "export", current: 0, previous: 4 },
  { event: "login", current: 30, previous: 20 },
  { event: "search", current: 5, previous: 6 },
];

describe("breadth and depth", () => {
  it("breadth counts key features used in each period over key features defined", () => {
    expect(breadth(totals, defs)).toEqual({ used: 1, defined: 3, ratio: 1 / 3, previousRatio: 1 / 3 });
    expect(breadth(totals, [])).toEqual({ used: 0, defined: 0, ratio: null, previousRatio: null });
  });

  it("depth is key-feature uses per active user, all uses when nothing is key", () => {
    expect(depth(totals, defs, { current: 5, previous: 2 })).toEqual({ current: 2, previous: 2, change: 0 });
    expect(depth(totals, [], { current: 9, previous: 0 })).toEqual({
      current: 5,
      previous: null,
      change: null,
    });
  });
});

describe("topEvents", () => {
  it("orders by uses then name, names and flags from the definitions, at most the limit", () => {
    expect(topEvents(totals, defs, 2)).toEqual([
      { event: "login", name: "Sign-in", key: false, events: 30 },
      { event: "report", name: "Reports", key: true, events: 10 },
    ]);
    const tied = topEvents(
      [
        { event: "b", current: 1, previous: 0 },
        { event: "a", current: 1, previous: 0 },
        { event: "unused", current: 0, previous: 7 },
      ],
      [],
    );
    expect(tied.map((t) => [t.event, t.name])).toEqual([
      ["a", "a"],
      ["b", "b"],
    ]);
  });
});

describe("quiet rules", () => {
  const base = { lifecycleStage: "adoption", createdOn: "2026-01-01", workspaceHasUsage: true };

  it("an account is quiet from quietDays days after its last activity", () => {
    expect(isAccountQuiet({ ...base, lastActiveOn: "2026-03-01" }, "2026-03-15", 14)).toBe(true);
    expect(isAccountQuiet({ ...base, lastActiveOn: "2026-03-02" }, "2026-03-15", 14)).toBe(false);
  });

  it("never active counts once the account is quietDays old, and only where usage data flows", () => {
    expect(isAccountQuiet({ ...base, lastActiveOn: null }, "2026-01-15", 14)).toBe(true);
    expect(isAccountQuiet({ ...base, lastActiveOn: null }, "2026-01-14", 14)).toBe(false);
    expect(isAccountQuiet({ ...base, lastActiveOn: null, workspaceHasUsage: false }, "2026-06-01", 14)).toBe(
      false,
    );
  });

  it("a churned account is never quiet", () => {
    expect(
      isAccountQuiet({ ...base, lifecycleStage: "churned", lastActiveOn: "2025-01-01" }, "2026-03-15", 14),
    ).toBe(false);
  });

  it("a key player who never used the product, or is at a churned account, is not quiet", () => {
    expect(isKeyPlayerQuiet(null, "2026-03-15", 21, "adoption")).toBe(false);
    expect(isKeyPlayerQuiet("2026-02-22", "2026-03-15", 21, "adoption")).toBe(true);
    expect(isKeyPlayerQuiet("2026-02-23", "2026-03-15", 21, "adoption")).toBe(false);
    expect(isKeyPlayerQuiet("2026-01-01", "2026-03-15", 21, "churned")).toBe(false);
  });
});

describe("rankEngagement", () => {
  const row = (
    n: number,
    name: string,
    activeUsers: number,
    events: number,
    seats: number | null = null,
  ) => ({
    accountId: ID(n),
    name,
    tier: null,
    activeUsers,
    previousActiveUsers: 0,
    events,
    seats,
    mau: activeUsers,
    lastActiveOn: null,
  });

  it("ranks by active users, then uses, then name; least engaged the other way round", () => {
    const rows = [
      row(1, "A", 5, 10),
      row(2, "B", 5, 50, 10),
      row(3, "C", 0, 0),
      row(4, "D", 1, 3),
      row(5, "E", 0, 0),
    ];
    const { mostEngaged, leastEngaged } = rankEngagement(rows, 3);
    expect(mostEngaged.map((a) => a.name)).toEqual(["B", "A", "D"]);
    expect(leastEngaged.map((a) => a.name)).toEqual(["C", "E", "D"]);
    expect(mostEngaged[0]).toMatchObject({ utilization: 0.5 });
    expect(mostEngaged[0]).not.toHaveProperty("mau");
    expect(mostEngaged[1]?.utilization).toBeNull();
  });
});

describe("featureAdoption", () => {
  it("lists used and defined features, with the share of active accounts", () => {
    const rows = featureAdoption(
      [
        { event: "login", accounts: 4, users: 9, events: 30, previousEvents: 20, lastUsedOn: "2026-03-01" },
        { event: "old", accounts: 0, users: 0, events: 0, previousEvents: 6, lastUsedOn: "2026-01-20" },
      ],
      defs.slice(0, 1).concat(defs.slice(3)),
      8,
    );
    expect(rows).toEqual([
      {
        event: "login",
        name: "Sign-in",
        key: false,
        accounts: 4,
        accountShare: 0.5,
        users: 9,
        events: 30,
        previousEvents: 20,
        lastUsedOn: "2026-03-01",
      },
      {
        event: "old",
        name: "old",
        key: false,
        accounts: 0,
        accountShare: 0,
        users: 0,
        events: 0,
        previousEvents: 6,
        lastUsedOn: "2026-01-20",
      },
      {
        event: "report",
        name: "Reports",
        key: true,
        accounts: 0,
        accountShare: 0,
        users: 0,
        events: 0,
        previousEvents: 0,
        lastUsedOn: null,
      },
    ]);
    expect(featureAdoption([], defs.slice(0, 1), 0)[0]?.accountShare).toBeNull();
  });
});
