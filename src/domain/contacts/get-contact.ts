import { notFound } from "../../common/errors.ts";
import type { Contact } from "../../contract/contacts.ts";
import type { Ctx } from "../context.ts";
import { findContact } from "./contact.queries.ts";
import { toContact } from "./contact.rules.ts";

export async function getContact(ctx: Ctx, id: string): Promise<Contact> {
  const row = await findContact(ctx.db, ctx.workspaceId, id);
  if (!row) throw notFound("Contact");
  return toContact(row);
}
