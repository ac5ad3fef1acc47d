import { describe, expect, it } from "vitest";
import { parseCsv, sniffDelimiter } from "./csv.rules.ts";

describe("parseCsv", () => {
  it("reads LF, CRLF and a UTF-8 BOM alike", () => {
    const lf = parseCsv("a,b\n1,2\n3,4\n");
    const crlf = parseCsv("\uFEFFa,b\r\n1,2\r\n3,4\r\n");
    expect(crlf).toEqual(lf);
    expect(lf.headers).toEqual(["a", "b"]);
    expect(lf.rows).toEqual([
      ["1", "2"],
      ["3", "4"],
    ]);
  });

  it("keeps quoted commas, quotes and newlines inside a field", () => {
    const f = parseCsv('name,notes\r\n"Acme, Inc.","said ""hi""\nthen left"\r\n');
    expect(f.rows).toEqual([["Acme, Inc.", 'said "hi"\nthen left']]);
  });

  it("skips blank lines and rows of empty cells, and keeps a single space as a cell", () => {
    const f = parseCsv("a,b\n\n1, \n,\n");
    expect(f.rows).toEqual([["1", " "]]);
  });

  it("trims header names and detects semicolons and tabs", () => {
    expect(parseCsv(" a ;b\n1;2").headers).toEqual(["a", "b"]);
    expect(sniffDelimiter("a\tb\tc\n")).toBe("\t");
    expect(sniffDelimiter("Name,Notes; more\n")).toBe(",");
  });

  it("keeps ragged rows for the validator to report", () => {
    expect(parseCsv("a,b\n1,2,3\n4\n").rows).toEqual([["1", "2", "3"], ["4"]]);
  });

  it("answers BAD_REQUEST for empty, unreadable or ambiguous files", () => {
    expect(() => parseCsv("  \n")).toThrow(expect.objectContaining({ code: "BAD_REQUEST" }));
    expect(() => parseCsv('a,b\n"open,2\n')).toThrow(
      expect.objectContaining({ code: "BAD_REQUEST", message: expect.stringMatching(/not readable as CSV/) }),
    );
    expect(() => parseCsv("a\u0000,b\n")).toThrow(
      expect.objectContaining({ code: "BAD_REQUEST", message: expect.stringMatching(/UTF-8/) }),
    );
    expect(() => parseCsv("a,b,a\n1,2,3\n")).toThrow(
      expect.objectContaining({ code: "BAD_REQUEST", message: expect.stringMatching(/"a" more than once/) }),
    );
  });
});
