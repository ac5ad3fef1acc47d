import type { ContactListQuery } from "../../contract/contacts.ts";
import type { Ctx } from "../context.ts";
import { pageContacts } from "./contact.queries.ts";
import { toContact } from "./contact.rules.ts";

export async function findContacts(ctx: Ctx, query: ContactListQuery) {
  const page = await pageContacts(ctx.db, ctx.workspaceId, query);
  return { data: page.data.map(toContact), nextCursor: page.nextCursor };
}
