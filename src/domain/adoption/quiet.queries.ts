import { type SQL, sql } from "drizzle-orm";
import type { Db } from "../../db/index.ts";
import { queryRows, schema } from "../../db/index.ts";
import { KEY_PLAYER_SQL } from "../contacts/index.ts";
import { afterCursor, orderBy, type SortKey, sortKeyColumn, toPage } from "../kernel/pagination.queries.ts";
import { DEFAULT_SETTINGS } from "./adoption.rules.ts";

/**
 * The quiet rules of adoption.rules.ts (isAccountQuiet, isKeyPlayerQuiet) as SQL, for one workspace
 * or all: CTEs `quiet_accounts` and `quiet_players`. Last active days are single probes of the
 * rollups' indexes (account: primary key; contact: usage_user_days_contact_ix).
 */
function quietCtes(today: string, workspaceId: string | null, days: number | null): SQL {
  const t = sql`${today}::date`;
  return sql`
    s as (
      select w.id as workspace_id,
        coalesce(${days}::int, st.quiet_days, ${DEFAULT_SETTINGS.quietDays}::int) as quiet_days,
        coalesce(${days}::int, st.key_player_quiet_days, ${DEFAULT_SETTINGS.keyPlayerQuietDays}::int) as kp_days,
        exists (select 1 from usage_account_event_days e where e.workspace_id = w.id) as has_usage
      from workspaces w left join usage_settings st on st.workspace_id = w.id
      ${workspaceId ? sql`where w.id = ${workspaceId}` : sql``}
    ), acc as (
      select a.workspace_id, a.id, a.name, a.owner_id, s.quiet_days, s.kp_days, s.has_usage,
        (a.created_at at time zone 'UTC')::date as created_on,
        (select max(e.day) from usage_account_event_days e
          where e.workspace_id = a.workspace_id and e.account_id = a.id and e.day <= ${t}) as last_day
      from accounts a join s on s.workspace_id = a.workspace_id
      where a.lifecycle_stage <> 'churned'
    ), quiet_accounts as (
      select acc.*, ${t} - acc.last_day as days from acc
      where (acc.last_day is not null and ${t} - acc.last_day >= acc.quiet_days)
        or (acc.last_day is null and acc.has_usage and ${t} - acc.created_on >= acc.quiet_days)
    ), quiet_players as (
      select contacts.workspace_id, contacts.account_id, contacts.id as contact_id,
        contacts.first_name, contacts.last_name, contacts.email, contacts.decision_role,
        acc.name as account_name, acc.owner_id, k.last_day, ${t} - k.last_day as days
      from acc
      join contacts on contacts.workspace_id = acc.workspace_id and contacts.account_id = acc.id
      cross join lateral (
        select max(u.day) as last_day from usage_user_days u
        where u.workspace_id = contacts.workspace_id and u.account_id = contacts.account_id
          and u.contact_id = contacts.id and u.day <= ${t}
      ) k
      where not contacts.left_company and ${KEY_PLAYER_SQL(schema.contacts)}
        and k.last_day is not null and ${t} - k.last_day >= acc.kp_days
    )`;
}

export type QuietRow = {
  kind: "account" | "key_player";
  accountId: string;
  accountName: string;
  contactId: string | null;
  firstName: string | null;
  lastName: string | null;
  email: string | null;
  ownerName: string | null;
  lastActiveOn: string | null;
  daysSinceActive: number | null;
};

// Never-active accounts have no days; they sort first (descending) as the longest silence.
const sortKey: SortKey = { expr: sql`q.sort`, type: "integer", desc: true };

export async function pageQuiet(
  db: Db,
  workspaceId: string,
  today: string,
  q: { limit: number; cursor?: string; kind?: "account" | "key_player"; days?: number },
) {
  const parts: SQL[] = [];
  if (q.kind !== "key_player") {
    parts.push(sql`
      select 'account' as kind, qa.id as "accountId", qa.name as "accountName", null::uuid as "contactId",
        null as "firstName", null as "lastName", null as email, qa.owner_id, qa.last_day, qa.days, qa.id
      from quiet_accounts qa`);
  }
  if (q.kind !== "account") {
    parts.push(sql`
      select 'key_player', qp.account_id, qp.account_name, qp.contact_id, qp.first_name, qp.last_name, qp.email,
        qp.owner_id, qp.last_day, qp.days, qp.contact_id
      from quiet_players qp`);
  }
  const after = afterCursor(sortKey, sql`q.id`, q.cursor);
  const rows = await queryRows<QuietRow & { id: string; sortKey: string }>(
    db,
    sql`
    with ${quietCtes(today, workspaceId, q.days ?? null)}
    select q.kind, q."accountId", q."accountName", q."contactId", q."firstName", q."lastName", q.email,
      users.name as "ownerName", q.last_day::text as "lastActiveOn", q.days as "daysSinceActive", q.id,
      ${sortKeyColumn(sortKey)} as "sortKey"
    from (
      select x.*, coalesce(x.days, 2147483647) as sort
      from (${sql.join(parts, sql` union all `)}) x ("kind", "accountId", "accountName", "contactId", "firstName",
        "lastName", email, owner_id, last_day, days, id)
    ) q
    left join users on users.id = q.owner_id
    ${after ? sql`where ${after}` : sql``}
    order by ${sql.join(orderBy(sortKey, sql`q.id`), sql`, `)}
    limit ${q.limit + 1}`,
  );
  return toPage(rows, q.limit);
}

// UUIDv7 in SQL that PostgreSQL 15 runs (it has no uuidv7()): the millisecond clock over the first
// 48 bits of a random UUID, version bits set to 7; the variant bits of v4 are already right.
const UUID_V7 = sql.raw(`encode(set_bit(set_bit(overlay(uuid_send(gen_random_uuid())
  placing substring(int8send(floor(extract(epoch from clock_timestamp()) * 1000)::bigint) from 3) from 1 for 6),
  52, 1), 53, 1), 'hex')::uuid`);

// contactName() of the contacts module, in SQL.
const CONTACT_NAME =
  sql.raw(`coalesce(nullif(concat_ws(' ', nullif(qp.first_name, ''), nullif(qp.last_name, '')), ''),
  nullif(qp.email, ''), '(unnamed)')`);

const plural = (n: SQL) => sql`case when ${n} = 1 then 'day' else 'days' end`;

/**
 * Writes a `usage` timeline entry for each quiet account and quiet key player of every workspace
 * that has none since its last activity (or none at all, for an account never active). Answers
 * how many entries it wrote of each kind.
 */
export async function insertQuietEntries(
  db: Db,
  today: string,
  occurredAt: Date,
): Promise<{ accounts: number; keyPlayers: number }> {
  const at = occurredAt.toISOString();
  // An entry covers the silence when it was written after the last active day (any entry, when
  // there never was activity).
  const covered = (workspaceId: SQL, accountId: SQL, lastDay: SQL, contact: SQL) => sql`
    exists (select 1 from timeline_entries t
      where t.workspace_id = ${workspaceId} and t.account_id = ${accountId} and t.kind = 'usage' and ${contact}
        and (${lastDay} is null or t.occurred_at >= (${lastDay} + 1)::timestamp at time zone 'UTC'))`;
  const accounts = await queryRows<{ id: string }>(
    db,
    sql`
    with ${quietCtes(today, null, null)}
    insert into timeline_entries (workspace_id, account_id, id, kind, title, body, occurred_at, contact_id)
    select qa.workspace_id, qa.id, ${UUID_V7}, 'usage',
      case when qa.last_day is null then 'No product activity yet'
        else format('No product activity for %s %s', qa.days, ${plural(sql`qa.days`)}) end,
      case when qa.last_day is null
        then format('No product activity recorded since the account was created on %s.', qa.created_on)
        else format('Last product activity on %s.', qa.last_day) end,
      ${at}::timestamptz, null
    from quiet_accounts qa
    where not ${covered(sql`qa.workspace_id`, sql`qa.id`, sql`qa.last_day`, sql`t.contact_id is null`)}
    returning id`,
  );
  const players = await queryRows<{ id: string }>(
    db,
    sql`
    with ${quietCtes(today, null, null)}
    insert into timeline_entries (workspace_id, account_id, id, kind, title, body, occurred_at, contact_id)
    select qp.workspace_id, qp.account_id, ${UUID_V7}, 'usage',
      format('%s (%s) has been quiet for %s %s', ${CONTACT_NAME},
        coalesce(replace(qp.decision_role, '_', ' '), 'key player'), qp.days, ${plural(sql`qp.days`)}),
      format('Last product activity on %s.', qp.last_day),
      ${at}::timestamptz, qp.contact_id
    from quiet_players qp
    where not ${covered(sql`qp.workspace_id`, sql`qp.account_id`, sql`qp.last_day`, sql`t.contact_id = qp.contact_id`)}
    returning id`,
  );
  return { accounts: accounts.length, keyPlayers: players.length };
}
