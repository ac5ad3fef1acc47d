import { sql } from "drizzle-orm";
import { type Db, queryRows } from "../../db/index.ts";

/** Contacts by lower-cased email across the workspace: every contact with it (more than one is ambiguous). */
export async function contactsWithEmails(
  db: Db,
  workspaceId: string,
  emails: string[],
): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  for (let i = 0; i < emails.length; i += 5000) {
    const chunk = emails.slice(i, i + 5000);
    const rows = await queryRows<{ id: string; email: string }>(
      db,
      sql`select id, lower(email) as email from contacts
          where workspace_id = ${workspaceId} and lower(email) = any(${sql.param(chunk)}::text[])`,
    );
    for (const r of rows) out.set(r.email, [...(out.get(r.email) ?? []), r.id]);
  }
  return out;
}
