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

/** The workspace's decision and development steps, archived ones too (the journey module refuses those). */
export const journeySteps = (db: Db, workspaceId: string) =>
  queryRows<{ list: "decision" | "development"; key: string; label: string; archived: boolean }>(
    db,
    sql`select list, key, label, archived_at is not null as archived from workspace_list_items
        where workspace_id = ${workspaceId} and list in ('decision', 'development')
        order by list, archived_at is not null, position, key`,
  );

/** Which of these external ids name a stored touchpoint. */
export async function storedTouchpointIds(
  db: Db,
  workspaceId: string,
  externalIds: string[],
): Promise<Set<string>> {
  const out = new Set<string>();
  for (let i = 0; i < externalIds.length; i += 5000) {
    const rows = await queryRows<{ external_id: string }>(
      db,
      sql`select external_id from touchpoints where workspace_id = ${workspaceId}
          and external_id = any(${sql.param(externalIds.slice(i, i + 5000))}::text[])`,
    );
    for (const r of rows) out.add(r.external_id);
  }
  return out;
}
