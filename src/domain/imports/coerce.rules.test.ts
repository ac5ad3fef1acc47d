import { describe, expect, it } from "vitest";
import {
  enumKey,
  escapeFormula,
  formatMinor,
  parseBoolean,
  parseCurrency,
  parseDate,
  parseEnum,
  parseInteger,
  parseMoneyMinor,
  parseNumber,
  parseTimestamp,
  snakeCase,
  unescapeFormula,
} from "./coerce.rules.ts";

const value = <T>(r: { ok: true; value: T } | { ok: false }) => (r.ok ? r.value : undefined);

describe("parseBoolean", () => {
  it.each([
    ["True", true],
    ["false", false],
    ["YES", true],
    ["No", false],
    ["y", true],
    ["N", false],
    ["1", true],
    ["0", false],
  ])("reads %s", (s, expected) => expect(value(parseBoolean(s))).toBe(expected));

  it("refuses other words", () => {
    expect(parseBoolean("No internet service")).toMatchObject({ ok: false, code: "invalid_boolean" });
  });
});

describe("parseInteger", () => {
  it("accepts whole numbers, floats with a zero fraction and thousands separators", () => {
    expect(value(parseInteger("4"))).toBe(4);
    expect(value(parseInteger("27.0"))).toBe(27);
    expect(value(parseInteger("4.00"))).toBe(4);
    expect(value(parseInteger("1,234"))).toBe(1234);
    expect(value(parseInteger("-3"))).toBe(-3);
  });
  it("refuses fractions and words", () => {
    expect(parseInteger("4.5")).toMatchObject({ ok: false, code: "invalid_integer" });
    expect(parseInteger("four")).toMatchObject({ ok: false });
    expect(parseInteger("1e3")).toMatchObject({ ok: false });
  });
});

describe("parseMoneyMinor", () => {
  it.each([
    ["29.85", 2985],
    ["29.8", 2980],
    ["30", 3000],
    ["$1,234.50", 123450],
    ["€ 12.00", 1200],
    ["1234.5 USD", 123450],
    ["2786.0", 278600],
    ["33432.000", 3343200],
    ["0", 0],
    ["0.07", 7],
  ])("reads %s as %i minor units", (s, minor) => expect(value(parseMoneyMinor(s))).toBe(minor));

  it("refuses more than two decimals, negatives and words", () => {
    expect(parseMoneyMinor("1.234")).toMatchObject({ ok: false, code: "invalid_money" });
    expect(parseMoneyMinor("-5")).toMatchObject({ ok: false, message: "must not be negative" });
    expect(parseMoneyMinor("lots")).toMatchObject({ ok: false });
    expect(parseMoneyMinor("1,23")).toMatchObject({ ok: false });
  });

  it("does not lose cents to float rounding", () => {
    expect(value(parseMoneyMinor("0.29"))).toBe(29);
    expect(value(parseMoneyMinor("1.15"))).toBe(115);
    expect(value(parseMoneyMinor("456116.60"))).toBe(45611660);
  });
});

describe("parseNumber", () => {
  it("reads decimals", () => {
    expect(value(parseNumber("1889.5"))).toBe(1889.5);
    expect(value(parseNumber("-0.25"))).toBe(-0.25);
    expect(value(parseNumber("1,000.5"))).toBe(1000.5);
  });
  it("refuses the rest", () => {
    expect(parseNumber("12abc").ok).toBe(false);
    expect(parseNumber("Infinity").ok).toBe(false);
  });
});

describe("parseTimestamp", () => {
  it("reads a date as 00:00 UTC and timestamps with or without a zone (then UTC)", () => {
    expect(value(parseTimestamp("2024-01-30"))).toBe("2024-01-30T00:00:00.000Z");
    expect(value(parseTimestamp("2024-01-30T10:20:30Z"))).toBe("2024-01-30T10:20:30.000Z");
    expect(value(parseTimestamp("2024-01-30 10:20"))).toBe("2024-01-30T10:20:00.000Z");
    expect(value(parseTimestamp("2024-01-30T10:20:30.5+02:00"))).toBe("2024-01-30T08:20:30.500Z");
    expect(value(parseTimestamp("2024-01-30T01:00:00-0530"))).toBe("2024-01-30T06:30:00.000Z");
  });
  it("refuses other formats, impossible dates and times", () => {
    expect(parseTimestamp("30/01/2024")).toMatchObject({ ok: false, code: "invalid_timestamp" });
    expect(parseTimestamp("2023-02-29").ok).toBe(false);
    expect(parseTimestamp("2024-01-30T24:00:00Z").ok).toBe(false);
    expect(parseTimestamp("1706572800").ok).toBe(false);
  });
});

describe("parseDate", () => {
  it("accepts ISO dates and takes the date part of timestamps", () => {
    expect(value(parseDate("2024-02-29"))).toBe("2024-02-29");
    expect(value(parseDate("2024-03-01T10:20:30Z"))).toBe("2024-03-01");
    expect(value(parseDate("2024-03-01T23:59:59.123+02:00"))).toBe("2024-03-01");
    expect(value(parseDate("2024-03-01 08:00"))).toBe("2024-03-01");
  });
  it("refuses other formats and impossible dates", () => {
    expect(parseDate("03/01/2024")).toMatchObject({ ok: false, code: "invalid_date" });
    expect(parseDate("2023-02-29")).toMatchObject({ ok: false, code: "invalid_date" });
    expect(parseDate("2024-13-01").ok).toBe(false);
  });
});

describe("enums", () => {
  it("normalizes case, spaces and hyphens", () => {
    expect(enumKey(" Decision Maker ")).toBe("decision_maker");
    expect(value(parseEnum("Multi-Year", ["annual", "multi_year"]))).toBe("multi_year");
    expect(value(parseEnum("Cancelled", ["canceled"], { cancelled: "canceled" }))).toBe("canceled");
  });
  it("lists the options when nothing matches", () => {
    expect(parseEnum("gold", ["a", "b"])).toMatchObject({ ok: false, message: "must be one of: a, b" });
  });
});

describe("helpers", () => {
  it("snake-cases headers into custom field keys", () => {
    expect(snakeCase("MonthlyCharges")).toBe("monthly_charges");
    expect(snakeCase("customerID")).toBe("customer_id");
    expect(snakeCase("Account ID")).toBe("account_id");
    expect(snakeCase("SeniorCitizen")).toBe("senior_citizen");
    expect(snakeCase("is_trial")).toBe("is_trial");
    expect(snakeCase("HTTPServer")).toBe("http_server");
    expect(snakeCase("2nd owner")).toBe("f_2nd_owner");
    expect(snakeCase("Café")).toBe("cafe");
    expect(snakeCase("%%%")).toBe("f");
  });
  it("formats minor units", () => {
    expect(formatMinor(2985)).toBe("29.85");
    expect(formatMinor(5)).toBe("0.05");
    expect(formatMinor(300000)).toBe("3000.00");
  });
  it("reads a lower-case ISO code as the same code", () => {
    expect(value(parseCurrency("eur"))).toBe("EUR");
    expect(value(parseCurrency("JPY"))).toBe("JPY");
    expect(parseCurrency("euro").ok).toBe(false);
  });
  it("refuses currencies that are not ISO codes instead of cutting them to fit", () => {
    for (const s of ["XYZ1", "XYZ", "US$", "US"]) {
      expect(parseCurrency(s)).toEqual({
        ok: false,
        code: "invalid_currency",
        message: "must be a three-letter ISO currency code such as USD or EUR",
      });
    }
  });
  it("undoes the export's formula escaping only before formula characters", () => {
    expect(unescapeFormula("'=SUM(A1)")).toBe("=SUM(A1)");
    expect(unescapeFormula("'-5")).toBe("-5");
    expect(unescapeFormula("'quoted'")).toBe("'quoted'");
  });
  it.each([
    ["=1+1", "'=1+1"],
    ["'=1+1", "''=1+1"],
    ["''x", "'''x"],
    ["'", "''"],
    ["-5", "'-5"],
    ["@a", "'@a"],
    ["\t=1", "'\t=1"],
    ["\uFF1D1", "'\uFF1D1"],
    ["it's", "it's"],
    ["", ""],
  ])("escapes %j as %j for export, and the import reverses it exactly", (value, cell) => {
    expect(escapeFormula(value)).toBe(cell);
    expect(unescapeFormula(escapeFormula(value))).toBe(value);
  });
});
