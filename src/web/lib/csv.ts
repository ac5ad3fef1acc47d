/**
 * CSV written in the browser, for tables whose rows are already on screen (no export route).
 * Quoted as RFC 4180 says; text a spreadsheet would run as a formula gets a leading ' (numbers,
 * negative ones included, stay numbers), as the server's exports do.
 */

export type CsvCell = string | number | null | undefined;

const FORMULA = /^[=+\-@\t\r]/;

const cell = (v: CsvCell): string => {
  if (v === null || v === undefined) return "";
  if (typeof v === "number") return Number.isFinite(v) ? String(v) : "";
  const text = FORMULA.test(v) ? `'${v}` : v;
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

/** Rows to CSV text, one line each, ending with a newline. */
export const toCsv = (rows: CsvCell[][]): string => `${rows.map((r) => r.map(cell).join(",")).join("\n")}\n`;

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
