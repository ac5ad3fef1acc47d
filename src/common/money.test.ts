import { describe, expect, it } from "vitest";
import { formatMoney } from "./money.ts";

describe("formatMoney", () => {
  it("formats minor units in the currency", () => {
    expect(formatMoney(12_345, "USD")).toBe("$123.45");
    expect(formatMoney(0, "USD")).toBe("$0.00");
    expect(formatMoney(100_000_00, "EUR")).toBe("€100,000.00");
  });

  it("uses the currency's own minor unit: yen have none", () => {
    expect(formatMoney(4_500, "JPY")).toBe("¥4,500");
  });
});
