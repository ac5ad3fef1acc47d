import { describe, expect, it } from "vitest";
import { ZBusinessDate, ZCurrencyCode, ZDomainName } from "./common.ts";

const problem = (r: { success: boolean; error?: { issues: { message: string }[] } }) =>
  r.success ? null : r.error?.issues[0]?.message;

describe("ZDomainName", () => {
  it("accepts host names as written", () => {
    for (const d of ["acme.com", "sub.acme.co.uk", "a-b.io", "ACME.COM", "münchen.de", "xn--mnchen-3ya.de"]) {
      expect(ZDomainName.parse(d)).toBe(d);
    }
  });
  it("refuses spaces, punctuation and bare words", () => {
    for (const d of [
      "not a domain!!",
      "localhost",
      "-acme.com",
      "acme..com",
      "acme.com.",
      "a@b.com",
      "1.2.3.4",
    ]) {
      expect(problem(ZDomainName.safeParse(d))).toBe(
        "must be a domain such as acme.com (letters, digits, hyphens and dots only)",
      );
    }
  });
  it("refuses a URL with the host to use, never rewriting it", () => {
    for (const [url, host] of [
      ["https://acme.com/", "acme.com"],
      ["acme.com/pricing", "acme.com"],
      ["http://sub.acme.co.uk:8080/x?y", "sub.acme.co.uk"],
    ]) {
      expect(problem(ZDomainName.safeParse(url))).toBe(
        `must be a domain without https:// or a path, such as ${host}`,
      );
    }
  });
});

describe("ZCurrencyCode", () => {
  it("takes ISO 4217 codes the runtime knows", () => {
    for (const c of ["USD", "EUR", "JPY", "CHF"]) expect(ZCurrencyCode.parse(c)).toBe(c);
  });
  it("refuses other codes, and lower case with a hint rather than upper-casing", () => {
    expect(problem(ZCurrencyCode.safeParse("XYZ1"))).toBe(
      "must be a three-letter ISO currency code such as USD or EUR",
    );
    expect(problem(ZCurrencyCode.safeParse("XYZ"))).toBe(
      "must be a three-letter ISO currency code such as USD or EUR",
    );
    expect(problem(ZCurrencyCode.safeParse("usd"))).toBe("must be written in capitals: USD");
  });
});

describe("ZBusinessDate", () => {
  it("takes dates from 1970 through 2200 only", () => {
    expect(ZBusinessDate.parse("1970-01-01")).toBe("1970-01-01");
    expect(ZBusinessDate.parse("2200-12-31")).toBe("2200-12-31");
    expect(problem(ZBusinessDate.safeParse("1900-01-01"))).toBe("must be a date between 1970 and 2200");
    expect(problem(ZBusinessDate.safeParse("2201-01-01"))).toBe("must be a date between 1970 and 2200");
    expect(problem(ZBusinessDate.safeParse("2026-02-30"))).toBe("must be a date as YYYY-MM-DD");
  });
});
