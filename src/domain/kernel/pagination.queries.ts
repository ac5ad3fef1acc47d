import { type SQL, sql } from "drizzle-orm";
import { isIsoDay } from "../../common/dates.ts";
import { AppError } from "../../common/errors.ts";
import { UUID_RE } from "../../common/ids.ts";

export type SortType = "text" | "bigint" | "integer" | "float8" | "date" | "timestamptz";

/** A sort key for keyset pagination: an expression with no NULLs (coalesce them), its type and direction. */
export type SortKey = { expr: SQL; type: SortType; desc: boolean };

/** Cursor values are the sort key's text form, cast back to its type: exact for every type. */
type CursorValue = string;

export const encodeCursor = (values: CursorValue[]): string =>
  Buffer.from(JSON.stringify(values)).toString("base64url");

const invalidCursor = () =>
  new AppError(
    "INVALID_CURSOR",
    "cursor is invalid: pass back the nextCursor of the previous page of this list, with the same sort",
    { field: "cursor" },
  );

export function decodeCursor(cursor: string): [CursorValue, string] {
  try {
    const v = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as unknown;
    if (
      Array.isArray(v) &&
      v.length === 2 &&
      typeof v[0] === "string" &&
      typeof v[1] === "string" &&
      UUID_RE.test(v[1])
    ) {
      return [v[0], v[1]];
    }
  } catch {
    // fall through to the one error below
  }
  throw invalidCursor();
}

const isDate = (v: string): boolean => !v.startsWith("0000") && isIsoDay(v);

const inRange = (v: string, max: bigint): boolean =>
  /^-?\d{1,19}$/.test(v) && BigInt(v) <= max && BigInt(v) >= -max - 1n;

/**
 * Whether a cursor value casts to the sort key's type. A cursor is client input: one made for
 * another sort, or edited, must be a 400 rather than a failed cast in the database.
 */
export const cursorValueFits: Record<SortType, (value: string) => boolean> = {
  // PostgreSQL text cannot hold NUL.
  text: (v) => !v.includes("\u0000"),
  integer: (v) => inRange(v, 2_147_483_647n),
  bigint: (v) => inRange(v, 9_223_372_036_854_775_807n),
  // PostgreSQL's shortest exact text form of a finite double, e.g. `0.8125`, `1.5e-07`; a value
  // that rounds to zero though its digits are not (`1e-400`) is an underflow PostgreSQL refuses.
  float8: (v) => {
    if (!/^-?\d+(\.\d+)?(e[+-]\d+)?$/.test(v)) return false;
    const n = Number(v);
    return Number.isFinite(n) && (n !== 0 || !/[1-9]/.test(v.split("e")[0] ?? ""));
  },
  date: isDate,
  // PostgreSQL's ISO text form, e.g. `2026-05-01 06:04:54.123456+00` or `…+05:30`.
  timestamptz: (v) => {
    const m = /^(\S+) ([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d{1,6})?[+-](0\d|1[0-5])(:[0-5]\d)?$/.exec(v);
    return m?.[1] !== undefined && isDate(m[1]);
  },
};

/** The sort value of a cursor for a key of this type; an INVALID_CURSOR error for any other cursor. */
export function decodeCursorFor(type: SortType, cursor: string): [CursorValue, string] {
  const [value, id] = decodeCursor(cursor);
  if (!cursorValueFits[type](value)) throw invalidCursor();
  return [value, id];
}

/** `(key, id) > (cursorKey, cursorId)` (or `<` when descending): rows after the cursor. */
export function afterCursor(
  key: SortKey,
  idColumn: SQL | unknown,
  cursor: string | undefined,
): SQL | undefined {
  if (!cursor) return undefined;
  const [value, id] = decodeCursorFor(key.type, cursor);
  const typed = sql`${value}::${sql.raw(key.type)}`;
  const op = sql.raw(key.desc ? "<" : ">");
  return sql`(${key.expr}, ${idColumn}) ${op} (${typed}, ${id}::uuid)`;
}

export function orderBy(key: SortKey, idColumn: SQL | unknown): SQL[] {
  const dir = sql.raw(key.desc ? "desc" : "asc");
  return [sql`${key.expr} ${dir}`, sql`${idColumn} ${dir}`];
}

/** Select this as `sortKey` beside the row so `toPage` can build the next cursor. */
export const sortKeyColumn = (key: SortKey): SQL<string> => sql<string>`(${key.expr})::text`;

/** Turns `limit + 1` fetched rows into a page; rows carry `sortKey` from `sortKeyColumn`. */
export function toPage<T extends { id: string; sortKey: string }>(
  rows: T[],
  limit: number,
): { data: Omit<T, "sortKey">[]; nextCursor: string | null } {
  const more = rows.length > limit;
  const pageRows = more ? rows.slice(0, limit) : rows;
  const last = pageRows[pageRows.length - 1];
  const nextCursor = more && last ? encodeCursor([last.sortKey, last.id]) : null;
  return { data: pageRows.map(({ sortKey: _s, ...rest }) => rest), nextCursor };
}
