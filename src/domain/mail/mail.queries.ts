import { and, desc, eq, inArray, sql } from "drizzle-orm";
import { type Db, queryRows, schema } from "../../db/index.ts";
import { afterCursor, orderBy, type SortKey, sortKeyColumn, toPage } from "../kernel/pagination.queries.ts";

const { mailMessages: mail } = schema;

export type NewMessage = {
  id: string;
  purpose: string;
  subjectId: string | null;
  toAddress: string;
  toName: string | null;
  subject: string;
  textBody: string;
  htmlBody: string | null;
  status: "queued" | "held";
  messageId: string;
};

const CHUNK = 500;

export async function insertMessages(db: Db, workspaceId: string, rows: NewMessage[]): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) {
    await db.insert(mail).values(rows.slice(i, i + CHUNK).map((r) => ({ ...r, workspaceId })));
  }
}

export type ClaimedMessage = NewMessage & { workspaceId: string; attempts: number };

/**
 * Takes up to `limit` queued messages (of one workspace, or of every workspace on the system path)
 * and marks them `sending`, so two deliverers never send one message twice at once; a message left
 * `sending` by a stopped process for 10 minutes is taken again.
 */
export async function claimQueued(
  db: Db,
  limit: number,
  scope: { workspaceId?: string; subjectId?: string },
): Promise<ClaimedMessage[]> {
  return queryRows<ClaimedMessage>(
    db,
    sql`update mail_messages m set status = 'sending', attempts = m.attempts + 1, sent_at = now()
        from (select workspace_id, id from mail_messages
               where (status = 'queued' or (status = 'sending' and sent_at < now() - interval '10 minutes'))
                 ${scope.workspaceId ? sql`and workspace_id = ${scope.workspaceId}` : sql``}
                 ${scope.subjectId ? sql`and subject_id = ${scope.subjectId}` : sql``}
               order by created_at limit ${limit} for update skip locked) c
       where m.workspace_id = c.workspace_id and m.id = c.id
       returning m.workspace_id as "workspaceId", m.id, m.purpose, m.subject_id as "subjectId",
                 m.to_address as "toAddress", m.to_name as "toName", m.subject, m.text_body as "textBody",
                 m.html_body as "htmlBody", m.status, m.message_id as "messageId", m.attempts`,
  );
}

/** Sent messages keep no body: the links in them are credentials. */
export async function markSent(db: Db, keys: { workspaceId: string; id: string }[]): Promise<void> {
  if (keys.length === 0) return;
  await db.execute(sql`
    update mail_messages m set status = 'sent', sent_at = now(), text_body = null, html_body = null, error = null
      from unnest(${sql.param(keys.map((k) => k.workspaceId))}::uuid[], ${sql.param(keys.map((k) => k.id))}::uuid[]) as k(w, id)
     where m.workspace_id = k.w and m.id = k.id`);
}

/** A failed attempt: queued again until the last attempt, then `failed` with the error. */
export async function markFailed(
  db: Db,
  key: { workspaceId: string; id: string },
  error: string,
  final: boolean,
): Promise<void> {
  await db
    .update(mail)
    .set({ status: final ? "failed" : "queued", error: error.slice(0, 1000), sentAt: null })
    .where(and(eq(mail.workspaceId, key.workspaceId), eq(mail.id, key.id)));
}

const listColumns = {
  id: mail.id,
  purpose: mail.purpose,
  subjectId: mail.subjectId,
  toAddress: mail.toAddress,
  toName: mail.toName,
  subject: mail.subject,
  status: mail.status,
  attempts: mail.attempts,
  error: mail.error,
  messageId: mail.messageId,
  createdAt: mail.createdAt,
  sentAt: mail.sentAt,
};

export async function pageMessages(
  db: Db,
  workspaceId: string,
  q: { limit: number; cursor?: string; status?: string[] },
) {
  const key: SortKey = { expr: sql`${mail.createdAt}`, type: "timestamptz", desc: true };
  const rows = await db
    .select({ ...listColumns, sortKey: sortKeyColumn(key) })
    .from(mail)
    .where(
      and(
        eq(mail.workspaceId, workspaceId),
        q.status?.length ? inArray(mail.status, q.status) : undefined,
        afterCursor(key, mail.id, q.cursor),
      ),
    )
    .orderBy(...orderBy(key, mail.id))
    .limit(q.limit + 1);
  return toPage(rows, q.limit);
}

export const findMessage = async (db: Db, workspaceId: string, id: string) =>
  (
    await db
      .select({ ...listColumns, textBody: mail.textBody, htmlBody: mail.htmlBody })
      .from(mail)
      .where(and(eq(mail.workspaceId, workspaceId), eq(mail.id, id)))
      .orderBy(desc(mail.createdAt))
  )[0] ?? null;

export type MessageRow = NonNullable<Awaited<ReturnType<typeof findMessage>>>;
