import { and, desc, eq, inArray, type SQL, sql } from "drizzle-orm";
import { type Db, queryRows, schema } from "../../db/index.ts";
import { KEY_PLAYER_SQL } from "../contacts/index.ts";
import { afterCursor, orderBy, type SortKey, sortKeyColumn, toPage } from "../kernel/pagination.queries.ts";

const { surveys, surveyRecipients: recipients, contacts, accounts, workspaces } = schema;

export type CandidateRow = {
  contactId: string;
  firstName: string | null;
  lastName: string | null;
  email: string | null;
  accountId: string;
  accountName: string;
  status: string;
  leftCompany: boolean;
  lastSurveyedAt: Date | null;
};

/**
 * The contacts an audience names, with what the recontact guard needs: chosen contacts as they
 * are; for accounts (chosen, or those an accounts filter shows), their key players.
 */
export async function selectCandidates(
  db: Db,
  workspaceId: string,
  audience: { contactIds?: string[]; accountIds?: string[]; accountWhere?: SQL },
): Promise<CandidateRow[]> {
  const lastSurveyed = sql<Date | null>`(select max(r.sent_at) from ${recipients} r
    where r.workspace_id = ${contacts.workspaceId} and r.contact_id = ${contacts.id})`;
  const rows = await db
    .select({
      contactId: contacts.id,
      firstName: contacts.firstName,
      lastName: contacts.lastName,
      email: contacts.email,
      accountId: contacts.accountId,
      accountName: accounts.name,
      status: contacts.status,
      leftCompany: contacts.leftCompany,
      lastSurveyedAt: lastSurveyed,
    })
    .from(contacts)
    .innerJoin(
      accounts,
      and(eq(accounts.workspaceId, contacts.workspaceId), eq(accounts.id, contacts.accountId)),
    )
    .where(
      and(
        eq(contacts.workspaceId, workspaceId),
        audience.contactIds ? inArray(contacts.id, audience.contactIds) : KEY_PLAYER_SQL(contacts),
        audience.accountIds ? inArray(contacts.accountId, audience.accountIds) : undefined,
        audience.accountWhere,
      ),
    )
    .orderBy(accounts.name, contacts.lastName, contacts.firstName, contacts.id);
  // The driver gives the subquery's timestamp as text.
  return rows.map((r) => ({ ...r, lastSurveyedAt: r.lastSurveyedAt ? new Date(r.lastSurveyedAt) : null }));
}

export const insertSurvey = (db: Db, row: typeof surveys.$inferInsert) => db.insert(surveys).values(row);

export async function insertRecipients(db: Db, rows: (typeof recipients.$inferInsert)[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) await db.insert(recipients).values(rows.slice(i, i + 500));
}

const surveyColumns = {
  id: surveys.id,
  kind: surveys.kind,
  name: surveys.name,
  question: surveys.question,
  recontactDays: surveys.recontactDays,
  createdAt: surveys.createdAt,
  createdBy: surveys.createdBy,
};
export type SurveyRow = { [K in keyof typeof surveyColumns]: (typeof surveys.$inferSelect)[K] };

export async function pageSurveys(db: Db, workspaceId: string, q: { limit: number; cursor?: string }) {
  const key: SortKey = { expr: sql`${surveys.createdAt}`, type: "timestamptz", desc: true };
  const rows = await db
    .select({ ...surveyColumns, sortKey: sortKeyColumn(key) })
    .from(surveys)
    .where(and(eq(surveys.workspaceId, workspaceId), afterCursor(key, surveys.id, q.cursor)))
    .orderBy(...orderBy(key, surveys.id))
    .limit(q.limit + 1);
  return toPage(rows, q.limit);
}

export const findSurvey = async (db: Db, workspaceId: string, id: string): Promise<SurveyRow | null> =>
  (
    await db
      .select(surveyColumns)
      .from(surveys)
      .where(and(eq(surveys.workspaceId, workspaceId), eq(surveys.id, id)))
  )[0] ?? null;

export type SurveyStats = {
  surveyId: string;
  recipients: number;
  answered: number;
  responses: number;
  promoters: number;
  detractors: number;
  satisfied: number;
  sum: number;
  queued: number;
  held: number;
  sent: number;
  failed: number;
};

/** Per survey: invitations, answered ones, the answers' counts for its score, and its mail's delivery. */
export async function surveyStats(
  db: Db,
  workspaceId: string,
  ids: string[],
): Promise<Map<string, SurveyStats>> {
  if (ids.length === 0) return new Map();
  const rows = await queryRows<SurveyStats>(
    db,
    sql`select s.id as "surveyId",
          (select count(*) from survey_recipients r where r.workspace_id = s.workspace_id and r.survey_id = s.id)::int as recipients,
          (select count(*) from survey_recipients r where r.workspace_id = s.workspace_id and r.survey_id = s.id and r.answered_at is not null)::int as answered,
          coalesce(a.responses, 0)::int as responses, coalesce(a.promoters, 0)::int as promoters,
          coalesce(a.detractors, 0)::int as detractors, coalesce(a.satisfied, 0)::int as satisfied,
          coalesce(a.sum, 0)::int as sum,
          coalesce(m.queued, 0)::int as queued, coalesce(m.held, 0)::int as held,
          coalesce(m.sent, 0)::int as sent, coalesce(m.failed, 0)::int as failed
        from surveys s
        left join lateral (
          select count(*) as responses, count(*) filter (where x.score >= 9) as promoters,
                 count(*) filter (where x.score <= 6) as detractors, count(*) filter (where x.score >= 4) as satisfied,
                 sum(x.score) as sum
            from survey_responses x join survey_recipients r on r.workspace_id = x.workspace_id and r.id = x.recipient_id
           where x.workspace_id = s.workspace_id and r.survey_id = s.id) a on true
        left join lateral (
          select count(*) filter (where status in ('queued', 'sending')) as queued,
                 count(*) filter (where status = 'held') as held, count(*) filter (where status = 'sent') as sent,
                 count(*) filter (where status = 'failed') as failed
            from mail_messages mm where mm.workspace_id = s.workspace_id and mm.subject_id = s.id) m on true
       where s.workspace_id = ${workspaceId} and s.id = any(${sql.param(ids)}::uuid[])`,
  );
  return new Map(rows.map((r) => [r.surveyId, r]));
}

/** Answers per score of one survey. */
export const surveyDistribution = (db: Db, workspaceId: string, surveyId: string) =>
  queryRows<{ score: number; answers: number }>(
    db,
    sql`select x.score, count(*)::int as answers
          from survey_responses x join survey_recipients r on r.workspace_id = x.workspace_id and r.id = x.recipient_id
         where x.workspace_id = ${workspaceId} and r.survey_id = ${surveyId}
         group by x.score`,
  );

/** An experience survey's mean per dimension (archived dimensions keep their label), in list order. */
export const surveyDimensions = (db: Db, workspaceId: string, surveyId: string) =>
  queryRows<{ key: string; label: string; mean: number; answers: number }>(
    db,
    sql`select x.dimension as key, coalesce(i.label, x.dimension) as label,
               round(avg(x.score)::numeric, 2)::float8 as mean, count(*)::int as answers
          from survey_responses x
          join survey_recipients r on r.workspace_id = x.workspace_id and r.id = x.recipient_id
          left join workspace_list_items i
            on i.workspace_id = x.workspace_id and i.list = 'dimension' and i.key = x.dimension
         where x.workspace_id = ${workspaceId} and r.survey_id = ${surveyId} and x.dimension is not null
         group by x.dimension, i.label, i.position
         order by i.position nulls last, x.dimension`,
  );

export type InvitationRow = {
  workspaceId: string;
  workspaceName: string;
  recipientId: string;
  surveyId: string;
  kind: string;
  question: string;
  contactId: string;
  firstName: string | null;
  expiresAt: Date;
  answeredAt: Date | null;
};

/** The invitation a link's token hash opens, in whichever workspace (the public page has none yet). */
export async function findInvitation(db: Db, tokenHash: string): Promise<InvitationRow | null> {
  const rows = await db
    .select({
      workspaceId: recipients.workspaceId,
      workspaceName: workspaces.name,
      recipientId: recipients.id,
      surveyId: recipients.surveyId,
      kind: surveys.kind,
      question: surveys.question,
      contactId: recipients.contactId,
      firstName: contacts.firstName,
      expiresAt: recipients.expiresAt,
      answeredAt: recipients.answeredAt,
    })
    .from(recipients)
    .innerJoin(
      surveys,
      and(eq(surveys.workspaceId, recipients.workspaceId), eq(surveys.id, recipients.surveyId)),
    )
    .innerJoin(
      contacts,
      and(eq(contacts.workspaceId, recipients.workspaceId), eq(contacts.id, recipients.contactId)),
    )
    .innerJoin(workspaces, eq(workspaces.id, recipients.workspaceId))
    .where(eq(recipients.tokenHash, tokenHash))
    .orderBy(desc(recipients.sentAt))
    .limit(1);
  return rows[0] ?? null;
}

/** The answers an invitation gave (to show them again while they can be changed). */
export const invitationAnswers = (db: Db, workspaceId: string, recipientId: string) =>
  queryRows<{ dimension: string | null; score: number; comment: string | null; answered_at: Date }>(
    db,
    sql`select dimension, score, comment, answered_at from survey_responses
         where workspace_id = ${workspaceId} and recipient_id = ${recipientId}`,
  );

export const markAnswered = (db: Db, workspaceId: string, recipientId: string, at: Date) =>
  db
    .update(recipients)
    .set({ answeredAt: at })
    .where(and(eq(recipients.workspaceId, workspaceId), eq(recipients.id, recipientId)));
