import { and, eq, gte, inArray, lte, or, sql } from "drizzle-orm";
import { type Db, queryRows, schema } from "../../db/index.ts";
import { cellText, writeRows } from "../kernel/bulk-write.queries.ts";
import { afterCursor, orderBy, type SortKey, sortKeyColumn, toPage } from "../kernel/pagination.queries.ts";

const { tickets, surveyResponses: responses, contacts, accounts, touchpoints, touchpointPlayers } = schema;

// ---------------------------------------------------------------------------------------------
// Tickets

export type TicketRecord = {
  id: string;
  accountId: string;
  externalId: string | null;
  subject: string | null;
  priority: string | null;
  openedAt: Date;
  closedAt: Date | null;
  firstResponseMinutes: number | null;
  resolutionHours: number | null;
  satisfaction: number | null;
  escalated: boolean;
};
export type TicketRow = TicketRecord & { createdAt: Date; updatedAt: Date };

const ticketColumns = {
  id: tickets.id,
  accountId: tickets.accountId,
  externalId: tickets.externalId,
  subject: tickets.subject,
  priority: tickets.priority,
  openedAt: tickets.openedAt,
  closedAt: tickets.closedAt,
  firstResponseMinutes: tickets.firstResponseMinutes,
  resolutionHours: tickets.resolutionHours,
  satisfaction: tickets.satisfaction,
  escalated: tickets.escalated,
  createdAt: tickets.createdAt,
  updatedAt: tickets.updatedAt,
};

/** Stored tickets matched by external id, or by id for rows without one. */
export async function selectTicketRecords(
  db: Db,
  workspaceId: string,
  keys: { externalIds: string[]; ids: string[] },
): Promise<TicketRow[]> {
  if (keys.externalIds.length === 0 && keys.ids.length === 0) return [];
  return db
    .select(ticketColumns)
    .from(tickets)
    .where(
      and(
        eq(tickets.workspaceId, workspaceId),
        or(
          keys.externalIds.length ? inArray(tickets.externalId, keys.externalIds) : undefined,
          keys.ids.length ? inArray(tickets.id, keys.ids) : undefined,
        ),
      ),
    );
}

const iso = (d: Date | null) => (d === null ? null : d.toISOString());

/** Inserts or updates complete tickets, set-based: every write of a ticket goes through here. */
export const writeTickets = (db: Db, workspaceId: string, rows: TicketRecord[]) =>
  writeRows(db, "tickets", workspaceId, [
    { name: "id", cast: "uuid", values: rows.map((r) => r.id) },
    { name: "account_id", cast: "uuid", values: rows.map((r) => r.accountId) },
    { name: "external_id", cast: "text", values: rows.map((r) => r.externalId) },
    { name: "subject", cast: "text", values: rows.map((r) => r.subject) },
    { name: "priority", cast: "text", values: rows.map((r) => r.priority) },
    { name: "opened_at", cast: "timestamptz", values: rows.map((r) => iso(r.openedAt)) },
    { name: "closed_at", cast: "timestamptz", values: rows.map((r) => iso(r.closedAt)) },
    {
      name: "first_response_minutes",
      cast: "float8",
      values: rows.map((r) => cellText(r.firstResponseMinutes)),
    },
    { name: "resolution_hours", cast: "float8", values: rows.map((r) => cellText(r.resolutionHours)) },
    { name: "satisfaction", cast: "smallint", values: rows.map((r) => cellText(r.satisfaction)) },
    { name: "escalated", cast: "boolean", values: rows.map((r) => cellText(r.escalated)) },
  ]);

export const findTicket = async (db: Db, workspaceId: string, id: string): Promise<TicketRow | null> =>
  (
    await db
      .select(ticketColumns)
      .from(tickets)
      .where(and(eq(tickets.workspaceId, workspaceId), eq(tickets.id, id)))
  )[0] ?? null;

export const deleteTicketRow = (db: Db, workspaceId: string, id: string) =>
  db.delete(tickets).where(and(eq(tickets.workspaceId, workspaceId), eq(tickets.id, id)));

export type PeriodQuery = { limit: number; cursor?: string; accountId?: string; from?: string; to?: string };

export async function pageTickets(db: Db, workspaceId: string, q: PeriodQuery) {
  const key: SortKey = { expr: sql`${tickets.openedAt}`, type: "timestamptz", desc: true };
  const rows = await db
    .select({ ...ticketColumns, sortKey: sortKeyColumn(key) })
    .from(tickets)
    .where(
      and(
        eq(tickets.workspaceId, workspaceId),
        q.accountId ? eq(tickets.accountId, q.accountId) : undefined,
        q.from ? gte(tickets.openedAt, new Date(q.from)) : undefined,
        q.to ? lte(tickets.openedAt, new Date(q.to)) : undefined,
        afterCursor(key, tickets.id, q.cursor),
      ),
    )
    .orderBy(...orderBy(key, tickets.id))
    .limit(q.limit + 1);
  return toPage(rows, q.limit);
}

// ---------------------------------------------------------------------------------------------
// Survey responses

export type ResponseRecord = {
  id: string;
  accountId: string;
  contactId: string;
  kind: string;
  dimension: string | null;
  score: number;
  scale: number;
  comment: string | null;
  answeredAt: Date;
  source: string;
  touchpointId: string | null;
  recipientId: string | null;
};
export type ResponseRow = ResponseRecord & {
  contactFirstName: string | null;
  contactLastName: string | null;
  contactEmail: string | null;
  accountName: string;
  createdAt: Date;
};

const responseColumns = {
  id: responses.id,
  accountId: responses.accountId,
  contactId: responses.contactId,
  kind: responses.kind,
  dimension: responses.dimension,
  score: responses.score,
  scale: responses.scale,
  comment: responses.comment,
  answeredAt: responses.answeredAt,
  source: responses.source,
  touchpointId: responses.touchpointId,
  recipientId: responses.recipientId,
  contactFirstName: contacts.firstName,
  contactLastName: contacts.lastName,
  contactEmail: contacts.email,
  accountName: accounts.name,
  createdAt: responses.createdAt,
};

const selectResponses = (db: Db, extra: Record<string, unknown> = {}) =>
  db
    .select({ ...responseColumns, ...extra })
    .from(responses)
    .innerJoin(
      contacts,
      and(eq(contacts.workspaceId, responses.workspaceId), eq(contacts.id, responses.contactId)),
    )
    .innerJoin(
      accounts,
      and(eq(accounts.workspaceId, responses.workspaceId), eq(accounts.id, responses.accountId)),
    );

export const findResponse = async (db: Db, workspaceId: string, id: string): Promise<ResponseRow | null> =>
  ((await selectResponses(db).where(and(eq(responses.workspaceId, workspaceId), eq(responses.id, id))))[0] as
    | ResponseRow
    | undefined) ?? null;

export const deleteResponseRow = (db: Db, workspaceId: string, id: string) =>
  db.delete(responses).where(and(eq(responses.workspaceId, workspaceId), eq(responses.id, id)));

export type ResponseKey = { contactId: string; kind: string; dimension: string | null; answeredAt: Date };

/** Stored answers with the same key player, kind, dimension and time as the given ones: their ids. */
export async function storedResponseIds(
  db: Db,
  workspaceId: string,
  keys: ResponseKey[],
): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  if (keys.length === 0) return out;
  const rows = await queryRows<{
    id: string;
    contact_id: string;
    kind: string;
    dimension: string;
    at: string;
  }>(
    db,
    sql`
    select r.id, r.contact_id, r.kind, coalesce(r.dimension, '') as dimension,
           to_char(r.answered_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as at
      from survey_responses r
      join unnest(${sql.param(keys.map((k) => k.contactId))}::uuid[], ${sql.param(keys.map((k) => k.kind))}::text[],
                  ${sql.param(keys.map((k) => k.dimension ?? ""))}::text[],
                  ${sql.param(keys.map((k) => k.answeredAt.toISOString()))}::timestamptz[])
           as k(contact_id, kind, dimension, answered_at)
        on r.contact_id = k.contact_id and r.kind = k.kind
       and coalesce(r.dimension, '') = k.dimension and r.answered_at = k.answered_at
     where r.workspace_id = ${workspaceId}`,
  );
  for (const r of rows) out.set(responseKey({ ...r, answeredAt: r.at }), r.id);
  return out;
}

/** One text per answer key, for matching rows to stored answers. */
export const responseKey = (k: {
  contact_id?: string;
  contactId?: string;
  kind: string;
  dimension: string | null;
  answeredAt: Date | string;
}) =>
  [
    k.contactId ?? k.contact_id,
    k.kind,
    k.dimension ?? "",
    typeof k.answeredAt === "string" ? k.answeredAt : k.answeredAt.toISOString(),
  ].join("|");

/** Inserts or updates complete answers, set-based: every write of an answer goes through here. */
export const writeResponses = (db: Db, workspaceId: string, rows: ResponseRecord[]) =>
  writeRows(db, "survey_responses", workspaceId, [
    { name: "id", cast: "uuid", values: rows.map((r) => r.id) },
    { name: "account_id", cast: "uuid", values: rows.map((r) => r.accountId) },
    { name: "contact_id", cast: "uuid", values: rows.map((r) => r.contactId) },
    { name: "kind", cast: "text", values: rows.map((r) => r.kind) },
    { name: "dimension", cast: "text", values: rows.map((r) => r.dimension) },
    { name: "score", cast: "smallint", values: rows.map((r) => String(r.score)) },
    { name: "scale", cast: "smallint", values: rows.map((r) => String(r.scale)) },
    { name: "comment", cast: "text", values: rows.map((r) => r.comment) },
    { name: "answered_at", cast: "timestamptz", values: rows.map((r) => r.answeredAt.toISOString()) },
    { name: "source", cast: "text", values: rows.map((r) => r.source) },
    { name: "touchpoint_id", cast: "uuid", values: rows.map((r) => r.touchpointId) },
    { name: "recipient_id", cast: "uuid", values: rows.map((r) => r.recipientId) },
  ]);

/** Each answer's key player's last touchpoint at or before the answer, if any. */
export async function touchpointsBefore(
  db: Db,
  workspaceId: string,
  answers: { contactId: string; answeredAt: Date }[],
): Promise<(string | null)[]> {
  if (answers.length === 0) return [];
  const rows = await queryRows<{ i: number; id: string | null }>(
    db,
    sql`
    select a.i, (select t.id from ${touchpointPlayers} p
                   join ${touchpoints} t on t.workspace_id = p.workspace_id and t.id = p.touchpoint_id
                  where p.workspace_id = ${workspaceId} and p.contact_id = a.contact_id
                    and t.occurred_at <= a.answered_at
                  order by t.occurred_at desc, t.id desc limit 1) as id
      from unnest(${sql.param(answers.map((a) => a.contactId))}::uuid[],
                  ${sql.param(answers.map((a) => a.answeredAt.toISOString()))}::timestamptz[])
           with ordinality as a(contact_id, answered_at, i)`,
  );
  const out: (string | null)[] = answers.map(() => null);
  for (const r of rows) out[Number(r.i) - 1] = r.id;
  return out;
}

export async function pageResponses(
  db: Db,
  workspaceId: string,
  q: PeriodQuery & { contactId?: string; kind?: string[]; surveyId?: string },
) {
  const key: SortKey = { expr: sql`${responses.answeredAt}`, type: "timestamptz", desc: true };
  const rows = await selectResponses(db, { sortKey: sortKeyColumn(key) })
    .where(
      and(
        eq(responses.workspaceId, workspaceId),
        q.accountId ? eq(responses.accountId, q.accountId) : undefined,
        q.contactId ? eq(responses.contactId, q.contactId) : undefined,
        q.kind?.length ? inArray(responses.kind, q.kind) : undefined,
        q.surveyId
          ? sql`${responses.recipientId} in (select id from survey_recipients r
                 where r.workspace_id = ${workspaceId} and r.survey_id = ${q.surveyId})`
          : undefined,
        q.from ? gte(responses.answeredAt, new Date(q.from)) : undefined,
        q.to ? lte(responses.answeredAt, new Date(q.to)) : undefined,
        afterCursor(key, responses.id, q.cursor),
      ),
    )
    .orderBy(...orderBy(key, responses.id))
    .limit(q.limit + 1);
  return toPage(rows as (ResponseRow & { sortKey: string })[], q.limit);
}

// ---------------------------------------------------------------------------------------------
// Metrics

export type ExperienceCounts = {
  nps: { responses: number; promoters: number; detractors: number };
  csat: { responses: number; satisfied: number };
  ces: { responses: number; sum: number };
  ticketCsat: { responses: number; satisfied: number };
};

export type Period = { from?: string; to?: string; accountId?: string };

/** Counts of every answer and every rated ticket in the period (tickets dated by when they were opened). */
export async function experienceCounts(db: Db, workspaceId: string, p: Period): Promise<ExperienceCounts> {
  const [answers] = await db
    .select({
      npsN: sql<number>`count(*) filter (where ${responses.kind} = 'nps')::int`,
      promoters: sql<number>`count(*) filter (where ${responses.kind} = 'nps' and ${responses.score} >= 9)::int`,
      detractors: sql<number>`count(*) filter (where ${responses.kind} = 'nps' and ${responses.score} <= 6)::int`,
      csatN: sql<number>`count(*) filter (where ${responses.kind} = 'csat')::int`,
      csatOk: sql<number>`count(*) filter (where ${responses.kind} = 'csat' and ${responses.score} >= 4)::int`,
      cesN: sql<number>`count(*) filter (where ${responses.kind} = 'ces')::int`,
      cesSum: sql<number>`coalesce(sum(${responses.score}) filter (where ${responses.kind} = 'ces'), 0)::int`,
    })
    .from(responses)
    .where(
      and(
        eq(responses.workspaceId, workspaceId),
        p.accountId ? eq(responses.accountId, p.accountId) : undefined,
        p.from ? gte(responses.answeredAt, new Date(p.from)) : undefined,
        p.to ? lte(responses.answeredAt, new Date(p.to)) : undefined,
      ),
    );
  const [rated] = await db
    .select({
      n: sql<number>`count(${tickets.satisfaction})::int`,
      ok: sql<number>`count(*) filter (where ${tickets.satisfaction} >= 4)::int`,
    })
    .from(tickets)
    .where(
      and(
        eq(tickets.workspaceId, workspaceId),
        p.accountId ? eq(tickets.accountId, p.accountId) : undefined,
        p.from ? gte(tickets.openedAt, new Date(p.from)) : undefined,
        p.to ? lte(tickets.openedAt, new Date(p.to)) : undefined,
      ),
    );
  return {
    nps: {
      responses: answers?.npsN ?? 0,
      promoters: answers?.promoters ?? 0,
      detractors: answers?.detractors ?? 0,
    },
    csat: { responses: answers?.csatN ?? 0, satisfied: answers?.csatOk ?? 0 },
    ces: { responses: answers?.cesN ?? 0, sum: answers?.cesSum ?? 0 },
    ticketCsat: { responses: rated?.n ?? 0, satisfied: rated?.ok ?? 0 },
  };
}

/** The workspace's experience dimensions in use (not archived), in their order. */
export const activeDimensions = (db: Db, workspaceId: string): Promise<{ key: string; label: string }[]> => {
  const items = schema.workspaceListItems;
  return db
    .select({ key: items.key, label: items.label })
    .from(items)
    .where(
      and(eq(items.workspaceId, workspaceId), eq(items.list, "dimension"), sql`${items.archivedAt} is null`),
    )
    .orderBy(items.position);
};

/** Contacts by id with their account, for answers. */
export async function contactAccounts(
  db: Db,
  workspaceId: string,
  ids: string[],
): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ id: contacts.id, accountId: contacts.accountId })
    .from(contacts)
    .where(and(eq(contacts.workspaceId, workspaceId), inArray(contacts.id, ids)));
  return new Map(rows.map((r) => [r.id, r.accountId]));
}

/** Answers by id, with whether the closed loop already alerted on them. */
export async function responsesByIds(db: Db, workspaceId: string, ids: string[]) {
  if (ids.length === 0) return [];
  return (await selectResponses(db, { alertedAt: responses.alertedAt }).where(
    and(eq(responses.workspaceId, workspaceId), inArray(responses.id, ids)),
  )) as (ResponseRow & { alertedAt: Date | null })[];
}

export const markAlerted = (db: Db, workspaceId: string, ids: string[]) =>
  db
    .update(responses)
    .set({ alertedAt: sql`now()` })
    .where(and(eq(responses.workspaceId, workspaceId), inArray(responses.id, ids)));
