import { type SQL, sql } from "drizzle-orm";
import { AppError } from "../../common/errors.ts";

export type SortType = "text" | "bigint" | "integer" | "date" | "timestamptz";

/** A sort key for keyset pagination: an expression with no NULLs (coalesce them), its type and direction. */
export type SortKey = { expr: SQL; type: SortType; desc: boolean };

/** Cursor values are the sort key's text form, cast back to its type: exact for every type. */
type CursorValue = string;

export const encodeCursor = (values: CursorValue[]): string =>
  Buffer.from(JSON.stringify(values)).toString("base64url");

const invalidCursor = () =>
  new AppError("VALIDATION_FAILED", "cursor is invalid: pass back the nextCursor of the previous page", {
    field: "cursor",
  });

export function decodeCursor(cursor: string): [CursorValue, string] {
  try {
    const v = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as unknown;
    if (Array.isArray(v) && v.length === 2 && typeof v[0] === "string" && typeof v[1] === "string") {
      return [v[0], v[1]];
    }
  } catch {
    // fall through to the one error below
  }
  throw invalidCursor();
}

/** `(key, id) > (cursorKey, cursorId)` (or `<` when descending): rows after the cursor. */
export function afterCursor(
  key: SortKey,
  idColumn: SQL | unknown,
  cursor: string | undefined,
): SQL | undefined {
  if (!cursor) return undefined;
  const [value, id] = decodeCursor(cursor);
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
