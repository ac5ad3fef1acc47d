import { and, eq, ilike, or, sql } from "drizzle-orm";
import type { Db } from "../../db/index.ts";
import { schema } from "../../db/index.ts";

const { accounts, contacts } = schema;

const likePattern = (q: string): string => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** Accounts by name, domain or external id; names starting with the query first. */
export const searchAccounts = (db: Db, workspaceId: string, q: string, limit: number) => {
  const like = likePattern(q);
  const prefixFirst = sql`case when lower(${accounts.name}) like lower(${`${q}%`}) then 0 else 1 end`;
  return db
    .select({ id: accounts.id, name: accounts.name, tier: accounts.tier })
    .from(accounts)
    .where(
      and(
        eq(accounts.workspaceId, workspaceId),
        or(ilike(accounts.name, like), ilike(accounts.domain, like), ilike(accounts.externalId, like)),
      ),
    )
    .orderBy(prefixFirst, accounts.name)
    .limit(limit);
};

/** Contacts by full name or email, with their account's name. */
export const searchContacts = (db: Db, workspaceId: string, q: string, limit: number) => {
  const like = likePattern(q);
  return db
    .select({
      id: contacts.id,
      firstName: contacts.firstName,
      lastName: contacts.lastName,
      email: contacts.email,
      accountId: contacts.accountId,
      accountName: accounts.name,
    })
    .from(contacts)
    .innerJoin(
      accounts,
      and(eq(accounts.workspaceId, contacts.workspaceId), eq(accounts.id, contacts.accountId)),
    )
    .where(
      and(
        eq(contacts.workspaceId, workspaceId),
        or(
          sql`concat_ws(' ', ${contacts.firstName}, ${contacts.lastName}) ilike ${like}`,
          ilike(contacts.email, like),
        ),
      ),
    )
    .orderBy(contacts.lastName, contacts.firstName)
    .limit(limit);
};
