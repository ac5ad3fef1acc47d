import { describe, expect, it } from "vitest";
import type { AccountRevenue } from "../../../contract/index.ts";
import { accountMrrPoints, newestFirst } from "./accountRevenue.ts";

const months: AccountRevenue["months"] = [
  { month: "2026-05", currency: "USD", kind: "expansion", deltaMinor: 5_000, mrrMinor: 15_000 },
  { month: "2026-02", currency: "USD", kind: "new", deltaMinor: 10_000, mrrMinor: 10_000 },
  { month: "2026-03", currency: "EUR", kind: "new", deltaMinor: 7_000, mrrMinor: 7_000 },
  { month: "2026-07", currency: "USD", kind: "churn", deltaMinor: -15_000, mrrMinor: 0 },
];

describe("an account's revenue history", () => {
  it("fills the months between movements with the MRR the last one left, up to this month", () => {
    expect(accountMrrPoints(months, "USD", "2026-08")).toEqual([
      { month: "2026-02", mrrMinor: 10_000 },
      { month: "2026-03", mrrMinor: 10_000 },
      { month: "2026-04", mrrMinor: 10_000 },
      { month: "2026-05", mrrMinor: 15_000 },
      { month: "2026-06", mrrMinor: 15_000 },
      { month: "2026-07", mrrMinor: 0 },
      { month: "2026-08", mrrMinor: 0 },
    ]);
  });

  it("keeps to one currency, and has nothing for a currency the account never paid in", () => {
    expect(accountMrrPoints(months, "EUR", "2026-04").map((p) => p.mrrMinor)).toEqual([7_000, 7_000]);
    expect(accountMrrPoints(months, "GBP", "2026-04")).toEqual([]);
  });

  it("reaches a movement already known for a later month", () => {
    expect(accountMrrPoints(months, "USD", "2026-05").at(-1)).toEqual({ month: "2026-07", mrrMinor: 0 });
  });

  it("lists the movements newest first", () => {
    expect(newestFirst(months).map((m) => m.month)).toEqual(["2026-07", "2026-05", "2026-03", "2026-02"]);
  });
});
