/**
 * Formula escaping for CSV that people open in spreadsheets: the server's exports and the web
 * app's downloads write cells this way, and imports undo it.
 */

// Text a spreadsheet would run as a formula (OWASP's list, with the full-width forms).
const FORMULA_START = new Set(["=", "+", "-", "@", "\t", "\r", "\uFF1D", "\uFF0B", "\uFF0D", "\uFF20"]);
// The export escapes those with a leading `'`, and text that already starts with `'` too, so the
// import can tell an escape from a quote that belongs to the value: every text round-trips.
const ESCAPED_START = new Set([...FORMULA_START, "'"]);

/** The export's form of a text cell: `'` in front of a formula start or of a leading `'`. */
export const escapeFormula = (s: string): string =>
  s.length > 0 && ESCAPED_START.has(s[0] as string) ? `'${s}` : s;

/** Whether a cell is escaped by `escapeFormula` (its value is the cell without the first `'`). */
export const isEscapedCell = (s: string): boolean =>
  s.length > 1 && s[0] === "'" && ESCAPED_START.has(s[1] as string);

/** Undoes `escapeFormula`; any other text is left as it is. */
export const unescapeFormula = (s: string): string => (isEscapedCell(s) ? s.slice(1) : s);
