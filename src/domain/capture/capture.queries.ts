import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import { type Db, queryRows, schema } from "../../db/index.ts";
import type { CapturedParticipant, MailAddress } from "../../db/schema/capture.ts";
import { afterCursor, orderBy, type SortKey, sortKeyColumn, toPage } from "../kernel/pagination.queries.ts";
import type { AccountHit, ContactHit } from "./matching.rules.ts";

const { captureAddresses: addresses, capturedEmails: emails, accounts, users } = schema;

/** The workspace's active capture address. */
export const activeAddress = async (db: Db, workspaceId: string) =>
  (
    await db
      .select({ id: addresses.id, token: addresses.token, createdAt: addresses.createdAt })
      .from(addresses)
      .where(and(eq(addresses.workspaceId, workspaceId), isNull(addresses.revokedAt)))
  )[0] ?? null;

/** Adds an active address unless the workspace has one (a concurrent first read made it). */
export async function insertAddress(
  db: Db,
  workspaceId: string,
  row: { id: string; token: string; createdBy: string | null },
): Promise<void> {
  await db
    .insert(addresses)
    .values({ workspaceId, ...row })
    .onConflictDoNothing({ target: addresses.workspaceId, where: sql`revoked_at is null` });
}

export async function revokeAddresses(db: Db, workspaceId: string): Promise<void> {
  await db
    .update(addresses)
    .set({ revokedAt: sql`now()` })
    .where(and(eq(addresses.workspaceId, workspaceId), isNull(addresses.revokedAt)));
}

/** The workspace of a token, in whichever workspace (the system path); revoked ones included. */
export const addressByToken = async (db: Db, token: string) =>
  (
    await db
      .select({ workspaceId: addresses.workspaceId, revokedAt: addresses.revokedAt })
      .from(addresses)
      .where(eq(addresses.token, token))
  )[0] ?? null;

export type MemberAddress = { userId: string; email: string; role: string; function: string };

/** Every member of the workspace with their address, role and function. */
export const memberAddresses = (db: Db, workspaceId: string): Promise<MemberAddress[]> =>
  queryRows<MemberAddress>(
    db,
    sql`select u.id as "userId", lower(u.email) as email, m.role, m.function
          from memberships m join users u on u.id = m.user_id
         where m.workspace_id = ${workspaceId}`,
  );

/** Contacts with any of these addresses (lower case). */
export const contactsByEmail = async (
  db: Db,
  workspaceId: string,
  emailList: string[],
): Promise<ContactHit[]> =>
  emailList.length === 0
    ? []
    : queryRows<ContactHit>(
        db,
        sql`select id as "contactId", account_id as "accountId", lower(email) as email from contacts
             where workspace_id = ${workspaceId} and lower(email) = any(${sql.param(emailList)}::text[])`,
      );

/** Accounts whose domain is one of these (lower case). */
export const accountsByDomain = async (
  db: Db,
  workspaceId: string,
  domains: string[],
): Promise<AccountHit[]> =>
  domains.length === 0
    ? []
    : queryRows<AccountHit>(
        db,
        sql`select id as "accountId", lower(domain) as domain from accounts
             where workspace_id = ${workspaceId} and lower(domain) = any(${sql.param(domains)}::text[])`,
      );

export type NewCapturedEmail = {
  id: string;
  senderId: string;
  fromAddress: string;
  fromName: string | null;
  toAddresses: MailAddress[];
  ccAddresses: MailAddress[];
  subject: string;
  textBody: string;
  sentAt: Date;
  forwarded: boolean;
  messageId: string;
  participants: CapturedParticipant[];
  status: "matched" | "unmatched";
  accountId: string | null;
};

/** Keeps a captured email; false when the workspace has one with its Message-ID already. */
export async function insertCapturedEmail(
  db: Db,
  workspaceId: string,
  row: NewCapturedEmail,
): Promise<boolean> {
  const inserted = await db
    .insert(emails)
    .values({ workspaceId, ...row })
    .onConflictDoNothing({ target: [emails.workspaceId, emails.messageId] })
    .returning({ id: emails.id });
  return inserted.length > 0;
}

export async function updateCapturedEmail(
  db: Db,
  workspaceId: string,
  id: string,
  patch: { status: "matched" | "dismissed"; touchpointId?: string; accountId?: string },
): Promise<void> {
  await db
    .update(emails)
    .set({ ...patch, updatedAt: sql`now()` })
    .where(and(eq(emails.workspaceId, workspaceId), eq(emails.id, id)));
}

const columns = {
  id: emails.id,
  receivedAt: emails.receivedAt,
  senderId: emails.senderId,
  senderName: users.name,
  fromAddress: emails.fromAddress,
  fromName: emails.fromName,
  toAddresses: emails.toAddresses,
  ccAddresses: emails.ccAddresses,
  subject: emails.subject,
  sentAt: emails.sentAt,
  forwarded: emails.forwarded,
  preview: sql<string>`left(${emails.textBody}, 400)`,
  participants: emails.participants,
  status: emails.status,
  touchpointId: emails.touchpointId,
  accountId: emails.accountId,
  accountName: accounts.name,
};

const selectEmails = (db: Db, extra: Record<string, unknown> = {}) =>
  db
    .select({ ...columns, ...extra })
    .from(emails)
    .leftJoin(users, eq(users.id, emails.senderId))
    .leftJoin(accounts, and(eq(accounts.workspaceId, emails.workspaceId), eq(accounts.id, emails.accountId)));

export type CapturedEmailRow = {
  id: string;
  receivedAt: Date;
  senderId: string | null;
  senderName: string | null;
  fromAddress: string;
  fromName: string | null;
  toAddresses: MailAddress[];
  ccAddresses: MailAddress[];
  subject: string;
  sentAt: Date;
  forwarded: boolean;
  preview: string;
  participants: CapturedParticipant[];
  status: string;
  touchpointId: string | null;
  accountId: string | null;
  accountName: string | null;
};

/** A captured email for its use cases, with its full text. */
export const findCapturedEmail = async (db: Db, workspaceId: string, id: string) =>
  (
    await selectEmails(db, { textBody: emails.textBody })
      .where(and(eq(emails.workspaceId, workspaceId), eq(emails.id, id)))
      .for("update", { of: emails })
  )[0] as (CapturedEmailRow & { textBody: string }) | undefined;

/** One page: unmatched first, then newest first. */
export async function pageCapturedEmails(
  db: Db,
  workspaceId: string,
  q: { limit: number; cursor?: string | undefined; status?: string[] | undefined },
) {
  // Unmatched mail sorts above everything else, newest first within each part.
  const key: SortKey = {
    expr: sql`(case when ${emails.status} = 'unmatched' then 10000000000000 else 0 end
               + floor(extract(epoch from ${emails.receivedAt}) * 1000))::bigint`,
    type: "bigint",
    desc: true,
  };
  const rows = await selectEmails(db, { sortKey: sortKeyColumn(key) })
    .where(
      and(
        eq(emails.workspaceId, workspaceId),
        q.status?.length ? inArray(emails.status, q.status) : undefined,
        afterCursor(key, emails.id, q.cursor),
      ),
    )
    .orderBy(...orderBy(key, emails.id))
    .limit(q.limit + 1);
  return toPage(rows as unknown as (CapturedEmailRow & { sortKey: string })[], q.limit);
}
