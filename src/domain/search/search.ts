import { and, eq, ilike, or, sql } from "drizzle-orm";
import { schema } from "../../db/index.ts";
import { contactName } from "../contacts/index.ts";
import type { Ctx } from "../context.ts";

const { accounts, contacts } = schema;

/** Global search (⌘K): accounts by name, domain or external id; contacts by name or email. */
export async function search(ctx: Ctx, query: { q: string; limit: number }) {
  const like = `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const prefixFirst = sql`case when lower(${accounts.name}) like lower(${`${query.q}%`}) then 0 else 1 end`;
  const foundAccounts = await ctx.db
    .select({ id: accounts.id, name: accounts.name, tier: accounts.tier })
    .from(accounts)
    .where(
      and(
        eq(accounts.workspaceId, ctx.workspaceId),
        or(ilike(accounts.name, like), ilike(accounts.domain, like), ilike(accounts.externalId, like)),
      ),
    )
    .orderBy(prefixFirst, accounts.name)
    .limit(query.limit);
  const foundContacts = await ctx.db
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
        eq(contacts.workspaceId, ctx.workspaceId),
        or(
          sql`concat_ws(' ', ${contacts.firstName}, ${contacts.lastName}) ilike ${like}`,
          ilike(contacts.email, like),
        ),
      ),
    )
    .orderBy(contacts.lastName, contacts.firstName)
    .limit(query.limit);
  return {
    accounts: foundAccounts,
    contacts: foundContacts.map((c) => ({
      id: c.id,
      name: contactName(c),
      email: c.email,
      accountId: c.accountId,
      accountName: c.accountName,
    })),
  };
}
