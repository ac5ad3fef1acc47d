import { describe, expect, it } from "vitest";
import type { RevenueMetrics } from "../../../contract/index.ts";
import {
  addMonths,
  cohortOffsets,
  movementSeries,
  movementsCsvRows,
  netMovementMinor,
  retentionShade,
  revenuePeriod,
} from "./revenueView.ts";

type Month = RevenueMetrics["byMonth"][number];

const month = (m: string, patch: Partial<Month> = {}): Month => ({
  month: m,
  startMrrMinor: 100_000,
  newMinor: 5_000,
  expansionMinor: 2_000,
  reactivationMinor: 1_000,
  contractionMinor: 500,
  churnMinor: 3_000,
  endMrrMinor: 104_500,
  logos: 12,
  nrr: 0.985,
  grr: 0.965,
  logoChurn: 1 / 12,
  ...patch,
});

describe("revenue periods", () => {
  it("counts months across years", () => {
    expect(addMonths("2026-03", -11)).toBe("2025-04");
    expect(addMonths("2025-12", 1)).toBe("2026-01");
    expect(addMonths("2026-01", -1)).toBe("2025-12");
  });

  it("turns a preset into whole months up to the current one", () => {
    const today = "2026-12-07";
    expect(revenuePeriod("12m", {}, today)).toEqual({
      from: "2026-01-01",
      to: "2026-12-01",
      first: "2026-01",
      last: "2026-12",
    });
    expect(revenuePeriod("ytd", {}, "2026-03-15")).toMatchObject({ first: "2026-01", last: "2026-03" });
    expect(revenuePeriod("last-year", {}, today)).toMatchObject({ from: "2025-01-01", to: "2025-12-01" });
    expect(revenuePeriod("custom", { from: "2024-02", to: "2024-07" }, today)).toEqual({
      from: "2024-02-01",
      to: "2024-07-01",
      first: "2024-02",
      last: "2024-07",
    });
  });

  it("falls back to the last 12 months when a custom period misses an end", () => {
    expect(revenuePeriod("custom", { from: "2024-02" }, "2026-12-07")).toMatchObject({
      first: "2026-01",
      last: "2026-12",
    });
  });
});

describe("the movements chart", () => {
  it("stacks gains above zero and losses below, in major units, with the month-end MRR as a line", () => {
    const s = movementSeries([month("2026-01"), month("2026-02", { churnMinor: 0 })], "USD");
    expect(s.months).toEqual(["2026-01", "2026-02"]);
    expect(s.gains.map((g) => [g.name, g.data[0]])).toEqual([
      ["New", 50],
      ["Expansion", 20],
      ["Reactivation", 10],
    ]);
    expect(s.losses.map((l) => [l.name, l.data])).toEqual([
      ["Contraction", [-5, -5]],
      ["Churn", [-30, -0]],
    ]);
    expect(s.end).toEqual([1045, 1045]);
  });

  it("adds a month's movements up to the change of its MRR", () => {
    const m = month("2026-01");
    expect(netMovementMinor(m)).toBe(m.endMrrMinor - m.startMrrMinor);
  });

  it("uses the currency's own minor units", () => {
    expect(movementSeries([month("2026-01", { endMrrMinor: 104_500 })], "JPY").end).toEqual([104_500]);
  });
});

describe("the cohort triangle", () => {
  it("shades a cell by how much of month 0 is kept, revenue above 100% as 100%", () => {
    const none = retentionShade(0);
    const half = retentionShade(0.5);
    const all = retentionShade(1);
    expect(none).toEqual({ background: "rgba(19, 143, 120, 0.06)", color: "inherit" });
    expect(half?.background).toBe("rgba(19, 143, 120, 0.43)");
    expect(all).toEqual({ background: "rgba(19, 143, 120, 0.8)", color: "#ffffff" });
    expect(retentionShade(1.4)).toEqual(all);
    expect(retentionShade(null)).toBeNull();
  });

  it("has a column for every month offset the oldest cohort reached", () => {
    const cohort = (n: number) => ({ retention: Array.from({ length: n }, (_, offset) => ({ offset })) });
    expect(cohortOffsets([cohort(4), cohort(2), cohort(1)])).toEqual([0, 1, 2, 3]);
    expect(cohortOffsets([])).toEqual([]);
  });
});

describe("the movements table's CSV", () => {
  it("holds the table's columns, amounts in major units named with their currency, rates in percent", () => {
    const [header, row] = movementsCsvRows([month("2026-01")], "EUR");
    expect(header).toEqual([
      "Month",
      "Start MRR (EUR)",
      "New (EUR)",
      "Expansion (EUR)",
      "Reactivation (EUR)",
      "Contraction (EUR)",
      "Churn (EUR)",
      "Net change (EUR)",
      "End MRR (EUR)",
      "Customers",
      "NRR (%)",
      "GRR (%)",
      "Logo churn (%)",
    ]);
    expect(row).toEqual(["2026-01", 1000, 50, 20, 10, 5, 30, 45, 1045, 12, 98.5, 96.5, 8.3]);
  });

  it("leaves a rate the server could not work out empty", () => {
    const [, row] = movementsCsvRows([month("2026-01", { nrr: null })], "USD");
    expect(row?.[10]).toBeNull();
  });
});
