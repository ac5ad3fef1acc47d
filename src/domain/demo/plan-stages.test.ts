import { describe, expect, it } from "vitest";
import { planStages } from "./plan-stages.ts";

const today = "2026-12-07";

describe("planStages", () => {
  it("walks an old customer through the usual stages on the usual days", () => {
    expect(planStages({ stage: "roi", start: "2024-01-01", ended: null }, today)).toEqual([
      { from: null, to: "onboarding", day: "2024-01-01" },
      { from: "onboarding", to: "adoption", day: "2024-02-15" },
      { from: "adoption", to: "value", day: "2024-04-30" },
      { from: "value", to: "transformation", day: "2024-08-28" },
      { from: "transformation", to: "roi", day: "2024-11-26" },
    ]);
  });

  it("squeezes a newer customer's path into its time, ending a few days ago at the latest", () => {
    const steps = planStages({ stage: "value", start: "2026-10-08", ended: null }, today);
    expect(steps.map((s) => s.to)).toEqual(["onboarding", "adoption", "value"]);
    expect(steps[2]?.day).toBe("2026-12-04");
  });

  it("enters renewal 60 days ago and churn on the day the last subscription ended", () => {
    const renewal = planStages({ stage: "renewal", start: "2025-01-01", ended: null }, today);
    expect(renewal.at(-1)).toEqual({ from: "value", to: "renewal", day: "2026-10-08" });
    const churned = planStages({ stage: "churned", start: "2025-01-01", ended: "2026-03-31" }, today);
    expect(churned.map((s) => s.to)).toEqual(["onboarding", "adoption", "churned"]);
    expect(churned.at(-1)?.day).toBe("2026-03-31");
  });
});
