import type { Contact, ContactCreate } from "../../contract/contacts.ts";
import { withTx } from "../../db/transaction.ts";
import type { Ctx } from "../context.ts";
import { lockKey } from "../kernel/locks.queries.ts";
import { findContactByExternalId } from "./contact.queries.ts";
import { createContact } from "./create-contact.ts";
import { updateContact } from "./update-contact.ts";

export async function upsertContact(
  ctx: Ctx,
  externalId: string,
  input: Omit<ContactCreate, "externalId">,
): Promise<{ contact: Contact; created: boolean }> {
  return withTx(ctx.db, async (db) => {
    const tx = { ...ctx, db };
    await lockKey(db, "contacts.external_id", ctx.workspaceId, externalId);
    const existing = await findContactByExternalId(db, ctx.workspaceId, externalId);
    if (existing) return { contact: await updateContact(tx, existing.id, input), created: false };
    return { contact: await createContact(tx, { ...input, externalId }), created: true };
  });
}
