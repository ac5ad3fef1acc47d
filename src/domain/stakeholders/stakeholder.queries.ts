import { sql } from "drizzle-orm";
import type { Db } from "../../db/index.ts";
import { queryRows } from "../../db/index.ts";

/** Which of the account's people, and up to when: every query of the map reads the same scope. */
export type MapScope = { accountId: string; contactIds: string[]; now: Date };

const ids = (s: MapScope) => sql`${sql.param(s.contactIds)}::uuid[]`;
const at = (d: Date) => sql`${d.toISOString()}::timestamptz`;

/** The key players' job titles (the success computation does not carry them). */
export const playerTitles = (db: Db, workspaceId: string, s: MapScope) =>
  queryRows<{ id: string; title: string | null }>(
    db,
    sql`select id, title from contacts
      where workspace_id = ${workspaceId} and account_id = ${s.accountId} and id = any(${ids(s)})`,
  );

export type TouchpointSeen = {
  contactId: string;
  touchpointId: string;
  occurredAt: Date | string;
  channel: string;
  title: string;
};

/** Each key player's latest touchpoint of the account up to now (one row per player met). */
export const lastTouchpoints = (db: Db, workspaceId: string, s: MapScope) =>
  queryRows<TouchpointSeen>(
    db,
    sql`select distinct on (p.contact_id) p.contact_id as "contactId", t.id as "touchpointId",
        t.occurred_at as "occurredAt", t.channel, t.title
      from touchpoint_players p
      join touchpoints t on t.workspace_id = p.workspace_id and t.id = p.touchpoint_id
      where p.workspace_id = ${workspaceId} and p.contact_id = any(${ids(s)})
        and t.account_id = ${s.accountId} and t.occurred_at <= ${at(s.now)}
      order by p.contact_id, t.occurred_at desc, t.id desc`,
  );

/** Every (touchpoint, key player present) pair of the account from `since` up to now, newest first. */
export const touchpointsSince = (db: Db, workspaceId: string, s: MapScope, since: Date) =>
  queryRows<TouchpointSeen>(
    db,
    sql`select p.contact_id as "contactId", t.id as "touchpointId", t.occurred_at as "occurredAt",
        t.channel, t.title
      from touchpoints t
      join touchpoint_players p on p.workspace_id = t.workspace_id and p.touchpoint_id = t.id
      where t.workspace_id = ${workspaceId} and t.account_id = ${s.accountId}
        and t.occurred_at >= ${at(since)} and t.occurred_at <= ${at(s.now)}
        and p.contact_id = any(${ids(s)})
      order by t.occurred_at desc, t.id, p.contact_id`,
  );

export type AnswerSeen = {
  contactId: string;
  responseId: string;
  kind: string;
  dimension: string | null;
  score: number;
  scale: number;
  comment: string | null;
  answeredAt: Date | string;
  /** The player's latest answer of any kind. */
  latest: boolean;
  /** The player's latest answer of its kind. */
  latestOfKind: boolean;
};

/** Each key player's latest survey answer, and their latest NPS answer when that is another one. */
export const latestAnswers = (db: Db, workspaceId: string, s: MapScope) =>
  queryRows<AnswerSeen>(
    db,
    sql`select "contactId", "responseId", kind, dimension, score, scale, comment, "answeredAt",
        rn = 1 as latest, rn_kind = 1 as "latestOfKind"
      from (
        select contact_id as "contactId", id as "responseId", kind, dimension, score::int as score,
          scale::int as scale, comment, answered_at as "answeredAt",
          row_number() over (partition by contact_id order by answered_at desc, id desc) as rn,
          row_number() over (partition by contact_id, kind order by answered_at desc, id desc) as rn_kind
        from survey_responses
        where workspace_id = ${workspaceId} and account_id = ${s.accountId}
          and contact_id = any(${ids(s)}) and answered_at <= ${at(s.now)}
      ) ranked
      where rn = 1 or (kind = 'nps' and rn_kind = 1)`,
  );

/**
 * Of these accounts, those where a departure or detractor risk can stand (a champion or economic
 * buyer who left, a detractor by role, a decision maker whose NPS answer was 6 or less) or where
 * an alert about one is open: a superset the map's own rules then decide on, so that an import of
 * thousands of contacts does not compute thousands of maps for nothing.
 */
export async function accountsWithDepartureSignals(
  db: Db,
  workspaceId: string,
  accountIds: string[],
): Promise<string[]> {
  if (accountIds.length === 0) return [];
  const rows = await queryRows<{ id: string }>(
    db,
    sql`select a.id from accounts a
         where a.workspace_id = ${workspaceId} and a.id = any(${sql.param(accountIds)}::uuid[])
           and (exists (select 1 from contacts c
                         where c.workspace_id = a.workspace_id and c.account_id = a.id
                           and ((c.decision_role in ('champion', 'economic_buyer') and c.left_company)
                             or (c.decision_role = 'detractor' and not c.left_company)
                             or (c.decision_role in ('economic_buyer', 'decision_maker') and not c.left_company
                                 and exists (select 1 from survey_responses r
                                              where r.workspace_id = c.workspace_id and r.account_id = c.account_id
                                                and r.contact_id = c.id and r.kind = 'nps' and r.score <= 6))))
             or exists (select 1 from tasks t
                         where t.workspace_id = a.workspace_id and t.account_id = a.id and t.closed_at is null
                           and t.reason_key like 'stakeholder_risk:%'))`,
  );
  return rows.map((r) => r.id);
}
