import { eq, sql } from "drizzle-orm";
import { addDays } from "../../common/dates.ts";

import type { UsageFeature, UsageSettings } from "../../contract/usage.ts";
import type { Db } from "../../db/index.ts";
import { queryRows, schema } from "../../db/index.ts";

import { DEFAULT_SETTINGS, type FeatureDef } from "./adoption.rules.ts";

const { usageSettings, usageFeatures } = schema;

export async function findUsageSettings(db: Db, workspaceId: string): Promise<UsageSettings> {
  const row = (
    await db
      .select({ quietDays: usageSettings.quietDays, keyPlayerQuietDays: usageSettings.keyPlayerQuietDays })
      .from(usageSettings)
      .where(eq(usageSettings.workspaceId, workspaceId))
  )[0];
  return row ?? { ...DEFAULT_SETTINGS };
}

/** Creates the row with the defaults for what the patch leaves out, or changes only what it gives. */
export async function upsertUsageSettings(db: Db, workspaceId: string, patch: Partial<UsageSettings>) {
  await db
    .insert(usageSettings)
    .values({ workspaceId, ...DEFAULT_SETTINGS, ...patch })
    .onConflictDoUpdate({ target: usageSettings.workspaceId, set: { ...patch, updatedAt: new Date() } });
}

export const listFeatureDefs = (db: Db, workspaceId: string): Promise<FeatureDef[]> =>
  db
    .select({ event: usageFeatures.event, name: usageFeatures.name, key: usageFeatures.key })
    .from(usageFeatures)
    .where(eq(usageFeatures.workspaceId, workspaceId));

/** Event names used in the last 90 days and every defined feature, with uses in the last 30 days. */
export const listFeatures = (db: Db, workspaceId: string, today: string) =>
  queryRows<UsageFeature>(
    db,
    sql`
    with seen as (
      select event, coalesce(sum(events) filter (where day >= ${addDays(today, -29)}::date), 0) as events
      from usage_account_event_days
      where workspace_id = ${workspaceId} and day between ${addDays(today, -89)}::date and ${today}::date
        and account_id in (select id from accounts where workspace_id = ${workspaceId})
      group by event
    ), defs as (select event, name, key from usage_features where workspace_id = ${workspaceId})
    select coalesce(defs.event, seen.event) as event, coalesce(defs.name, seen.event) as name,
      coalesce(defs.key, false) as key, defs.event is not null as defined,
      coalesce(seen.events, 0)::float8 as "eventsLast30d"
    from seen full join defs on defs.event = seen.event
    order by "eventsLast30d" desc, 1`,
  );

/** Names the feature (the event name when no name is given) and sets its key flag, creating it if needed. */
export async function upsertFeature(
  db: Db,
  workspaceId: string,
  event: string,
  patch: { name?: string; key?: boolean },
) {
  await db
    .insert(usageFeatures)
    .values({ workspaceId, event, name: patch.name ?? event, key: patch.key ?? false })
    .onConflictDoUpdate({
      target: [usageFeatures.workspaceId, usageFeatures.event],
      set: { ...patch, updatedAt: new Date() },
    });
}

/** One feature as listed, whether or not it was ever used. */
export async function findFeature(
  db: Db,
  workspaceId: string,
  event: string,
  today: string,
): Promise<UsageFeature | null> {
  const rows = await queryRows<UsageFeature>(
    db,
    sql`
    select f.event, f.name, f.key, true as defined,
      coalesce((select sum(e.events) from usage_account_event_days e
        where e.workspace_id = f.workspace_id and e.event = f.event
          and e.day between ${addDays(today, -29)}::date and ${today}::date
          and e.account_id in (select id from accounts a where a.workspace_id = f.workspace_id)), 0)::float8
        as "eventsLast30d"
    from usage_features f where f.workspace_id = ${workspaceId} and f.event = ${event}`,
  );
  return rows[0] ?? null;
}
