import { eq, inArray, type SQL, sql } from "drizzle-orm";
import type { AnyPgColumn, PgTable } from "drizzle-orm/pg-core";
import type { Db } from "../../db/index.ts";
import { queryRows, schema } from "../../db/index.ts";
import type { DemoRows } from "./generate.ts";
import { countUsageEvents } from "./usage.queries.ts";

const {
  workspaces,
  users,
  memberships,
  accounts,
  contacts,
  subscriptions,
  accountTeamMembers,
  timelineEntries,
  customFieldDefs,
  usageUsers,
  outcomes,
  outcomeEvidence,
  outcomeChanges,
  tickets,
  surveyResponses,
  tasks,
  touchpoints,
  touchpointPlayers,
  surveys,
  surveyRecipients,
  mailMessages,
  successPlans,
  successPlanItems,
  successPlanItemOutcomes,
  successPlanLinks,
  segmentMembers,
  advocacyAsks,
  charterVersions,
} = schema;

export const findWorkspaceIdBySlug = async (db: Db, slug: string): Promise<string | null> =>
  (await db.select({ id: workspaces.id }).from(workspaces).where(eq(workspaces.slug, slug)).limit(1))[0]
    ?.id ?? null;

/** Everything in the workspace goes with it (foreign keys cascade); logins and the audit log stay. */
export const deleteWorkspaceById = (db: Db, id: string) => db.delete(workspaces).where(eq(workspaces.id, id));

export const usersByEmail = async (db: Db, emails: string[]): Promise<Map<string, string>> => {
  const rows = await db
    .select({ id: users.id, email: sql<string>`lower(${users.email})` })
    .from(users)
    .where(
      inArray(
        sql`lower(${users.email})`,
        emails.map((e) => e.toLowerCase()),
      ),
    );
  return new Map(rows.map((r) => [r.email, r.id]));
};

export const insertUsers = (db: Db, rows: (typeof users.$inferInsert)[]) =>
  rows.length === 0 ? Promise.resolve() : db.insert(users).values(rows).onConflictDoNothing();

export const insertMemberships = (db: Db, rows: (typeof memberships.$inferInsert)[]) =>
  db.insert(memberships).values(rows);

/** Multi-row inserts of `size` rows: one round trip each, well under PostgreSQL's 65,535 parameters. */
async function insertInChunks<T extends PgTable>(db: Db, table: T, rows: T["$inferInsert"][], size = 500) {
  for (let i = 0; i < rows.length; i += size) {
    await db.insert(table).values(rows.slice(i, i + size) as never);
  }
}

/**
 * The generated workspace's rows, each table in chunks (a statement each, no transaction: the demo
 * loader's marker covers a stop half-way), parents before children; `progress` hears the fraction done.
 */
export async function insertDemoRows(
  db: Db,
  rows: Omit<DemoRows, "usage" | "relationships">,
  progress: (fraction: number) => void = () => {},
) {
  const tables = [
    [customFieldDefs, rows.customFieldDefs],
    [accounts, rows.accounts],
    [contacts, rows.contacts],
    [subscriptions, rows.subscriptions],
    [accountTeamMembers, rows.teamMembers],
    [timelineEntries, rows.timeline],
    [outcomes, rows.outcomes],
    [outcomeEvidence, rows.outcomeEvidence],
    [outcomeChanges, rows.outcomeChanges],
    [successPlans, rows.plans],
    [successPlanItems, rows.planItems],
    [successPlanItemOutcomes, rows.planItemOutcomes],
    [successPlanLinks, rows.planLinks],
    [tickets, rows.tickets],
    [touchpoints, rows.touchpoints],
    [touchpointPlayers, rows.touchpointPlayers],
    [surveys, rows.surveys],
    [surveyRecipients, rows.surveyRecipients],
    [surveyResponses, rows.surveyResponses],
    [tasks, rows.tasks],
    [mailMessages, rows.mailMessages],
  ] as const;
  for (const [i, [table, list]] of tables.entries()) {
    await insertInChunks(db, table, list as never[]);
    progress((i + 1) / tables.length);
  }
}

/** Gives a workspace another slug (the demo loader's last step marks the demo complete with it). */
export const renameWorkspace = (db: Db, id: string, slug: string) =>
  db.update(workspaces).set({ slug }).where(eq(workspaces.id, id));

export type DemoCounts = {
  members: number;
  accounts: number;
  contacts: number;
  subscriptions: number;
  teamMembers: number;
  timelineEntries: number;
  customFieldDefs: number;
  outcomes: number;
  tickets: number;
  surveyResponses: number;
  touchpoints: number;
  surveys: number;
  surveyRecipients: number;
  mailMessages: number;
  /**
   * Inbox items other than playbook steps. What playbooks add (runs, steps, their timeline entries)
   * is left out of these counts: which accounts a rule holds out is a hash of rule and account ids,
   * new with every load, and a treated account's running playbook keeps a later start away.
   */
  tasks: number;
  usageEvents: number;
  productUsers: number;
  advocacyAsks: number;
  charterVersions: number;
};

export async function countWorkspace(db: Db, workspaceId: string): Promise<DemoCounts> {
  const count = async (table: PgTable, column: AnyPgColumn) =>
    (await db.select({ n: sql<number>`count(*)::int` }).from(table).where(eq(column, workspaceId)))[0]?.n ??
    0;
  const automation = await automationCounts(db, workspaceId);
  return {
    members: await count(memberships, memberships.workspaceId),
    accounts: await count(accounts, accounts.workspaceId),
    contacts: await count(contacts, contacts.workspaceId),
    subscriptions: await count(subscriptions, subscriptions.workspaceId),
    teamMembers: await count(accountTeamMembers, accountTeamMembers.workspaceId),
    timelineEntries:
      (await count(timelineEntries, timelineEntries.workspaceId)) - automation.playbookTimeline,
    customFieldDefs: await count(customFieldDefs, customFieldDefs.workspaceId),
    outcomes: await count(outcomes, outcomes.workspaceId),
    tickets: await count(tickets, tickets.workspaceId),
    surveyResponses: await count(surveyResponses, surveyResponses.workspaceId),
    touchpoints: await count(touchpoints, touchpoints.workspaceId),
    surveys: await count(surveys, surveys.workspaceId),
    surveyRecipients: await count(surveyRecipients, surveyRecipients.workspaceId),
    mailMessages: await count(mailMessages, mailMessages.workspaceId),
    tasks: automation.tasks,
    usageEvents: await countUsageEvents(db, workspaceId),
    productUsers: await count(usageUsers, usageUsers.workspaceId),
    advocacyAsks: await count(advocacyAsks, advocacyAsks.workspaceId),
    charterVersions: await count(charterVersions, charterVersions.workspaceId),
  };
}

/**
 * Fresh planner statistics for the tables a demo load fills. Installation-wide, as ANALYZE is: it
 * cannot be limited to one workspace's rows.
 */
export async function analyzeDemoTables(db: Db) {
  await db.execute(sql`analyze accounts, contacts, subscriptions, usage_user_days, usage_account_event_days`);
}

/**
 * Coverage by tier: Enterprise one-to-one, Mid-Market one-to-few, the rest one-to-many, as the
 * team's tiering rules set it. Tiers came from the CRM (by hand); one-to-one accounts were given
 * to their CSM by hand, the pooled ones by assignment rules (so rebalancing may move those).
 */
export async function setCoverageByTier(db: Db, workspaceId: string) {
  await db.execute(sql`
    update accounts set coverage = case tier when 'Enterprise' then 'one_to_one'
      when 'Mid-Market' then 'one_to_few' else 'one_to_many' end,
      coverage_source = 'rule',
      tier_source = case when tier is not null then 'hand' end,
      owner_source = case when owner_id is null then null when tier = 'Enterprise' then 'hand' else 'rule' end
    where workspace_id = ${workspaceId}`);
}

/** The high-touch (one-to-one and one-to-few) accounts with their owners, by id. */
export async function highTouchAccountOwners(
  db: Db,
  workspaceId: string,
): Promise<{ id: string; owner_id: string | null }[]> {
  return queryRows<{ id: string; owner_id: string | null }>(
    db,
    sql`select id, owner_id from accounts where workspace_id = ${workspaceId} and coverage in ('one_to_one', 'one_to_few')
        order by id`,
  );
}

export type DemoSentiment = {
  id: string;
  accountId: string;
  rating: number;
  reasons: string[];
  comment: string;
  /** ISO timestamp. */
  at: string;
  author: string | null;
};

/** Sentiment ratings of the workspace's accounts, in one statement. */
export async function insertSentimentRatings(db: Db, workspaceId: string, rows: DemoSentiment[]) {
  const col = <T>(f: (r: DemoSentiment) => T) => sql.param(rows.map(f));
  await db.execute(sql`
    insert into sentiment_ratings (workspace_id, account_id, id, rating, reasons, comment, author_id, created_at)
    select ${workspaceId}, a, i, r, string_to_array(x, ','), c, u, t
    from unnest(${col((r) => r.accountId)}::uuid[], ${col((r) => r.id)}::uuid[], ${col((r) => r.rating)}::int[],
                ${col((r) => r.reasons.join(","))}::text[], ${col((r) => r.comment)}::text[],
                ${col((r) => r.author)}::uuid[], ${col((r) => r.at)}::timestamptz[]) as v(a, i, r, x, c, u, t)`);
}

/** A stay of a record in a segment (left null: still in). */
export type Stay = { entityId: string; enteredAt: Date; leftAt: Date | null };

/** The ids a compiled segment filter matches. */
export const matchedIds = async (db: Db, select: SQL): Promise<string[]> =>
  (await queryRows<{ id: string }>(db, sql`select m.id from (${select}) m`)).map((r) => r.id);

/** Replaces a demo segment's membership history with these stays. */
export async function insertSegmentStays(db: Db, workspaceId: string, segmentId: string, stays: Stay[]) {
  await db.execute(
    sql`delete from segment_members where workspace_id = ${workspaceId} and segment_id = ${segmentId}`,
  );
  await insertInChunks(
    db,
    segmentMembers,
    stays.map((s) => ({
      workspaceId,
      segmentId,
      entityId: s.entityId,
      enteredAt: s.enteredAt,
      leftAt: s.leftAt,
    })),
  );
}

/**
 * The renewals of the past the renewal playbook's rule would have met `daysBefore` ahead, with the
 * day it would have: each subscription's yearly anniversary while it ran, and the end of one that
 * was cancelled or expired, whose start day falls between `from` and `to`.
 */
export const pastRenewalStarts = (
  db: Db,
  workspaceId: string,
  daysBefore: number,
  from: string,
  to: string,
) =>
  queryRows<{ accountId: string; renewal: string; day: string }>(
    db,
    sql`with r as (
          select s.account_id, (s.start_date + make_interval(years => k))::date as renewal
            from subscriptions s, generate_series(1, 5) k
           where s.workspace_id = ${workspaceId} and s.status <> 'trial'
             and (s.end_date is null or s.end_date >= (s.start_date + make_interval(years => k))::date)
          union
          select account_id, end_date from subscriptions
           where workspace_id = ${workspaceId} and status in ('canceled', 'expired') and end_date is not null)
        select distinct on (account_id, day) account_id as "accountId", renewal::text as renewal,
               (renewal - ${daysBefore}::int)::text as day
          from r where renewal - ${daysBefore}::int between ${from}::date and ${to}::date
         order by account_id, day, renewal`,
  );

/** Accounts in the onboarding stage with the day their first subscription started. */
export const onboardingStarts = (db: Db, workspaceId: string) =>
  queryRows<{ accountId: string; ownerId: string | null; day: string }>(
    db,
    sql`select a.id as "accountId", a.owner_id as "ownerId", min(s.start_date)::text as day
          from accounts a join subscriptions s on s.workspace_id = a.workspace_id and s.account_id = a.id
         where a.workspace_id = ${workspaceId} and a.lifecycle_stage = 'onboarding'
         group by a.id, a.owner_id order by a.id`,
  );

/**
 * The demo's playbook steps as the team worked them: created when their run started, closed around
 * their due day (a few days either side, by a hash of the task) when that is past — mostly done,
 * some resolved, a few that did not work out — and each run whose steps are all closed completed
 * on the day of its last.
 */
export async function workDemoPlaybookSteps(db: Db, workspaceId: string, today: string) {
  await db.execute(sql`
    update tasks k set created_at = r.started_at, updated_at = r.started_at, last_occurred_at = r.started_at
      from playbook_runs r
     where k.workspace_id = ${workspaceId} and r.workspace_id = k.workspace_id and r.id = k.playbook_run_id`);
  await db.execute(sql`
    with w as (
      select k.id, k.owner_id, abs(hashtext(k.id::text)) % 100 as h,
             (k.due_date + (abs(hashtext(k.id::text || 'day')) % 8 - 4))::date as day
        from tasks k join playbook_runs r on r.workspace_id = k.workspace_id and r.id = k.playbook_run_id
       where k.workspace_id = ${workspaceId} and k.closed_at is null)
    update tasks k set
        closed_at = greatest((w.day::timestamp + interval '15 hours') at time zone 'UTC', k.created_at + interval '2 hours'),
        closed_by = w.owner_id,
        outcome = case when w.h < 80 then 'done' when w.h < 92 then 'resolved' else 'unsuccessful' end,
        outcome_note = case when w.h >= 92 then 'They could not make time before the date; moved to the next call.' end,
        updated_at = now()
      from w
     where k.workspace_id = ${workspaceId} and k.id = w.id and w.day < ${today}::date`);
  await db.execute(sql`
    update playbook_runs r set status = 'completed',
           ended_at = (select max(k.closed_at) from tasks k where k.workspace_id = r.workspace_id and k.playbook_run_id = r.id)
     where r.workspace_id = ${workspaceId} and r.status = 'active'
       and exists (select 1 from tasks k where k.workspace_id = r.workspace_id and k.playbook_run_id = r.id)
       and not exists (select 1 from tasks k where k.workspace_id = r.workspace_id and k.playbook_run_id = r.id
                         and k.closed_at is null)`);
}

/**
 * What the demo's rules and playbooks added beside the generated rows: inbox items that are not
 * playbook steps, and the playbooks' timeline entries (see DemoCounts.tasks).
 */
export const automationCounts = async (db: Db, workspaceId: string) =>
  (
    await queryRows<{ tasks: number; playbookTimeline: number }>(
      db,
      sql`select (select count(*)::int from tasks where workspace_id = ${workspaceId} and playbook_run_id is null) as tasks,
                 (select count(*)::int from timeline_entries where workspace_id = ${workspaceId} and kind = 'playbook')
                   as "playbookTimeline"`,
    )
  )[0] ?? { tasks: 0, playbookTimeline: 0 };

/** Each account's stage, when it became a customer, and when its last subscription ended (churned ones). */
export const stageFacts = (db: Db, workspaceId: string) =>
  queryRows<{ id: string; stage: string; start: string; ended: string | null }>(
    db,
    sql`select a.id, a.lifecycle_stage as stage,
               coalesce(min(s.start_date), a.created_at::date)::text as start,
               max(s.end_date)::text as ended
          from accounts a left join subscriptions s on s.workspace_id = a.workspace_id and s.account_id = a.id
         where a.workspace_id = ${workspaceId}
         group by a.id, a.lifecycle_stage, a.created_at order by a.id`,
  );

export const insertStageHistory = async (db: Db, rows: (typeof schema.accountStageChanges.$inferInsert)[]) =>
  insertInChunks(db, schema.accountStageChanges, rows);

/** The demo's renewal records, expansion opportunities and their timeline lines, in bulk (no events: history). */
export async function insertDemoLoyalty(
  db: Db,
  rows: {
    renewals: (typeof schema.renewals.$inferInsert)[];
    expansions: (typeof schema.expansionOpportunities.$inferInsert)[];
    timeline: (typeof timelineEntries.$inferInsert)[];
  },
) {
  if (rows.renewals.length > 0) await db.insert(schema.renewals).values(rows.renewals);
  if (rows.expansions.length > 0) await db.insert(schema.expansionOpportunities).values(rows.expansions);
  if (rows.timeline.length > 0) await db.insert(timelineEntries).values(rows.timeline);
}
