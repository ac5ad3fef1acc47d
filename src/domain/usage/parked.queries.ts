import { sql } from "drizzle-orm";
import type { Db } from "../../db/index.ts";
import { queryRows } from "../../db/index.ts";

export type ParkedGroupRow = {
  group_id: string;
  events: number;
  users: number;
  first_seen_at: Date;
  last_seen_at: Date;
  suggested_name: string | null;
};

/** Parked events grouped by group id, in group id order after `after`. */
export const parkedGroups = (
  db: Db,
  workspaceId: string,
  after: string | null,
  limit: number,
  only?: string,
) =>
  queryRows<ParkedGroupRow>(
    db,
    sql`select group_id, count(*)::int as events,
          count(distinct coalesce(user_id, 'anon:' || anonymous_id))::int as users,
          min(received_at) as first_seen_at, max(received_at) as last_seen_at,
          (array_agg(properties->>'name' order by ts desc)
             filter (where type = 'group' and properties->>'name' is not null))[1] as suggested_name
        from usage_events
        where workspace_id = ${workspaceId} and parked
          ${after === null ? sql`` : sql`and group_id > ${after}`}
          ${only === undefined ? sql`` : sql`and group_id = ${only}`}
        group by group_id order by group_id limit ${limit}`,
  );

/** The users of a parked group, for linking them to its account. */
export const parkedUsers = (db: Db, workspaceId: string, groupId: string) =>
  queryRows<{ user_key: string }>(
    db,
    sql`select distinct coalesce(user_id, 'anon:' || anonymous_id) as user_key from usage_events
        where workspace_id = ${workspaceId} and parked and group_id = ${groupId}
          and coalesce(user_id, anonymous_id) is not null`,
  );

/** Gives a parked group's events to the account (with each user's contact) and answers their (day) list. */
export const unparkEvents = (db: Db, workspaceId: string, groupId: string, accountId: string) =>
  queryRows<{ day: string; events: number }>(
    db,
    sql`with moved as (
          update usage_events e set account_id = ${accountId}, parked = false,
            contact_id = (select l.contact_id from usage_user_accounts l
                          where l.workspace_id = e.workspace_id and l.account_id = ${accountId}
                            and l.user_key = coalesce(e.user_id, 'anon:' || e.anonymous_id))
          where e.workspace_id = ${workspaceId} and e.parked and e.group_id = ${groupId}
          returning (e.ts at time zone 'UTC')::date as day)
        select day::text as day, count(*)::int as events from moved group by day`,
  );

export const deleteParked = async (db: Db, workspaceId: string, groupId: string) =>
  (
    await queryRows<{ n: number }>(
      db,
      sql`with gone as (delete from usage_events where workspace_id = ${workspaceId} and parked and group_id = ${groupId} returning 1)
          select count(*)::int as n from gone`,
    )
  )[0]?.n ?? 0;
