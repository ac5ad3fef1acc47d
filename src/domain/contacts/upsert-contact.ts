import { AppError } from "../../common/errors.ts";
import { newId } from "../../common/ids.ts";
import type { Contact, ContactCreate } from "../../contract/contacts.ts";
import { withTx } from "../../db/transaction.ts";
import type { Ctx } from "../context.ts";
import { lockKey } from "../kernel/locks.queries.ts";
import { recordTimeline } from "../timeline/index.ts";
import { findContact, findContactByExternalId } from "./contact.queries.ts";
import { contactName, toContact } from "./contact.rules.ts";
import { upsertContacts } from "./upsert-contacts.ts";

/** Creates or updates by external id: the bulk upsert with one row, then a new contact's timeline entry. */
export async function upsertContact(
  ctx: Ctx,
  externalId: string,
  input: Omit<ContactCreate, "externalId">,
): Promise<{ contact: Contact; created: boolean }> {
  return withTx(ctx.db, async (db) => {
    const tx = { ...ctx, db };
    await lockKey(db, "contacts.external_id", ctx.workspaceId, externalId);
    const existing = await findContactByExternalId(db, ctx.workspaceId, externalId);
    const [done] = await upsertContacts(tx, [{ id: newId(), externalId, input }]);
    const after = done ? await findContact(db, ctx.workspaceId, done.id) : null;
    if (!after) throw new AppError("INTERNAL", "contact vanished after upsert");
    if (!existing) {
      const title = `Contact added: ${contactName(after)}`;
      await recordTimeline(tx, [{ accountId: after.accountId, kind: "contact", title, contactId: after.id }]);
    }
    return { contact: toContact(after), created: !existing };
  });
}
