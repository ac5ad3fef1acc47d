import { contactName } from "../contacts/index.ts";
import type { Ctx } from "../context.ts";
import { searchAccounts, searchContacts } from "./search.queries.ts";

/** Global search (⌘K): accounts by name, domain or external id; contacts by name or email. */
export async function search(ctx: Ctx, query: { q: string; limit: number }) {
  const foundAccounts = await searchAccounts(ctx.db, ctx.workspaceId, query.q, query.limit);
  const foundContacts = await searchContacts(ctx.db, ctx.workspaceId, query.q, query.limit);
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
