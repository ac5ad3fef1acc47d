import { sql } from "drizzle-orm";
import type { Db } from "../../src/db/index.ts";
import { schema } from "../../src/db/index.ts";

/** Uses of one event on one UTC day, by a product user (or none, for imported counts). */
export type Use = {
  accountId: string;
  day: string;
  event: string;
  events: number;
  user?: string;
  contactId?: string;
};

const { usageUserEventDays, usageUserDays, usageAccountEventDays } = schema;

/**
 * Writes uses into the three rollups the way ingestion keeps them: per user and event, per user
 * (with the contact), and per account and event with the count of distinct users. Adds to rows
 * already there, so it can be called again for more uses.
 */
export async function recordUses(db: Db, workspaceId: string, uses: Use[]): Promise<void> {
  for (const u of uses) {
    const key = { workspaceId, accountId: u.accountId, day: u.day };
    if (u.user) {
      await db
        .insert(usageUserEventDays)
        .values({ ...key, event: u.event, userKey: u.user, events: u.events })
        .onConflictDoUpdate({
          target: [
            usageUserEventDays.workspaceId,
            usageUserEventDays.accountId,
            usageUserEventDays.day,
            usageUserEventDays.event,
            usageUserEventDays.userKey,
          ],
          set: { events: sql`${usageUserEventDays.events} + ${u.events}` },
        });
      await db
        .insert(usageUserDays)
        .values({ ...key, userKey: u.user, contactId: u.contactId ?? null, events: u.events })
        .onConflictDoUpdate({
          target: [
            usageUserDays.workspaceId,
            usageUserDays.accountId,
            usageUserDays.day,
            usageUserDays.userKey,
          ],
          set: {
            events: sql`${usageUserDays.events} + ${u.events}`,
            contactId: sql`coalesce(excluded.contact_id, ${usageUserDays.contactId})`,
          },
        });
    }
    await db
      .insert(usageAccountEventDays)
      .values({ ...key, event: u.event, events: u.events, users: 0 })
      .onConflictDoUpdate({
        target: [
          usageAccountEventDays.workspaceId,
          usageAccountEventDays.accountId,
          usageAccountEventDays.day,
          usageAccountEventDays.event,
        ],
        set: { events: sql`${usageAccountEventDays.events} + ${u.events}` },
      });
  }
  await db.execute(sql`
    update usage_account_event_days a set users = (
      select count(*) from usage_user_event_days u
      where u.workspace_id = a.workspace_id and u.account_id = a.account_id and u.day = a.day and u.event = a.event)
    where a.workspace_id = ${workspaceId}`);
}
