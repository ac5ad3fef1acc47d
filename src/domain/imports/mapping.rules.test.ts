import { describe, expect, it } from "vitest";
import { parseCsv } from "./csv.rules.ts";
import { compilePlan, customFieldLabel } from "./mapping.rules.ts";

describe("customFieldLabel", () => {
  it.each([
    ["TotalCharges", "totalCharges", "Total charges"],
    ["total_charges", "total_charges", "Total charges"],
    ["custom:goLive", "goLive", "Go live"],
    ["SeniorCitizen", "seniorCitizen", "Senior citizen"],
    ["customerID", "customerID", "Customer ID"],
    ["MRR", "mrr", "MRR"],
    ["NPSScore", "npsScore", "NPS score"],
    ["payment-method", "payment_method", "Payment method"],
    ["tenure", "tenure", "Tenure"],
    ["Contract Type", "contract_type", "Contract Type"],
  ])("labels the column %j (key %s) as %j", (header, key, label) => {
    expect(customFieldLabel(header, key)).toBe(label);
  });

  it("falls back on the key when there is no header, and stays within 100 characters", () => {
    expect(customFieldLabel(null, "renewalOwner")).toBe("Renewal owner");
    expect(customFieldLabel("custom:", "x")).toBe("X");
    expect(customFieldLabel("a".repeat(150), "a")).toHaveLength(100);
  });

  it("is what a plan's new definitions are labelled with; existing definitions keep theirs", () => {
    const file = parseCsv("name,TotalCharges,custom:size\nA,1,big\n");
    const plan = compilePlan(
      "accounts",
      file.headers,
      file.rows,
      { columns: { name: "name", TotalCharges: "custom:totalCharges", "custom:size": "custom:size" } },
      [{ entity: "account", key: "size", label: "Company size", type: "text", options: null }],
    );
    expect(plan.custom.map((c) => [c.key, c.def.label, c.isNew])).toEqual([
      ["totalCharges", "Total charges", true],
      ["size", "Company size", false],
    ]);
  });
});
