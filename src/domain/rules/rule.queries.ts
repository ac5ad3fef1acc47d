import { and, eq, type SQL, sql } from "drizzle-orm";
import type { Db } from "../../db/index.ts";
import { queryRows, schema } from "../../db/index.ts";
import { withTx } from "../../db/transaction.ts";
import { afterCursor, orderBy, type SortKey, sortKeyColumn, toPage } from "../kernel/pagination.queries.ts";
import { KEY_ROLES } from "./rule.rules.ts";

const { rules, ruleRuns } = schema;

// Rules

export type RuleRow = typeof rules.$inferSelect & { createdByName: string | null };

const ruleSelect = sql`select r.workspace_id as "workspaceId", r.id, r.name, r.description, r.enabled, r.trigger,
    r.conditions, r.actions, r.state, r.last_run_at as "lastRunAt", r.created_by as "createdBy",
    r.created_at as "createdAt", r.updated_at as "updatedAt", u.name as "createdByName"
  from rules r left join users u on u.id = r.created_by`;

export const listRuleRows = (db: Db, workspaceId: string, onlyEnabled = false): Promise<RuleRow[]> =>
  queryRows(
    db,
    sql`${ruleSelect} where r.workspace_id = ${workspaceId} ${onlyEnabled ? sql`and r.enabled` : sql``}
        order by lower(r.name)`,
  );

export const findRuleRow = async (db: Db, workspaceId: string, id: string): Promise<RuleRow | null> =>
  (
    await queryRows<RuleRow>(db, sql`${ruleSelect} where r.workspace_id = ${workspaceId} and r.id = ${id}`)
  )[0] ?? null;

export const findRuleByName = async (db: Db, workspaceId: string, name: string): Promise<RuleRow | null> =>
  (
    await queryRows<RuleRow>(
      db,
      sql`${ruleSelect} where r.workspace_id = ${workspaceId} and lower(r.name) = lower(${name})`,
    )
  )[0] ?? null;

/** Workspaces with enabled rules, for the scheduled passes (system path). */
export const workspacesWithRules = async (db: Db): Promise<string[]> =>
  (await queryRows<{ id: string }>(db, sql`select distinct workspace_id as id from rules where enabled`)).map(
    (r) => r.id,
  );

export const ruleNameTaken = async (db: Db, workspaceId: string, name: string, exceptId?: string) =>
  (
    await queryRows<{ id: string }>(
      db,
      sql`select id from rules where workspace_id = ${workspaceId} and lower(name) = lower(${name})
            ${exceptId ? sql`and id <> ${exceptId}` : sql``}`,
    )
  ).length > 0;

export const insertRule = (db: Db, row: typeof rules.$inferInsert) => db.insert(rules).values(row);

export const updateRuleRow = (
  db: Db,
  workspaceId: string,
  id: string,
  patch: Partial<Omit<typeof rules.$inferInsert, "workspaceId" | "id">>,
) =>
  db
    .update(rules)
    .set({ ...patch, updatedAt: sql`now()` })
    .where(and(eq(rules.workspaceId, workspaceId), eq(rules.id, id)));

export const deleteRuleRow = (db: Db, workspaceId: string, id: string) =>
  db.delete(rules).where(and(eq(rules.workspaceId, workspaceId), eq(rules.id, id)));

export const markRuleRun = (db: Db, workspaceId: string, id: string, state: unknown, at: Date) =>
  db
    .update(rules)
    .set({ lastRunAt: at, state })
    .where(and(eq(rules.workspaceId, workspaceId), eq(rules.id, id)));

// Standing triggers: who is on the far side of the line now, and who was

/**
 * Makes the rule's standing set what `current` selects (`id`, `key`): drops accounts no longer in
 * it, adds new ones, and answers those that came in (or came back with another key, e.g. a new
 * renewal date).
 */
export async function syncStanding(
  db: Db,
  workspaceId: string,
  ruleId: string,
  current: SQL,
): Promise<string[]> {
  const rows = await queryRows<{ account_id: string }>(
    db,
    sql`with cur as (${current}),
         gone as (
           delete from rule_matches m
            where m.workspace_id = ${workspaceId} and m.rule_id = ${ruleId}
              and not exists (select 1 from cur where cur.id = m.account_id)),
         came as (
           insert into rule_matches (workspace_id, rule_id, account_id, key, since)
           select ${workspaceId}, ${ruleId}, cur.id, cur.key, now() from cur
           on conflict (workspace_id, rule_id, account_id) do update set key = excluded.key, since = now()
            where rule_matches.key <> excluded.key
           returning account_id)
       select account_id from came`,
  );
  return rows.map((r) => r.account_id);
}

export const clearStanding = (db: Db, workspaceId: string, ruleId: string) =>
  db.execute(sql`delete from rule_matches where workspace_id = ${workspaceId} and rule_id = ${ruleId}`);

/** Accounts whose next renewal is between `day` and `day + days`, keyed by that date. */
export const renewalWindow = (workspaceId: string, day: string, days: number): SQL =>
  sql`select a.id, a.next_renewal_date::text as key from accounts a
       where a.workspace_id = ${workspaceId} and a.next_renewal_date between ${day}::date and ${day}::date + ${days}::int`;

/** Wraps a compiled filter (`id`, …) as a standing set with an empty key. */
export const asStanding = (select: SQL): SQL => sql`select m.id, ''::text as key from (${select}) m`;

/**
 * The ids a select (`id`, …) yields; with `exceptStandingOf`, leaving out the accounts already in
 * that rule's standing set under the same key (a dry run's "would fire").
 */
export const recordIds = async (db: Db, select: SQL, exceptStandingOf?: string): Promise<string[]> =>
  (
    await queryRows<{ id: string }>(
      db,
      exceptStandingOf
        ? sql`select s.id from (${select}) s where not exists (select 1 from rule_matches m
               where m.rule_id = ${exceptStandingOf} and m.account_id = s.id and m.key = s.key)`
        : sql`select s.id from (${select}) s`,
    )
  ).map((r) => r.id);

/** Accounts with a key player (economic buyer, decision maker, champion) who left. */
export const keyPlayerDepartures = async (db: Db, workspaceId: string): Promise<string[]> =>
  (
    await queryRows<{ account_id: string }>(
      db,
      sql`select distinct account_id from contacts
           where workspace_id = ${workspaceId} and left_company
             and decision_role = any(${sql.param([...KEY_ROLES])}::text[])`,
    )
  ).map((r) => r.account_id);

/** Accounts with a key player's outcome at risk. */
export const outcomesAtRisk = async (db: Db, workspaceId: string): Promise<string[]> =>
  (
    await queryRows<{ account_id: string }>(
      db,
      sql`select distinct c.account_id from outcomes o
            join contacts c on c.workspace_id = o.workspace_id and c.id = o.contact_id
           where o.workspace_id = ${workspaceId} and o.status = 'at_risk'`,
    )
  ).map((r) => r.account_id);

// What an event's record says now

/** Of these contacts, the accounts of those who are key players and have left. */
export const accountsOfKeyPlayersWhoLeft = async (db: Db, workspaceId: string, contactIds: string[]) =>
  contactIds.length === 0
    ? []
    : (
        await queryRows<{ account_id: string }>(
          db,
          sql`select distinct account_id from contacts
               where workspace_id = ${workspaceId} and id = any(${sql.param(contactIds)}::uuid[])
                 and left_company and decision_role = any(${sql.param([...KEY_ROLES])}::text[])`,
        )
      ).map((r) => r.account_id);

/** Of these outcomes, the accounts of those now at risk. */
export const accountsOfOutcomesAtRisk = async (db: Db, workspaceId: string, outcomeIds: string[]) =>
  outcomeIds.length === 0
    ? []
    : (
        await queryRows<{ account_id: string }>(
          db,
          sql`select distinct c.account_id from outcomes o
                join contacts c on c.workspace_id = o.workspace_id and c.id = o.contact_id
               where o.workspace_id = ${workspaceId} and o.id = any(${sql.param(outcomeIds)}::uuid[])
                 and o.status = 'at_risk'`,
        )
      ).map((r) => r.account_id);

/**
 * Runs a compiled filter selecting `id`, `name` and `values`, without just-in-time compilation:
 * a filter reading usage per account is estimated dear enough for PostgreSQL to compile it, which
 * took longer than the statement it served (a statement run once, over 20,000 accounts at most).
 * `set local` ends with the transaction (or the caller's, when it runs in one).
 */
export const selectMatching = (db: Db, select: SQL) =>
  withTx(db, async (tx) => {
    await tx.execute(sql`set local jit = off`);
    return queryRows<{ id: string; name: string; values: Record<string, unknown> | string }>(tx, select);
  });

// Actions

export type AccountFacts = {
  id: string;
  name: string;
  ownerId: string | null;
  ownerName: string | null;
  ownerEmail: string | null;
  lifecycleStage: string;
  coverage: string | null;
  tier: string | null;
  industry: string | null;
  region: string | null;
  country: string | null;
  customFields: Record<string, unknown>;
  /** Who set them: a rule leaves what a person set by hand. */
  tierSource: string | null;
  coverageSource: string | null;
  ownerSource: string | null;
};

export const accountFacts = (db: Db, workspaceId: string, ids: string[]): Promise<AccountFacts[]> =>
  ids.length === 0
    ? Promise.resolve([])
    : queryRows(
        db,
        sql`select a.id, a.name, a.owner_id as "ownerId", u.name as "ownerName", u.email as "ownerEmail",
                   a.lifecycle_stage as "lifecycleStage", a.coverage, a.tier, a.industry, a.region, a.country,
                   a.custom_fields as "customFields", a.tier_source as "tierSource",
                   a.coverage_source as "coverageSource", a.owner_source as "ownerSource"
              from accounts a left join users u on u.id = a.owner_id
             where a.workspace_id = ${workspaceId} and a.id = any(${sql.param(ids)}::uuid[])`,
      );

/** The key players of these accounts who are still there and have an email. */
export const keyPlayersToEmail = (
  db: Db,
  workspaceId: string,
  accountIds: string[],
): Promise<
  { id: string; accountId: string; email: string; firstName: string | null; lastName: string | null }[]
> =>
  accountIds.length === 0
    ? Promise.resolve([])
    : queryRows(
        db,
        sql`select id, account_id as "accountId", email, first_name as "firstName", last_name as "lastName"
              from contacts
             where workspace_id = ${workspaceId} and account_id = any(${sql.param(accountIds)}::uuid[])
               and not left_company and email is not null
               and decision_role = any(${sql.param([...KEY_ROLES])}::text[])
             order by account_id, id`,
      );

/** A named team's members, in a stable order (round robin takes turns over it). */
export const teamMembers = async (db: Db, workspaceId: string, team: string): Promise<string[]> =>
  (
    await queryRows<{ user_id: string }>(
      db,
      sql`select user_id from memberships where workspace_id = ${workspaceId} and lower(team) = lower(${team})
           order by user_id`,
    )
  ).map((r) => r.user_id);

// The run log

export const insertRun = (db: Db, row: typeof ruleRuns.$inferInsert) => db.insert(ruleRuns).values(row);

export type RunRow = {
  id: string;
  ruleId: string;
  cause: string;
  status: string;
  matched: number;
  matches: unknown;
  error: string | null;
  startedAt: Date;
  finishedAt: Date | null;
};

const runColumns = sql`id, rule_id as "ruleId", cause, status, matched, error, started_at as "startedAt",
  finished_at as "finishedAt"`;

export async function pageRuns(
  db: Db,
  workspaceId: string,
  ruleId: string,
  q: { limit: number; cursor?: string | undefined },
) {
  const key: SortKey = { expr: sql`started_at`, type: "timestamptz", desc: true };
  const rows = await queryRows<RunRow & { sortKey: string }>(
    db,
    sql`select ${runColumns}, ${sortKeyColumn(key)} as "sortKey" from rule_runs
         where workspace_id = ${workspaceId} and rule_id = ${ruleId} and ${afterCursor(key, sql`id`, q.cursor) ?? sql`true`}
         order by ${sql.join(orderBy(key, sql`id`), sql`, `)} limit ${q.limit + 1}`,
  );
  return toPage(rows, q.limit);
}

export const findRun = async (
  db: Db,
  workspaceId: string,
  ruleId: string,
  runId: string,
): Promise<RunRow | null> =>
  (
    await queryRows<RunRow>(
      db,
      sql`select ${runColumns}, matches from rule_runs
           where workspace_id = ${workspaceId} and rule_id = ${ruleId} and id = ${runId}`,
    )
  )[0] ?? null;

// Replays: when the trigger would have fired, from history

// Each answers the firings as a select of (account_id, day): a replay tests them against the
// rule's conditions and counts them in the database, never holding thousands of pairs in memory.

/** What a replay caught, per account: the first day it fired and how many times, from a select of firings. */
export const caughtBy = (db: Db, firings: SQL) =>
  queryRows<{ accountId: string; firstDay: string; firings: number }>(
    db,
    sql`select f.account_id as "accountId", min(f.day)::text as "firstDay", count(*)::int as firings
          from (${firings}) f group by f.account_id`,
  );

/** Every account of the workspace on each of `days` (a schedule's firings; a day twice fires twice). */
export const scheduleFirings = (workspaceId: string, days: string[]): SQL =>
  sql`select a.id as account_id, d.day from accounts a cross join unnest(${sql.param(days)}::date[]) as d(day)
       where a.workspace_id = ${workspaceId}`;

/** Days (from, to] on which the health band changed (to `to`, if given). */
export const bandChanges = (workspaceId: string, from: string, to: string, band?: string) =>
  sql`select account_id, day from (
          select account_id, day, band, lag(band) over (partition by account_id order by day) as before
            from health_scores where workspace_id = ${workspaceId} and day between ${from}::date and ${to}::date) h
         where day > ${from}::date and band is distinct from before and before is not null
           ${band ? sql`and band = ${band}` : sql`and band is not null`}`;

/** Entries into (or exits from) a segment in the period. */
export const segmentMoves = (
  workspaceId: string,
  segmentId: string,
  change: "entered" | "left",
  from: string,
  to: string,
) => {
  const at = change === "entered" ? sql`entered_at` : sql`left_at`;
  return sql`select entity_id as account_id, (${at} at time zone 'UTC')::date as day from segment_members
         where workspace_id = ${workspaceId} and segment_id = ${segmentId}
           and ${at} >= (${from}::date + 1)::timestamptz and ${at} < (${to}::date + 1)::timestamptz`;
};

/** Survey answers in the period (of a kind, in a score range). */
export const answersIn = (
  workspaceId: string,
  from: string,
  to: string,
  t: { surveyKind?: string | undefined; scoreAtMost?: number | undefined; scoreAtLeast?: number | undefined },
) =>
  sql`select account_id, (answered_at at time zone 'UTC')::date as day from survey_responses
         where workspace_id = ${workspaceId}
           and answered_at >= (${from}::date + 1)::timestamptz and answered_at < (${to}::date + 1)::timestamptz
           ${t.surveyKind ? sql`and kind = ${t.surveyKind}` : sql`and kind <> 'dimension'`}
           ${t.scoreAtMost !== undefined ? sql`and score <= ${t.scoreAtMost}` : sql``}
           ${t.scoreAtLeast !== undefined ? sql`and score >= ${t.scoreAtLeast}` : sql``}`;

/** Days in the period that were `daysBefore` a subscription's renewal date. */
export const renewalsApproached = (workspaceId: string, from: string, to: string, daysBefore: number) =>
  sql`select distinct account_id, renewal_date - ${daysBefore}::int as day from subscriptions
         where workspace_id = ${workspaceId}
           and renewal_date - ${daysBefore}::int > ${from}::date and renewal_date - ${daysBefore}::int <= ${to}::date`;

/** Outcomes whose status became at risk in the period (their change history). */
export const outcomesWentAtRisk = (workspaceId: string, from: string, to: string) =>
  sql`select c.account_id, (ch.changed_at at time zone 'UTC')::date as day from outcome_changes ch
          join outcomes o on o.workspace_id = ch.workspace_id and o.id = ch.outcome_id
          join contacts c on c.workspace_id = o.workspace_id and c.id = o.contact_id
         where ch.workspace_id = ${workspaceId} and ch.changes -> 'status' ->> 'to' = 'at_risk'
           and ch.changed_at >= (${from}::date + 1)::timestamptz and ch.changed_at < (${to}::date + 1)::timestamptz`;

/** Key players recorded as gone whose record last changed in the period (the nearest the data comes to when they left). */
export const keyPlayersLeftIn = (workspaceId: string, from: string, to: string) =>
  sql`select account_id, (updated_at at time zone 'UTC')::date as day from contacts
         where workspace_id = ${workspaceId} and left_company
           and decision_role = any(${sql.param([...KEY_ROLES])}::text[])
           and updated_at >= (${from}::date + 1)::timestamptz and updated_at < (${to}::date + 1)::timestamptz`;

/** Domain events of a type in the period (kept 30 days). */
export const eventsIn = (workspaceId: string, type: string, from: string, to: string) =>
  sql`select account_id, (occurred_at at time zone 'UTC')::date as day from domain_events
         where workspace_id = ${workspaceId} and type = ${type} and account_id is not null
           and occurred_at >= (${from}::date + 1)::timestamptz and occurred_at < (${to}::date + 1)::timestamptz`;

/**
 * What became of accounts after a day: churned (recurring revenue then, none now) or contracted
 * (less now than then), from their subscriptions.
 */
export const fatesAfter = async (
  db: Db,
  workspaceId: string,
  firsts: { accountId: string; day: string }[],
): Promise<Map<string, { name: string; churned: boolean; contracted: boolean }>> => {
  if (firsts.length === 0) return new Map();
  const rows = await queryRows<{
    id: string;
    name: string;
    then_mrr: string;
    now_mrr: string;
    stage: string;
  }>(
    db,
    sql`with f as (select * from unnest(${sql.param(firsts.map((x) => x.accountId))}::uuid[],
                                        ${sql.param(firsts.map((x) => x.day))}::date[]) as f(account_id, day))
        select a.id, a.name, a.lifecycle_stage as stage,
               (select coalesce(sum(s.mrr_minor), 0) from subscriptions s
                 where s.workspace_id = a.workspace_id and s.account_id = a.id
                   and s.start_date <= f.day and (s.end_date is null or s.end_date > f.day))::text as then_mrr,
               a.mrr_minor::text as now_mrr
          from f join accounts a on a.workspace_id = ${workspaceId} and a.id = f.account_id`,
  );
  return new Map(
    rows.map((r) => {
      const then = Number(r.then_mrr);
      const now = Number(r.now_mrr);
      const churned = r.stage === "churned" || (then > 0 && now === 0);
      return [r.id, { name: r.name, churned, contracted: !churned && now < then }];
    }),
  );
};

/** Accounts entering a stage (any stage when none is named) in the period, from the stage history. */
export const stageChangesIn = (workspaceId: string, from: string, to: string, stage?: string) =>
  sql`select account_id, (changed_at at time zone 'UTC')::date as day from account_stage_changes
       where workspace_id = ${workspaceId} and from_stage is not null
         ${stage ? sql`and to_stage = ${stage}` : sql``}
         and changed_at >= (${from}::date + 1)::timestamptz and changed_at < (${to}::date + 1)::timestamptz`;
