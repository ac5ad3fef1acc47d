import { and, eq, sql } from "drizzle-orm";
import { PLAYBOOK_FOLLOW_DAYS } from "../../contract/playbooks.ts";
import type { Db } from "../../db/index.ts";
import { queryRows, schema } from "../../db/index.ts";
import { afterCursor, orderBy, type SortKey, sortKeyColumn, toPage } from "../kernel/pagination.queries.ts";

const { playbooks, playbookRuns } = schema;

// Playbooks

export type PlaybookRow = typeof playbooks.$inferSelect & {
  active: number;
  completed: number;
  heldOut: number;
  /** Every run, cancelled ones included. */
  total: number;
};

const playbookSelect = sql`select p.workspace_id as "workspaceId", p.id, p.key, p.name, p.description, p.type,
    p.steps, p.archived_at as "archivedAt", p.created_at as "createdAt", p.updated_at as "updatedAt",
    coalesce(c.active, 0)::int as active, coalesce(c.completed, 0)::int as completed,
    coalesce(c.held_out, 0)::int as "heldOut", coalesce(c.total, 0)::int as total
  from playbooks p
  left join lateral (
    select count(*) filter (where r.status = 'active') as active,
           count(*) filter (where r.status = 'completed') as completed,
           count(*) filter (where r.status = 'held_out') as held_out, count(*) as total
      from playbook_runs r where r.workspace_id = p.workspace_id and r.playbook_id = p.id
  ) c on true`;

export const listPlaybookRows = (
  db: Db,
  workspaceId: string,
  archived: "true" | "false" | "all",
): Promise<PlaybookRow[]> =>
  queryRows(
    db,
    sql`${playbookSelect} where p.workspace_id = ${workspaceId}
        ${archived === "all" ? sql`` : archived === "true" ? sql`and p.archived_at is not null` : sql`and p.archived_at is null`}
        order by lower(p.name)`,
  );

export const findPlaybookRow = async (db: Db, workspaceId: string, id: string): Promise<PlaybookRow | null> =>
  (
    await queryRows<PlaybookRow>(
      db,
      sql`${playbookSelect} where p.workspace_id = ${workspaceId} and p.id = ${id}`,
    )
  )[0] ?? null;

export const findPlaybookByName = async (db: Db, workspaceId: string, name: string) =>
  (
    await queryRows<{ id: string }>(
      db,
      sql`select id from playbooks where workspace_id = ${workspaceId} and lower(name) = lower(${name})`,
    )
  )[0] ?? null;

export const playbookKeys = async (db: Db, workspaceId: string): Promise<Set<string>> =>
  new Set(
    (
      await queryRows<{ key: string }>(
        db,
        sql`select key from playbooks where workspace_id = ${workspaceId} and key is not null`,
      )
    ).map((r) => r.key),
  );

export const insertPlaybooks = (db: Db, rows: (typeof playbooks.$inferInsert)[]) =>
  rows.length ? db.insert(playbooks).values(rows) : Promise.resolve();

export const updatePlaybookRow = (
  db: Db,
  workspaceId: string,
  id: string,
  fields: Partial<typeof playbooks.$inferInsert>,
) =>
  db
    .update(playbooks)
    .set({ ...fields, updatedAt: new Date() })
    .where(and(eq(playbooks.workspaceId, workspaceId), eq(playbooks.id, id)));

export const deletePlaybookRow = (db: Db, workspaceId: string, id: string) =>
  db.delete(playbooks).where(and(eq(playbooks.workspaceId, workspaceId), eq(playbooks.id, id)));

/** Rules whose actions start this playbook (a playbook a rule needs cannot be deleted). */
export const rulesStarting = (db: Db, workspaceId: string, playbookId: string) =>
  queryRows<{ id: string; name: string }>(
    db,
    sql`select id, name from rules where workspace_id = ${workspaceId}
         and actions @> ${JSON.stringify([{ kind: "start_playbook", playbookId }])}::jsonb order by lower(name)`,
  );

// Starting runs

/**
 * Of these accounts, those the playbook should not start on again: it runs there already, or
 * (when `heldOutSince` is given) a rule held the account out of it since then and it is still
 * being followed.
 */
export const busyAccounts = async (
  db: Db,
  workspaceId: string,
  playbookId: string,
  accountIds: string[],
  heldOutSince: Date | null,
): Promise<Map<string, { status: string; startedAt: Date }>> => {
  const rows = await queryRows<{ accountId: string; status: string; startedAt: Date }>(
    db,
    sql`select distinct on (account_id) account_id as "accountId", status, started_at as "startedAt"
          from playbook_runs
         where workspace_id = ${workspaceId} and playbook_id = ${playbookId}
           and account_id = any(${sql.param(accountIds)}::uuid[])
           and (status = 'active'
                ${heldOutSince ? sql`or (status = 'held_out' and started_at >= ${heldOutSince})` : sql``})
         order by account_id, started_at desc`,
  );
  return new Map(rows.map((r) => [r.accountId, { status: r.status, startedAt: r.startedAt }]));
};

/** The account team's members by role for these accounts, earliest added first within a role. */
export const teamByRole = (db: Db, workspaceId: string, accountIds: string[]) =>
  queryRows<{ accountId: string; teamRole: string; userId: string }>(
    db,
    sql`select account_id as "accountId", team_role as "teamRole", user_id as "userId"
          from account_team_members
         where workspace_id = ${workspaceId} and account_id = any(${sql.param(accountIds)}::uuid[])
         order by created_at, id`,
  );

export const accountNames = (db: Db, workspaceId: string, accountIds: string[]) =>
  queryRows<{ id: string; name: string }>(
    db,
    sql`select id, name from accounts where workspace_id = ${workspaceId} and id = any(${sql.param(accountIds)}::uuid[])`,
  );

export type NewRunRow = typeof playbookRuns.$inferInsert & { heldOut: boolean; ruleId: string | null };

/** Inserts the runs but one the account already has running (a start at the same moment); answers the ids inserted. */
export const insertRuns = async (db: Db, rows: NewRunRow[]): Promise<Set<string>> =>
  new Set(
    rows.length
      ? (
          await db.insert(playbookRuns).values(rows).onConflictDoNothing().returning({ id: playbookRuns.id })
        ).map((r) => r.id)
      : [],
  );

// Reading runs

export type RunRow = {
  id: string;
  playbookId: string;
  playbookName: string;
  playbookType: string;
  accountId: string;
  accountName: string;
  ruleId: string | null;
  ruleName: string | null;
  status: string;
  heldOut: boolean;
  holdOutPercent: number;
  reason: string;
  startedBy: string | null;
  startedByName: string | null;
  startedAt: Date;
  endedAt: Date | null;
  total: number;
  closed: number;
  overdue: number;
};

const runSelect = (
  today: string,
  extra = sql``,
) => sql`select r.id, r.playbook_id as "playbookId", p.name as "playbookName",
    p.type as "playbookType", r.account_id as "accountId", a.name as "accountName", r.rule_id as "ruleId",
    r.rule_name as "ruleName", r.status, r.held_out as "heldOut", r.hold_out_percent as "holdOutPercent",
    r.reason, r.started_by as "startedBy", u.name as "startedByName", r.started_at as "startedAt",
    r.ended_at as "endedAt", coalesce(t.total, 0)::int as total, coalesce(t.closed, 0)::int as closed,
    coalesce(t.overdue, 0)::int as overdue ${extra}
  from playbook_runs r
  join playbooks p on p.workspace_id = r.workspace_id and p.id = r.playbook_id
  join accounts a on a.workspace_id = r.workspace_id and a.id = r.account_id
  left join users u on u.id = r.started_by
  left join lateral (
    select count(*) as total, count(*) filter (where k.closed_at is not null) as closed,
           count(*) filter (where k.closed_at is null and k.due_date < ${today}::date) as overdue
      from tasks k where k.workspace_id = r.workspace_id and k.playbook_run_id = r.id
  ) t on true`;

export async function pageRunRows(
  db: Db,
  workspaceId: string,
  today: string,
  q: {
    playbookId?: string | undefined;
    accountId?: string | undefined;
    status?: string | undefined;
    limit: number;
    cursor?: string | undefined;
  },
) {
  const key: SortKey = { expr: sql`r.started_at`, type: "timestamptz", desc: true };
  const rows = await queryRows<RunRow & { sortKey: string }>(
    db,
    sql`${runSelect(today, sql`, ${sortKeyColumn(key)} as "sortKey"`)}
         where r.workspace_id = ${workspaceId}
           ${q.playbookId ? sql`and r.playbook_id = ${q.playbookId}` : sql``}
           ${q.accountId ? sql`and r.account_id = ${q.accountId}` : sql``}
           ${q.status ? sql`and r.status = ${q.status}` : sql``}
           and ${afterCursor(key, sql`r.id`, q.cursor) ?? sql`true`}
         order by ${sql.join(orderBy(key, sql`r.id`), sql`, `)} limit ${q.limit + 1}`,
  );
  return toPage(rows, q.limit);
}

export const findRunRow = async (
  db: Db,
  workspaceId: string,
  today: string,
  id: string,
): Promise<RunRow | null> =>
  (
    await queryRows<RunRow>(
      db,
      sql`${runSelect(today)} where r.workspace_id = ${workspaceId} and r.id = ${id}`,
    )
  )[0] ?? null;

export type RunTaskRow = {
  id: string;
  step: number;
  title: string;
  ownerRole: string | null;
  ownerId: string | null;
  ownerName: string | null;
  dueDate: string | null;
  closedAt: Date | null;
  outcome: string | null;
};

export const runTaskRows = (db: Db, workspaceId: string, runId: string) =>
  queryRows<RunTaskRow>(
    db,
    sql`select k.id, k.playbook_step as step, k.title, k.reason->'data'->>'ownerRole' as "ownerRole",
               k.owner_id as "ownerId", u.name as "ownerName", k.due_date::text as "dueDate",
               k.closed_at as "closedAt", k.outcome
          from tasks k left join users u on u.id = k.owner_id
         where k.workspace_id = ${workspaceId} and k.playbook_run_id = ${runId}
         order by k.playbook_step, k.created_at`,
  );

export const openRunTaskIds = async (db: Db, workspaceId: string, runId: string): Promise<string[]> =>
  (
    await queryRows<{ id: string }>(
      db,
      sql`select id from tasks where workspace_id = ${workspaceId} and playbook_run_id = ${runId} and closed_at is null`,
    )
  ).map((r) => r.id);

export const endRun = (db: Db, workspaceId: string, id: string, status: "completed" | "cancelled") =>
  db
    .update(playbookRuns)
    .set({ status, endedAt: new Date() })
    .where(and(eq(playbookRuns.workspaceId, workspaceId), eq(playbookRuns.id, id)));

/**
 * Settles the runs behind these tasks: an active run whose every task is closed completes; a
 * completed one with a task reopened is active again. Answers the runs that completed.
 */
export const settleRunsOf = async (db: Db, workspaceId: string, taskIds: string[]) => {
  const runs = sql`(select distinct playbook_run_id from tasks
                     where workspace_id = ${workspaceId} and id = any(${sql.param(taskIds)}::uuid[])
                       and playbook_run_id is not null)`;
  const open = sql`exists (select 1 from tasks k where k.workspace_id = r.workspace_id
                             and k.playbook_run_id = r.id and k.closed_at is null)`;
  await db.execute(
    sql`update playbook_runs r set status = 'active', ended_at = null
         where r.workspace_id = ${workspaceId} and r.status = 'completed' and r.id in ${runs} and ${open}
           and not exists (select 1 from playbook_runs o where o.workspace_id = r.workspace_id
                             and o.account_id = r.account_id and o.playbook_id = r.playbook_id
                             and o.status = 'active')`,
  );
  return queryRows<{ id: string; accountId: string; playbookId: string }>(
    db,
    sql`update playbook_runs r set status = 'completed', ended_at = now()
         where r.workspace_id = ${workspaceId} and r.status = 'active' and r.held_out = false
           and r.id in ${runs} and not ${open}
       returning r.id, r.account_id as "accountId", r.playbook_id as "playbookId"`,
  );
};

// The report

export type FollowedRow = {
  heldOut: boolean;
  ruleId: string | null;
  ruleName: string | null;
  holdOutPercent: number;
  done: boolean;
  healthStart: number | null;
  healthEnd: number | null;
  mrrStart: string;
  mrrEnd: string;
};

/**
 * Every account a rule started this playbook on with a hold-out (treated or held out), and what
 * it looked like when it started and 90 days on: the health score of that day (or the latest in
 * the week before), and its recurring revenue from the subscriptions active on each day.
 */
export const followedRuns = (db: Db, workspaceId: string, playbookId: string, today: string) =>
  queryRows<FollowedRow>(
    db,
    sql`with f as (
          select r.account_id, r.held_out, r.rule_id, r.rule_name, r.hold_out_percent,
                 (r.started_at at time zone 'UTC')::date as d0,
                 (r.started_at at time zone 'UTC')::date + ${PLAYBOOK_FOLLOW_DAYS}::int as d1
            from playbook_runs r
           where r.workspace_id = ${workspaceId} and r.playbook_id = ${playbookId}
             and r.hold_out_percent > 0 and r.status <> 'cancelled')
        select f.held_out as "heldOut", f.rule_id as "ruleId", f.rule_name as "ruleName",
               f.hold_out_percent as "holdOutPercent", f.d1 <= ${today}::date as done,
               ${healthOn(workspaceId, sql`f.d0`)} as "healthStart",
               ${healthOn(workspaceId, sql`f.d1`)} as "healthEnd",
               ${mrrOn(workspaceId, sql`f.d0`)} as "mrrStart",
               ${mrrOn(workspaceId, sql`f.d1`)} as "mrrEnd"
          from f`,
  );

const healthOn = (workspaceId: string, day: ReturnType<typeof sql>) =>
  sql`(select h.score from health_scores h
        where h.workspace_id = ${workspaceId} and h.account_id = f.account_id
          and h.day <= ${day} and h.day > ${day} - 7 and h.score is not null
        order by h.day desc limit 1)`;

const mrrOn = (workspaceId: string, day: ReturnType<typeof sql>) =>
  sql`(select coalesce(sum(s.mrr_minor), 0) from subscriptions s
        where s.workspace_id = ${workspaceId} and s.account_id = f.account_id
          and s.start_date <= ${day} and (s.end_date is null or s.end_date > ${day}))::text`;

export const personName = async (db: Db, userId: string): Promise<string | null> =>
  (await queryRows<{ name: string }>(db, sql`select name from users where id = ${userId}`))[0]?.name ?? null;
