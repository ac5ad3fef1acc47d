import { CsvError, parse } from "csv-parse/sync";
import { AppError } from "../../common/errors.ts";

export type ParsedCsv = {
  headers: string[];
  /** Data rows (blank lines and rows of only empty cells left out); row n of the report is rows[n-1]. */
  rows: string[][];
  delimiter: string;
};

export const MAX_ROWS = 500_000;
const MAX_COLUMNS = 500;

/** The delimiter used most on the header line, among comma, semicolon and tab; comma on a tie. */
export function sniffDelimiter(text: string): string {
  const nl = text.search(/\r?\n/);
  const first = nl === -1 ? text : text.slice(0, nl);
  const count = (c: string) => first.split(c).length - 1;
  let best = ",";
  for (const c of [";", "\t"]) if (count(c) > count(best)) best = c;
  return best;
}

const badRequest = (message: string) => new AppError("BAD_REQUEST", message);

/**
 * Reads a CSV file: UTF-8 with or without BOM, LF or CRLF, quoted fields with commas, quotes
 * and newlines. Unreadable files, a missing header or repeated header names are BAD_REQUEST.
 */
export function parseCsv(input: string): ParsedCsv {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  if (text.trim() === "")
    throw badRequest("The file is empty: it needs a header row and at least one data row.");
  // PostgreSQL text cannot hold NUL; a file full of them is UTF-16 or binary.
  if (text.includes("\u0000")) {
    throw badRequest(
      "The file contains NUL characters: save it as UTF-8 CSV (not UTF-16 or a spreadsheet file).",
    );
  }
  const delimiter = sniffDelimiter(text);
  let records: string[][];
  try {
    records = parse(text, {
      delimiter,
      bom: true,
      relax_column_count: true,
      skip_empty_lines: true,
    });
  } catch (e) {
    if (e instanceof CsvError) throw badRequest(`The file is not readable as CSV: ${e.message}`);
    throw e;
  }
  const [head, ...data] = records;
  if (!head) throw badRequest("The file is empty: it needs a header row and at least one data row.");
  const headers = head.map((h) => h.trim());
  if (headers.length > MAX_COLUMNS)
    throw badRequest(`The file has ${headers.length} columns; at most ${MAX_COLUMNS}.`);
  const seen = new Set<string>();
  const repeated = new Set<string>();
  for (const h of headers) {
    if (h === "") continue;
    if (seen.has(h)) repeated.add(h);
    seen.add(h);
  }
  if (repeated.size > 0) {
    const names = [...repeated].map((h) => `"${h}"`).join(", ");
    throw badRequest(`The header names ${names} more than once; give every column its own name.`);
  }
  const rows = data.filter((r) => r.some((c) => c.trim() !== ""));
  if (rows.length > MAX_ROWS)
    throw badRequest(`The file has ${rows.length} rows; split it into files of at most ${MAX_ROWS}.`);
  return { headers, rows, delimiter };
}
