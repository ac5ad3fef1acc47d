import { sql } from "drizzle-orm";
import type { Db } from "../../db/index.ts";

/** Rows per statement: a few hundred keeps each round trip well under parameter and memory limits. */
export const WRITE_CHUNK = 500;

/** One column of a bulk write: its SQL name, the type its text values are cast to, and a value per row. */
export type BulkColumn = { name: string; cast: string; values: (string | null)[] };

type Cell = string | number | boolean | null | Record<string, unknown>;

/** A value as the text a bulk write sends (cast back in SQL): JSON for objects. */
export const cellText = (v: Cell): string | null =>
  v === null ? null : typeof v === "object" ? JSON.stringify(v) : String(v);

/**
 * Writes complete rows of a workspace table, set-based: one `INSERT … SELECT FROM unnest(…) ON
 * CONFLICT (workspace_id, id) DO UPDATE` per chunk, every column but the key overwritten. The
 * caller's rules have already merged each row with its stored version. Table, column names and
 * casts come from the caller's constants; values always travel as parameters (one text array per
 * column).
 */
export async function writeRows(
  db: Db,
  table: string,
  workspaceId: string,
  columns: BulkColumn[],
): Promise<void> {
  const count = columns[0]?.values.length ?? 0;
  const names = columns.map((c) => c.name);
  const updates = names.filter((n) => n !== "id").map((n) => `${n} = excluded.${n}`);
  for (let i = 0; i < count; i += WRITE_CHUNK) {
    const arrays = columns.map((c) => sql`${sql.param(c.values.slice(i, i + WRITE_CHUNK))}::text[]`);
    await db.execute(sql`
      insert into ${sql.raw(table)} (workspace_id, ${sql.raw(names.join(", "))})
      select ${workspaceId}::uuid, ${sql.raw(columns.map((c) => `v.${c.name}::${c.cast}`).join(", "))}
      from unnest(${sql.join(arrays, sql`, `)}) as v(${sql.raw(names.join(", "))})
      on conflict (workspace_id, id) do update set ${sql.raw([...updates, "updated_at = now()"].join(", "))}`);
  }
}
