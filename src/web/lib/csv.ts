import { stringify } from "csv-stringify/browser/esm/sync";
import { escapeFormula } from "../../common/csv-formulas.ts";

/**
 * CSV written in the browser, for tables whose rows are already on screen (no export route):
 * csv-stringify with the server exports' formula escaping, so a cell a spreadsheet would run as
 * a formula gets a leading ' (numbers, negative ones included, stay numbers).
 */

export type CsvCell = string | number | null | undefined;

/** Rows to CSV text, one line each, ending with a newline. */
export const toCsv = (rows: CsvCell[][]): string =>
  stringify(
    rows.map((r) => r.map((v) => (typeof v === "number" && !Number.isFinite(v) ? null : (v ?? null)))),
    { cast: { string: escapeFormula }, record_delimiter: "unix" },
  );

/** Hands the text to the browser as a file download. */
export function downloadCsv(filename: string, rows: CsvCell[][]): void {
  const url = URL.createObjectURL(new Blob([toCsv(rows)], { type: "text/csv;charset=utf-8" }));
  const a = document.createElement("a");
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  // Released a moment later: the click starts the download, which still reads the blob.
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
