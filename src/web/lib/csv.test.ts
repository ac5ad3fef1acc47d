import { describe, expect, it } from "vitest";
import { toCsv } from "./csv.ts";

describe("CSV in the browser", () => {
  it("quotes what needs quoting, leaves numbers as numbers and empty cells empty", () => {
    expect(
      toCsv([
        ["Month", "Note", "Amount"],
        ["2026-01", 'said "hi", then left', -120.5],
        ["2026-02", null, 0],
      ]),
    ).toBe('Month,Note,Amount\n2026-01,"said ""hi"", then left",-120.5\n2026-02,,0\n');
  });

  it("keeps a spreadsheet from running text as a formula", () => {
    expect(toCsv([["=SUM(A1:A2)", "-1", -1, "@x"]])).toBe("'=SUM(A1:A2),'-1,-1,'@x\n");
  });
});
