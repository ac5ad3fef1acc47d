import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../../db/index.ts";
import { queryRows, schema } from "../../db/index.ts";
import { KEY_PLAYER_SQL } from "../contacts/index.ts";
import { afterCursor, orderBy, type SortKey, sortKeyColumn, toPage } from "../kernel/pagination.queries.ts";
import type { ScoreInput } from "./outcome.rules.ts";

const { outcomes, outcomeEvidence: evidence, outcomeChanges: changes, outcomeTemplates: templates } = schema;
const { contacts, users } = schema;

const columns = {
  id: outcomes.id,
  contactId: outcomes.contactId,
  accountId: contacts.accountId,
  contactFirstName: contacts.firstName,
  contactLastName: contacts.lastName,
  contactEmail: contacts.email,
  kind: outcomes.kind,
  title: outcomes.title,
  measure: outcomes.measure,
  unit: outcomes.unit,
  baseline: outcomes.baseline,
  target: outcomes.target,
  current: outcomes.current,
  dueDate: outcomes.dueDate,
  status: outcomes.status,
  ownerId: outcomes.ownerId,
  ownerName: users.name,
  achievedAt: outcomes.achievedAt,
  createdAt: outcomes.createdAt,
  updatedAt: outcomes.updatedAt,
};
export type OutcomeRow = {
  id: string;
  contactId: string;
  accountId: string;
  contactFirstName: string | null;
  contactLastName: string | null;
  contactEmail: string | null;
  kind: string;
  title: string;
  measure: string | null;
  unit: string | null;
  baseline: number | null;
  target: number | null;
  current: number | null;
  dueDate: string | null;
  status: string;
  ownerId: string | null;
  ownerName: string | null;
  achievedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
};

/** The stored fields a write may set (the rest are derived or fixed at creation). */
export type OutcomeRecord = Pick<
  OutcomeRow,
  | "kind"
  | "title"
  | "measure"
  | "unit"
  | "baseline"
  | "target"
  | "current"
  | "dueDate"
  | "status"
  | "ownerId"
  | "achievedAt"
>;

const selectOutcomes = (db: Db, extra: Record<string, unknown> = {}) =>
  db
    .select({ ...columns, ...extra })
    .from(outcomes)
    .innerJoin(
      contacts,
      and(eq(contacts.workspaceId, outcomes.workspaceId), eq(contacts.id, outcomes.contactId)),
    )
    .leftJoin(users, eq(users.id, outcomes.ownerId));

export const findOutcome = async (db: Db, workspaceId: string, id: string): Promise<OutcomeRow | null> =>
  ((await selectOutcomes(db).where(and(eq(outcomes.workspaceId, workspaceId), eq(outcomes.id, id))))[0] as
    | OutcomeRow
    | undefined) ?? null;

export type OutcomePageQuery = {
  limit: number;
  cursor?: string;
  accountId?: string;
  contactId?: string;
  kind?: string[];
  status?: string[];
  sort?: { field: "due" | "created" | "updated" | "title"; desc: boolean };
};

export async function pageOutcomes(db: Db, workspaceId: string, q: OutcomePageQuery) {
  const sort = q.sort ?? { field: "due", desc: false };
  const keys: Record<NonNullable<OutcomePageQuery["sort"]>["field"], Omit<SortKey, "desc">> = {
    // Undated outcomes after the dated ones.
    due: { expr: sql`coalesce(${outcomes.dueDate}, date '9999-12-31')`, type: "date" },
    created: { expr: sql`${outcomes.createdAt}`, type: "timestamptz" },
    updated: { expr: sql`${outcomes.updatedAt}`, type: "timestamptz" },
    title: { expr: sql`lower(${outcomes.title})`, type: "text" },
  };
  const key: SortKey = { ...keys[sort.field], desc: sort.desc };
  const rows = await selectOutcomes(db, { sortKey: sortKeyColumn(key) })
    .where(
      and(
        eq(outcomes.workspaceId, workspaceId),
        q.accountId ? eq(contacts.accountId, q.accountId) : undefined,
        q.contactId ? eq(outcomes.contactId, q.contactId) : undefined,
        q.kind?.length ? inArray(outcomes.kind, q.kind) : undefined,
        q.status?.length ? inArray(outcomes.status, q.status) : undefined,
        afterCursor(key, outcomes.id, q.cursor),
      ),
    )
    .orderBy(...orderBy(key, outcomes.id))
    .limit(q.limit + 1);
  return toPage(rows as (OutcomeRow & { sortKey: string })[], q.limit);
}

/** Every outcome of the accounts' contacts (of every account when `accountIds` is null). */
export const outcomesOfAccounts = async (db: Db, workspaceId: string, accountIds: string[] | null) =>
  (await selectOutcomes(db)
    .where(
      and(
        eq(outcomes.workspaceId, workspaceId),
        accountIds ? inArray(contacts.accountId, accountIds) : undefined,
      ),
    )
    .orderBy(asc(outcomes.createdAt), asc(outcomes.id))) as OutcomeRow[];

/**
 * What the scores of the accounts' outcomes (every account's when null) are computed from, and
 * nothing else — the daily history needs no names, owners or evidence — by key player, each
 * one's in the view's order.
 */
export const outcomeScoreInputs = (db: Db, workspaceId: string, accountIds: string[] | null) =>
  queryRows<ScoreInput & { contactId: string }>(
    db,
    sql`select o.contact_id as "contactId", o.status, o.baseline, o.target, o.current,
          o.due_date::text as "dueDate", to_char(o.created_at at time zone 'UTC', 'YYYY-MM-DD') as "createdDay"
        from outcomes o
        ${accountIds ? sql`join contacts c on c.workspace_id = o.workspace_id and c.id = o.contact_id and c.account_id = any(${sql.param(accountIds)}::uuid[])` : sql``}
       where o.workspace_id = ${workspaceId}
       order by o.contact_id, o.created_at, o.id`,
  );

export const insertOutcome = (
  db: Db,
  row: OutcomeRecord & { workspaceId: string; id: string; contactId: string },
) => db.insert(outcomes).values(row);

export const updateOutcomeRow = (db: Db, workspaceId: string, id: string, patch: Partial<OutcomeRecord>) =>
  db
    .update(outcomes)
    .set({ ...patch, updatedAt: sql`now()` })
    .where(and(eq(outcomes.workspaceId, workspaceId), eq(outcomes.id, id)));

export const deleteOutcomeRow = (db: Db, workspaceId: string, id: string) =>
  db.delete(outcomes).where(and(eq(outcomes.workspaceId, workspaceId), eq(outcomes.id, id)));

// Evidence

export type EvidenceRow = {
  id: string;
  outcomeId: string;
  note: string | null;
  url: string | null;
  authorId: string | null;
  authorName: string | null;
  source: string;
  contactId: string | null;
  contactName: string | null;
  verdict: string | null;
  createdAt: Date;
};

export const evidenceOf = async (
  db: Db,
  workspaceId: string,
  outcomeIds: string[],
): Promise<EvidenceRow[]> =>
  outcomeIds.length === 0
    ? []
    : db
        .select({
          id: evidence.id,
          outcomeId: evidence.outcomeId,
          note: evidence.note,
          url: evidence.url,
          authorId: evidence.authorId,
          authorName: users.name,
          source: evidence.source,
          contactId: evidence.contactId,
          contactName: sql<
            string | null
          >`nullif(trim(concat_ws(' ', ${contacts.firstName}, ${contacts.lastName})), '')`,
          verdict: evidence.verdict,
          createdAt: evidence.createdAt,
        })
        .from(evidence)
        .leftJoin(users, eq(users.id, evidence.authorId))
        .leftJoin(
          contacts,
          and(eq(contacts.workspaceId, evidence.workspaceId), eq(contacts.id, evidence.contactId)),
        )
        .where(and(eq(evidence.workspaceId, workspaceId), inArray(evidence.outcomeId, outcomeIds)))
        .orderBy(desc(evidence.createdAt), desc(evidence.id));

export const insertEvidence = (db: Db, row: typeof evidence.$inferInsert) => db.insert(evidence).values(row);

export const deleteEvidenceRow = async (db: Db, workspaceId: string, outcomeId: string, id: string) =>
  (
    await db
      .delete(evidence)
      .where(
        and(eq(evidence.workspaceId, workspaceId), eq(evidence.outcomeId, outcomeId), eq(evidence.id, id)),
      )
      .returning({ id: evidence.id })
  ).length > 0;

// History

export const insertChange = (db: Db, row: typeof changes.$inferInsert) => db.insert(changes).values(row);

export const changesOf = (db: Db, workspaceId: string, outcomeId: string) =>
  db
    .select({
      id: changes.id,
      changedAt: changes.changedAt,
      actorId: changes.actorId,
      actorName: users.name,
      action: changes.action,
      changes: changes.changes,
    })
    .from(changes)
    .leftJoin(users, eq(users.id, changes.actorId))
    .where(and(eq(changes.workspaceId, workspaceId), eq(changes.outcomeId, outcomeId)))
    .orderBy(desc(changes.changedAt), desc(changes.id));

// Templates

export type TemplateRow = typeof templates.$inferSelect;

export const listTemplates = (db: Db, workspaceId: string, kinds?: string[]) =>
  db
    .select()
    .from(templates)
    .where(
      and(eq(templates.workspaceId, workspaceId), kinds?.length ? inArray(templates.kind, kinds) : undefined),
    )
    .orderBy(asc(templates.kind), sql`lower(${templates.title})`, asc(templates.id));

export const findTemplate = async (db: Db, workspaceId: string, id: string) =>
  (
    await db
      .select()
      .from(templates)
      .where(and(eq(templates.workspaceId, workspaceId), eq(templates.id, id)))
  )[0] ?? null;

/** Inserts templates; answers the ids inserted (a title the library already has for the kind is skipped). */
export const insertTemplates = async (db: Db, rows: (typeof templates.$inferInsert)[]) =>
  rows.length === 0
    ? []
    : db.insert(templates).values(rows).onConflictDoNothing().returning({ id: templates.id });

export const updateTemplateRow = (
  db: Db,
  workspaceId: string,
  id: string,
  patch: Partial<Pick<TemplateRow, "kind" | "title" | "measure" | "unit" | "description">>,
) =>
  db
    .update(templates)
    .set(patch)
    .where(and(eq(templates.workspaceId, workspaceId), eq(templates.id, id)))
    .returning({ id: templates.id });

export const deleteTemplateRow = async (db: Db, workspaceId: string, id: string) =>
  (
    await db
      .delete(templates)
      .where(and(eq(templates.workspaceId, workspaceId), eq(templates.id, id)))
      .returning({ id: templates.id })
  ).length > 0;

// Success

/**
 * The people the success index counts on the accounts (every account when null): key players and
 * anyone with an outcome, still at the company or not; by account, then by name.
 */
export const successPeople = (db: Db, workspaceId: string, accountIds: string[] | null) =>
  db
    .select({
      id: contacts.id,
      accountId: contacts.accountId,
      firstName: contacts.firstName,
      lastName: contacts.lastName,
      email: contacts.email,
      decisionRole: contacts.decisionRole,
      influence: contacts.influence,
      seniority: contacts.seniority,
      leftCompany: contacts.leftCompany,
    })
    .from(contacts)
    .where(
      and(
        eq(contacts.workspaceId, workspaceId),
        accountIds ? inArray(contacts.accountId, accountIds) : undefined,
        sql`(${KEY_PLAYER_SQL(contacts)} or exists (select 1 from ${outcomes} where ${outcomes.workspaceId} = ${contacts.workspaceId} and ${outcomes.contactId} = ${contacts.id}))`,
      ),
    )
    .orderBy(asc(contacts.accountId), asc(contacts.lastName), asc(contacts.firstName), asc(contacts.id));

/** The outcomes a person owns in the workspace. */
export const outcomesOwnedBy = async (db: Db, workspaceId: string, userId: string) =>
  (await selectOutcomes(db).where(
    and(eq(outcomes.workspaceId, workspaceId), eq(outcomes.ownerId, userId)),
  )) as OutcomeRow[];

/** Clears a person's ownership of outcomes. */
export const clearOutcomeOwner = (db: Db, workspaceId: string, userId: string) =>
  db
    .update(outcomes)
    .set({ ownerId: null, updatedAt: sql`now()` })
    .where(and(eq(outcomes.workspaceId, workspaceId), eq(outcomes.ownerId, userId)));

/**
 * One person's ratings of one kind (`touchpoint`, or a survey answer's kind): their scores and
 * when each was given (whole epoch milliseconds, as a Date holds them), oldest first.
 */
export type RatingsOfKind = { contactId: string; kind: string; scores: number[]; atMs: number[] };

/**
 * The experience ratings of the accounts' people (every account's when null) since a day — the
 * customer's rating of each touchpoint they were at, and their survey answers (NPS, CSAT, CES,
 * dimensions) — a row per person and kind, by person. A whole workspace has hundreds of thousands
 * of ratings: as arrays of numbers they cost the reader far fewer objects than a row each.
 */
export function experienceRatings(
  db: Db,
  workspaceId: string,
  accountIds: string[] | null,
  since: Date,
): Promise<RatingsOfKind[]> {
  const among = (col: string) =>
    accountIds ? sql`and ${sql.raw(col)} = any(${sql.param(accountIds)}::uuid[])` : sql``;
  return queryRows<RatingsOfKind>(
    db,
    sql`select contact_id as "contactId", kind, array_agg(score order by at) as scores,
          array_agg(floor(extract(epoch from at) * 1000)::float8 order by at) as "atMs"
        from (
          select p.contact_id, 'touchpoint' as kind, t.experience_rating::int as score, t.occurred_at as at
            from touchpoint_players p
            join touchpoints t on t.workspace_id = p.workspace_id and t.id = p.touchpoint_id
           where p.workspace_id = ${workspaceId} ${among("t.account_id")}
             and t.experience_rating is not null and t.occurred_at >= ${since.toISOString()}::timestamptz
             and t.occurred_at <= now()
          union all
          select r.contact_id, r.kind, r.score::int, r.answered_at
            from survey_responses r
           where r.workspace_id = ${workspaceId} ${among("r.account_id")}
             and r.answered_at >= ${since.toISOString()}::timestamptz
        ) ratings
        group by contact_id, kind
        order by contact_id, kind`,
  );
}

/** Writes (or rewrites) the accounts' success index for a day. */
export async function writeSuccessHistory(
  db: Db,
  workspaceId: string,
  day: string,
  rows: { accountId: string; index: number | null; lowest: number | null }[],
): Promise<void> {
  if (rows.length === 0) return;
  await db.execute(sql`
    insert into success_index_history (workspace_id, account_id, day, index, lowest_decision_maker)
    select ${workspaceId}::uuid, v.account_id, ${day}::date, v.idx, v.lowest
      from unnest(${sql.param(rows.map((r) => r.accountId))}::uuid[],
                  ${sql.param(rows.map((r) => r.index))}::float8[],
                  ${sql.param(rows.map((r) => r.lowest))}::float8[]) as v(account_id, idx, lowest)
    on conflict (workspace_id, account_id, day)
    do update set index = excluded.index, lowest_decision_maker = excluded.lowest_decision_maker, updated_at = now()`);
}

/** Every account of the workspace (the daily pass records each one's index). */
export const workspaceAccountIds = async (db: Db, workspaceId: string): Promise<string[]> =>
  (await queryRows<{ id: string }>(db, sql`select id from accounts where workspace_id = ${workspaceId}`)).map(
    (r) => r.id,
  );

/** The account's success index history, oldest first. */
export const successHistoryOf = (db: Db, workspaceId: string, accountId: string, since: string) =>
  queryRows<{ day: string; index: number | null; lowest: number | null }>(
    db,
    sql`select day::text, index, lowest_decision_maker as lowest from success_index_history
         where workspace_id = ${workspaceId} and account_id = ${accountId} and day >= ${since}::date
         order by day`,
  );

/** Every workspace (system path: the daily pass spans them). */
export const allWorkspaceIds = async (db: Db): Promise<string[]> =>
  (await queryRows<{ id: string }>(db, sql`select id from workspaces order by id`)).map((r) => r.id);

/** Which of these accounts are still in the workspace (an event may name one deleted since). */
export const existingAccountIds = async (db: Db, workspaceId: string, ids: string[]): Promise<string[]> =>
  (
    await queryRows<{ id: string }>(
      db,
      sql`select id from accounts where workspace_id = ${workspaceId} and id = any(${sql.param(ids)}::uuid[])`,
    )
  ).map((r) => r.id);
