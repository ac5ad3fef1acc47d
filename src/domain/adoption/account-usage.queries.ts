import { sql } from "drizzle-orm";
import type { Db } from "../../db/index.ts";
import { queryRows, schema } from "../../db/index.ts";
import { KEY_PLAYER_SQL } from "../contacts/index.ts";
import { liveOn } from "../subscriptions/index.ts";
import { DEFAULT_SETTINGS, type EventTotals, type FeatureDef, type PeriodRange } from "./adoption.rules.ts";

// Every query here reads one account's rows through the rollups' primary keys, which lead with
// (workspace_id, account_id, day): the answer stays a handful of index range scans whatever the
// size of the workspace. Dates travel as text and sums as float8 so both drivers answer the same.

const d = (day: string) => sql`${day}::date`;

export type AccountHead = {
  lifecycleStage: string;
  createdOn: string;
  lastActiveOn: string | null;
  workspaceHasUsage: boolean;
  seats: number | null;
  quietDays: number;
  keyPlayerQuietDays: number;
  features: FeatureDef[];
};

/**
 * The account's stage, creation day, last active day, seats of subscriptions live today, and the
 * workspace's quiet thresholds and feature definitions: everything but the usage, in one statement.
 */
export async function findAccountHead(
  db: Db,
  workspaceId: string,
  accountId: string,
  today: string,
): Promise<AccountHead | null> {
  const rows = await queryRows<AccountHead>(
    db,
    sql`
    select a.lifecycle_stage as "lifecycleStage",
      ((a.created_at at time zone 'UTC')::date)::text as "createdOn",
      (select max(e.day)::text from usage_account_event_days e
        where e.workspace_id = a.workspace_id and e.account_id = a.id and e.day <= ${d(today)}) as "lastActiveOn",
      exists (select 1 from usage_account_event_days e where e.workspace_id = a.workspace_id) as "workspaceHasUsage",
      (select sum(s.seats)::int from subscriptions s
        where s.workspace_id = a.workspace_id and s.account_id = a.id and ${liveOn("s", today)}) as seats,
      coalesce(st.quiet_days, ${DEFAULT_SETTINGS.quietDays}::int) as "quietDays",
      coalesce(st.key_player_quiet_days, ${DEFAULT_SETTINGS.keyPlayerQuietDays}::int) as "keyPlayerQuietDays",
      (select coalesce(json_agg(json_build_object('event', f.event, 'name', f.name, 'key', f.key)), '[]'::json)
        from usage_features f where f.workspace_id = a.workspace_id) as features
    from accounts a left join usage_settings st on st.workspace_id = a.workspace_id
    where a.workspace_id = ${workspaceId} and a.id = ${accountId}`,
  );
  return rows[0] ?? null;
}

export type AccountUsers = {
  dau: number;
  wau: number;
  mau: number;
  current: number;
  previous: number;
  days: { day: string; n: number }[];
};

/** Distinct users: on the last day, the last 7 and 30 days, both periods, and each day of the period. */
export async function accountUsers(
  db: Db,
  workspaceId: string,
  accountId: string,
  r: PeriodRange,
): Promise<AccountUsers> {
  // (day, user_key) is unique per account in usage_user_days: a day's rows are its distinct users.
  const rows = await queryRows<AccountUsers>(
    db,
    sql`
    with u as (
      select day, user_key from usage_user_days
      where workspace_id = ${workspaceId} and account_id = ${accountId} and day between ${d(r.scanFrom)} and ${d(r.to)}
    )
    select
      (select count(*) from u where day = ${d(r.to)})::int as dau,
      (select count(distinct user_key) from u where day >= ${d(r.wauFrom)})::int as wau,
      (select count(distinct user_key) from u where day >= ${d(r.mauFrom)})::int as mau,
      (select count(distinct user_key) from u where day >= ${d(r.from)})::int as current,
      (select count(distinct user_key) from u where day between ${d(r.previousFrom)} and ${d(r.previousTo)})::int
        as previous,
      (select coalesce(json_agg(json_build_object('day', day::text, 'n', n)), '[]'::json)
        from (select day, count(*)::int as n from u where day >= ${d(r.from)} group by day) s) as days`,
  );
  const row = rows[0];
  if (!row) throw new Error("aggregate returned no row");
  return row;
}

export type AccountEvents = {
  totals: EventTotals[];
  days: { day: string; n: number }[];
  /** Distinct users of each event used in the period. */
  users: { event: string; users: number }[];
};

/** Uses of each event in both periods, uses per day of the period, and each event's distinct users. */
export async function accountEvents(
  db: Db,
  workspaceId: string,
  accountId: string,
  r: PeriodRange,
): Promise<AccountEvents> {
  const rows = await queryRows<AccountEvents>(
    db,
    sql`
    with e as materialized (
      select event, day, events from usage_account_event_days
      where workspace_id = ${workspaceId} and account_id = ${accountId}
        and day between ${d(r.previousFrom)} and ${d(r.to)}
    )
    select
      (select coalesce(json_agg(json_build_object('event', event, 'current', c, 'previous', p)), '[]'::json)
        from (select event, coalesce(sum(events) filter (where day >= ${d(r.from)}), 0)::float8 as c,
          coalesce(sum(events) filter (where day < ${d(r.from)}), 0)::float8 as p
          from e group by event) t) as totals,
      (select coalesce(json_agg(json_build_object('day', day::text, 'n', n)), '[]'::json)
        from (select day, sum(events)::float8 as n from e where day >= ${d(r.from)} group by day) t) as days,
      (select coalesce(json_agg(json_build_object('event', event, 'users', n)), '[]'::json)
        from (select event, count(distinct user_key)::int as n from usage_user_event_days
          where workspace_id = ${workspaceId} and account_id = ${accountId}
            and day between ${d(r.from)} and ${d(r.to)}
          group by event) t) as users`,
  );
  const row = rows[0];
  if (!row) throw new Error("aggregate returned no row");
  return row;
}

export type KeyPlayerRow = {
  contactId: string;
  firstName: string | null;
  lastName: string | null;
  email: string | null;
  title: string | null;
  decisionRole: string | null;
  lastActiveOn: string | null;
  eventsInPeriod: number;
};

/** The account's key players still at the company, with their last active day and uses in the period. */
export const accountKeyPlayers = (db: Db, workspaceId: string, accountId: string, r: PeriodRange) =>
  queryRows<KeyPlayerRow>(
    db,
    sql`
    select contacts.id as "contactId", contacts.first_name as "firstName", contacts.last_name as "lastName",
      contacts.email, contacts.title, contacts.decision_role as "decisionRole",
      k.last_day::text as "lastActiveOn", coalesce(k.events, 0)::float8 as "eventsInPeriod"
    from contacts
    cross join lateral (
      select max(u.day) as last_day, sum(u.events) filter (where u.day >= ${d(r.from)}) as events
      from usage_user_days u
      where u.workspace_id = contacts.workspace_id and u.account_id = contacts.account_id
        and u.contact_id = contacts.id and u.day <= ${d(r.to)}
    ) k
    where contacts.workspace_id = ${workspaceId} and contacts.account_id = ${accountId}
      and not contacts.left_company and ${KEY_PLAYER_SQL(schema.contacts)}`,
  );
