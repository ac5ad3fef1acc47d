import { and, eq, inArray, isNotNull, isNull, lte, or, type SQL, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Db } from "../../db/index.ts";
import { queryRows, schema } from "../../db/index.ts";
import { WRITE_CHUNK } from "../kernel/bulk-write.queries.ts";
import { afterCursor, orderBy, type SortKey, sortKeyColumn, toPage } from "../kernel/pagination.queries.ts";

const { tasks, accounts, users, memberships } = schema;

const owner = alias(users, "owner");
const creator = alias(users, "creator");
const closer = alias(users, "closer");

export type TaskRow = {
  id: string;
  accountId: string;
  accountName: string;
  kind: string;
  type: string;
  title: string;
  description: string | null;
  priority: string;
  ownerId: string | null;
  ownerName: string | null;
  dueDate: string | null;
  snoozedUntil: Date | null;
  reason: unknown;
  reasonKey: string;
  ruleId: string | null;
  occurrences: number;
  lastOccurredAt: Date;
  escalatedAt: Date | null;
  escalatedTo: string[];
  createdBy: string | null;
  createdByName: string | null;
  createdAt: Date;
  updatedAt: Date;
  closedAt: Date | null;
  closedBy: string | null;
  closedByName: string | null;
  outcome: string | null;
  outcomeNote: string | null;
};

const taskColumns = {
  id: tasks.id,
  accountId: tasks.accountId,
  accountName: accounts.name,
  kind: tasks.kind,
  type: tasks.type,
  title: tasks.title,
  description: tasks.description,
  priority: tasks.priority,
  ownerId: tasks.ownerId,
  ownerName: owner.name,
  dueDate: tasks.dueDate,
  snoozedUntil: tasks.snoozedUntil,
  reason: tasks.reason,
  reasonKey: tasks.reasonKey,
  ruleId: tasks.ruleId,
  occurrences: tasks.occurrences,
  lastOccurredAt: tasks.lastOccurredAt,
  escalatedAt: tasks.escalatedAt,
  escalatedTo: tasks.escalatedTo,
  createdBy: tasks.createdBy,
  createdByName: creator.name,
  createdAt: tasks.createdAt,
  updatedAt: tasks.updatedAt,
  closedAt: tasks.closedAt,
  closedBy: tasks.closedBy,
  closedByName: closer.name,
  outcome: tasks.outcome,
  outcomeNote: tasks.outcomeNote,
};

const taskQuery = (db: Db, extra: Record<string, SQL> = {}) =>
  db
    .select({ ...taskColumns, ...extra })
    .from(tasks)
    .innerJoin(accounts, and(eq(accounts.workspaceId, tasks.workspaceId), eq(accounts.id, tasks.accountId)))
    .leftJoin(owner, eq(owner.id, tasks.ownerId))
    .leftJoin(creator, eq(creator.id, tasks.createdBy))
    .leftJoin(closer, eq(closer.id, tasks.closedBy));

export const findTaskRows = (db: Db, workspaceId: string, ids: string[]): Promise<TaskRow[]> =>
  ids.length === 0
    ? Promise.resolve([])
    : taskQuery(db).where(and(eq(tasks.workspaceId, workspaceId), inArray(tasks.id, ids)));

/** Which open items the list shows; `now` and `today` decide snoozed and overdue. */
export type TaskFilter = {
  /** Owned by this person or escalated to them. */
  mine?: string;
  /** Owned by one of these people or by nobody. */
  teamIds?: string[];
  overdue?: boolean;
  status: "open" | "snoozed" | "closed" | "all";
  ownerId?: string | undefined;
  accountId?: string | undefined;
  type?: string | undefined;
  priority?: string | undefined;
};

const PRIORITY_RANK = sql`case ${tasks.priority} when 'urgent' then 0 when 'high' then 1 when 'medium' then 2 else 3 end`;

const awake = (now: Date) => or(isNull(tasks.snoozedUntil), lte(tasks.snoozedUntil, now));

function filterWhere(workspaceId: string, f: TaskFilter, now: Date, today: string): SQL | undefined {
  const open = isNull(tasks.closedAt);
  const status =
    f.status === "open"
      ? and(open, awake(now))
      : f.status === "snoozed"
        ? and(open, sql`${tasks.snoozedUntil} > ${now}`)
        : f.status === "closed"
          ? isNotNull(tasks.closedAt)
          : undefined;
  return and(
    eq(tasks.workspaceId, workspaceId),
    status,
    // Escalated to me, written so that the partial index on open escalated items
    // (tasks_open_escalated_ix, migration 0027) can serve it: the same test as
    // `me = any(escalated_to)`, which no index serves and which makes "mine" read every open item.
    f.mine
      ? or(
          eq(tasks.ownerId, f.mine),
          sql`(${tasks.escalatedTo} <> '{}' and ${tasks.escalatedTo} @> array[${f.mine}::uuid])`,
        )
      : undefined,
    f.teamIds
      ? or(isNull(tasks.ownerId), sql`${tasks.ownerId} = any(${sql.param(f.teamIds)}::uuid[])`)
      : undefined,
    f.overdue ? and(open, sql`${tasks.dueDate} < ${today}::date`) : undefined,
    f.ownerId ? eq(tasks.ownerId, f.ownerId) : undefined,
    f.accountId ? eq(tasks.accountId, f.accountId) : undefined,
    f.type ? eq(tasks.type, f.type) : undefined,
    f.priority ? eq(tasks.priority, f.priority) : undefined,
  );
}

export type TaskSort = { field: "dueDate" | "priority" | "createdAt" | "closedAt"; desc: boolean };

const sortKey = (sort: TaskSort): SortKey =>
  sort.field === "priority"
    ? { expr: PRIORITY_RANK, type: "integer", desc: sort.desc }
    : sort.field === "createdAt"
      ? { expr: sql`${tasks.createdAt}`, type: "timestamptz", desc: sort.desc }
      : sort.field === "closedAt"
        ? { expr: sql`coalesce(${tasks.closedAt}, ${tasks.createdAt})`, type: "timestamptz", desc: sort.desc }
        : // Undated items after every dated one (and first when descending).
          { expr: sql`coalesce(${tasks.dueDate}, '9999-12-31'::date)`, type: "date", desc: sort.desc };

export async function pageTasks(
  db: Db,
  workspaceId: string,
  q: {
    filter: TaskFilter;
    sort: TaskSort;
    limit: number;
    cursor?: string | undefined;
    now: Date;
    today: string;
  },
) {
  const key = sortKey(q.sort);
  // The page's ids first, sorted on the key alone; then their full rows and names. A view holding
  // thousands of items sorts narrow rows, not every item with its reason and joined names.
  const page = db
    .select({ id: tasks.id })
    .from(tasks)
    .where(and(filterWhere(workspaceId, q.filter, q.now, q.today), afterCursor(key, tasks.id, q.cursor)))
    .orderBy(...orderBy(key, tasks.id))
    .limit(q.limit + 1)
    .as("page");
  const rows = await taskQuery(db, { sortKey: sortKeyColumn(key) })
    .innerJoin(page, eq(page.id, tasks.id))
    .where(eq(tasks.workspaceId, workspaceId))
    .orderBy(...orderBy(key, tasks.id));
  return toPage(rows as (TaskRow & { sortKey: string })[], q.limit);
}

/** Open items per inbox view for one person, in one pass over the workspace's open items. */
export async function countOpenTasks(
  db: Db,
  workspaceId: string,
  q: { userId: string | null; teamIds: string[] | null; now: Date; today: string },
) {
  const isAwake = sql`(${tasks.snoozedUntil} is null or ${tasks.snoozedUntil} <= ${q.now})`;
  const mine = q.userId
    ? sql`(${tasks.ownerId} = ${q.userId}::uuid or ${q.userId}::uuid = any(${tasks.escalatedTo}))`
    : sql`false`;
  const team = q.teamIds
    ? sql`(${tasks.ownerId} is null or ${tasks.ownerId} = any(${sql.param(q.teamIds)}::uuid[]))`
    : sql`true`;
  const [row] = await db
    .select({
      mine: sql<number>`count(*) filter (where ${isAwake} and ${mine})::int`,
      team: sql<number>`count(*) filter (where ${isAwake} and ${team})::int`,
      overdue: sql<number>`count(*) filter (where ${isAwake} and ${tasks.dueDate} < ${q.today}::date)::int`,
      all: sql<number>`count(*) filter (where ${isAwake})::int`,
      snoozed: sql<number>`count(*) filter (where not ${isAwake} and ${mine})::int`,
    })
    .from(tasks)
    .where(and(eq(tasks.workspaceId, workspaceId), isNull(tasks.closedAt)));
  return row ?? { mine: 0, team: 0, overdue: 0, all: 0, snoozed: 0 };
}

export type NewTaskRow = typeof tasks.$inferInsert;

/** What a raised item writes; the rest of the row takes its defaults. */
export type RaisedTaskRow = Pick<
  NewTaskRow,
  "id" | "accountId" | "kind" | "type" | "title" | "priority" | "reason" | "reasonKey"
> & {
  description: string | null;
  ownerId: string | null;
  /** Owned by the account's owner, read in the insert itself (ownerId is then ignored). */
  ownerFromAccount: boolean;
  dueDate: string | null;
  ruleId: string | null;
  playbookRunId: string | null;
  playbookStep: number | null;
  createdBy: string | null;
};

/**
 * Opens items, set-based. An item whose account, type and reason key already has an open one is
 * not opened again: the open one counts another occurrence and takes the new reason. Answers each row's id and whether it
 * was opened now (PostgreSQL's `xmax = 0` marks a row the statement inserted). The rows travel as
 * one array per column (`unnest`), WRITE_CHUNK at a time: a rule acting on thousands of accounts
 * stays within the driver's parameter limit and costs a few array parameters per chunk, not a
 * parameter per cell. The caller keeps each key once, so no chunk touches an item another did.
 * An item for the account's owner reads the owner in the same statement: a rule raising items on
 * thousands of accounts does not first fetch their owners.
 */
export async function insertTasks(
  db: Db,
  workspaceId: string,
  rows: RaisedTaskRow[],
): Promise<{ id: string; accountId: string; reasonKey: string; type: string; created: boolean }[]> {
  const out: { id: string; accountId: string; reasonKey: string; type: string; created: boolean }[] = [];
  // In the order of the indexes led by the account: each chunk then touches a run of neighbouring
  // index pages instead of pages all over them (a rule's matches come in the order of their names).
  const ordered = [...rows].sort((x, y) =>
    x.accountId < y.accountId ? -1 : x.accountId > y.accountId ? 1 : 0,
  );
  for (let i = 0; i < ordered.length; i += WRITE_CHUNK) {
    const chunk = ordered.slice(i, i + WRITE_CHUNK);
    const col = <T>(f: (r: RaisedTaskRow) => T) => sql.param(chunk.map(f));
    out.push(
      ...(await queryRows<{
        id: string;
        accountId: string;
        reasonKey: string;
        type: string;
        created: boolean;
      }>(
        db,
        sql`insert into tasks (workspace_id, id, account_id, kind, type, title, description, priority, owner_id,
              due_date, reason, reason_key, rule_id, playbook_run_id, playbook_step, created_by)
            select ${workspaceId}::uuid, v.id, v.account_id, v.kind, v.type, v.title, v.description, v.priority,
              case when v.owner_from_account then (select a.owner_id from accounts a
                where a.workspace_id = ${workspaceId}::uuid and a.id = v.account_id) else v.owner_id end, v.due_date, v.reason::jsonb, v.reason_key, v.rule_id, v.playbook_run_id, v.playbook_step,
              v.created_by
              from unnest(${col((r) => r.id)}::uuid[], ${col((r) => r.accountId)}::uuid[], ${col((r) => r.kind)}::text[],
                ${col((r) => r.type)}::text[], ${col((r) => r.title)}::text[], ${col((r) => r.description)}::text[],
                ${col((r) => r.priority)}::text[], ${col((r) => r.ownerId)}::uuid[], ${col((r) => r.ownerFromAccount)}::boolean[],
                ${col((r) => r.dueDate)}::date[],
                ${col((r) => JSON.stringify(r.reason))}::text[], ${col((r) => r.reasonKey)}::text[],
                ${col((r) => r.ruleId)}::uuid[], ${col((r) => r.playbookRunId)}::uuid[],
                ${col((r) => r.playbookStep)}::smallint[], ${col((r) => r.createdBy)}::uuid[])
                as v(id, account_id, kind, type, title, description, priority, owner_id, owner_from_account, due_date, reason, reason_key,
                     rule_id, playbook_run_id, playbook_step, created_by)
            on conflict (workspace_id, account_id, type, reason_key) where closed_at is null do update set
              -- The reason says why it fired last (the latest answer's score); what people edited stays.
              reason = excluded.reason, occurrences = tasks.occurrences + 1, last_occurred_at = now(),
              updated_at = now()
            returning id, account_id as "accountId", reason_key as "reasonKey", type, xmax = 0 as created`,
      )),
    );
  }
  return out;
}

export const updateTaskRow = (
  db: Db,
  workspaceId: string,
  id: string,
  patch: Partial<Omit<NewTaskRow, "workspaceId" | "id">>,
) =>
  db
    .update(tasks)
    .set({ ...patch, updatedAt: sql`now()` })
    .where(and(eq(tasks.workspaceId, workspaceId), eq(tasks.id, id)));

/** Open items of these accounts whose reason key is one of these, for closing when their signal cleared. */
export const openTasksByReason = (
  db: Db,
  workspaceId: string,
  accountIds: string[],
  reasonKeys: string[],
): Promise<{ id: string; accountId: string; reasonKey: string }[]> =>
  accountIds.length === 0 || reasonKeys.length === 0
    ? Promise.resolve([])
    : db
        .select({ id: tasks.id, accountId: tasks.accountId, reasonKey: tasks.reasonKey })
        .from(tasks)
        .where(
          and(
            eq(tasks.workspaceId, workspaceId),
            isNull(tasks.closedAt),
            inArray(tasks.accountId, accountIds),
            inArray(tasks.reasonKey, reasonKeys),
          ),
        );

/** Another open item with this one's account, type and reason key (what reopening would collide with). */
export const openTwin = async (
  db: Db,
  workspaceId: string,
  t: { id: string; accountId: string; type: string; reasonKey: string },
): Promise<string | null> =>
  (
    await db
      .select({ id: tasks.id })
      .from(tasks)
      .where(
        and(
          eq(tasks.workspaceId, workspaceId),
          eq(tasks.accountId, t.accountId),
          eq(tasks.type, t.type),
          eq(tasks.reasonKey, t.reasonKey),
          isNull(tasks.closedAt),
          sql`${tasks.id} <> ${t.id}`,
        ),
      )
  )[0]?.id ?? null;

/** Members sharing a named team with the person. */
export const teammates = async (db: Db, workspaceId: string, userId: string): Promise<string[]> => {
  const rows = await queryRows<{ user_id: string }>(
    db,
    sql`select m.user_id from memberships m
          join memberships me on me.workspace_id = m.workspace_id and me.user_id = ${userId}
         where m.workspace_id = ${workspaceId} and me.team is not null and m.team = me.team`,
  );
  return rows.map((r) => r.user_id);
};

// Escalation

/** Workspaces with open, awake, overdue items not yet escalated. */
export const workspacesWithOverdue = async (db: Db, today: string, now: Date): Promise<string[]> => {
  const rows = await db
    .selectDistinct({ workspaceId: tasks.workspaceId })
    .from(tasks)
    .where(
      and(
        isNull(tasks.closedAt),
        isNull(tasks.escalatedAt),
        sql`${tasks.dueDate} < ${today}::date`,
        awake(now),
      ),
    );
  return rows.map((r) => r.workspaceId);
};

/**
 * Marks the workspace's overdue, unescalated items escalated to the owner's manager, or to the
 * admins and owners when the owner has none or there is no owner; answers what it marked.
 */
export const escalateOverdue = (
  db: Db,
  workspaceId: string,
  today: string,
  now: Date,
): Promise<{ id: string; account_id: string; owner_id: string | null; escalated_to: string[] }[]> =>
  queryRows(
    db,
    sql`with admins as (
          select coalesce(array_agg(user_id order by user_id), '{}'::uuid[]) ids from ${memberships}
           where workspace_id = ${workspaceId} and role in ('owner', 'admin'))
        update ${tasks} t
           set escalated_at = now(), updated_at = now(),
               escalated_to = coalesce(
                 (select array[m.manager_id] from ${memberships} m
                   where m.workspace_id = t.workspace_id and m.user_id = t.owner_id and m.manager_id is not null),
                 (select ids from admins))
         where t.workspace_id = ${workspaceId} and t.closed_at is null and t.escalated_at is null
           and t.due_date < ${today}::date
           and (t.snoozed_until is null or t.snoozed_until <= ${now})
        returning t.id, t.account_id, t.owner_id, t.escalated_to`,
  );

/** Members' names and emails, for escalation mail. */
export const memberContacts = (
  db: Db,
  workspaceId: string,
  userIds: string[],
): Promise<{ id: string; name: string; email: string }[]> =>
  userIds.length === 0
    ? Promise.resolve([])
    : db
        .select({ id: users.id, name: users.name, email: users.email })
        .from(memberships)
        .innerJoin(users, eq(users.id, memberships.userId))
        .where(and(eq(memberships.workspaceId, workspaceId), inArray(memberships.userId, userIds)));

/** Leaves the person's open items to the team (no owner) and takes them off escalations; answers the ids. */
export const releaseOpenTasks = async (
  db: Db,
  workspaceId: string,
  userId: string,
): Promise<{ id: string; account_id: string }[]> =>
  queryRows(
    db,
    sql`update ${tasks} set
          owner_id = case when owner_id = ${userId}::uuid then null else owner_id end,
          escalated_to = array_remove(escalated_to, ${userId}::uuid), updated_at = now()
        where workspace_id = ${workspaceId} and closed_at is null
          and (owner_id = ${userId}::uuid or ${userId}::uuid = any(escalated_to))
        returning id, account_id`,
  );
