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
