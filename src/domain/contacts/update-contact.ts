import { AppError, notFound } from "../../common/errors.ts";
import type { Contact, ContactUpdate } from "../../contract/contacts.ts";
import { withTx } from "../../db/transaction.ts";
import type { Ctx } from "../context.ts";
import { recordEvents } from "../events/index.ts";
import { checkContactReferences } from "./contact.checks.ts";
import { findContact, findContactByExternalId, updateContactRow } from "./contact.queries.ts";
import { toContact } from "./contact.rules.ts";

export async function updateContact(ctx: Ctx, id: string, patch: ContactUpdate): Promise<Contact> {
  return withTx(ctx.db, async (db) => {
    const tx = { ...ctx, db };
    const before = await findContact(db, ctx.workspaceId, id);
    if (!before) throw notFound("Contact");
    await checkContactReferences(tx, patch, before.customFields);
    const merged = { ...before, ...patch };
    if (!merged.firstName && !merged.lastName && !merged.email) {
      throw new AppError("VALIDATION_FAILED", "a contact needs a first name, a last name or an email", {
        issues: [{ path: "firstName", message: "a contact needs a first name, a last name or an email" }],
      });
    }
    if (patch.externalId && patch.externalId !== before.externalId) {
      const other = await findContactByExternalId(db, ctx.workspaceId, patch.externalId);
      if (other && other.id !== id)
        throw new AppError("CONFLICT", `Another contact has external id "${patch.externalId}"`);
    }
    await updateContactRow(db, ctx.workspaceId, id, {
      ...patch,
      ...(patch.email !== undefined ? { email: patch.email?.toLowerCase() ?? null } : {}),
    });
    const row = await findContact(db, ctx.workspaceId, id);
    if (!row) throw notFound("Contact");
    await recordEvents(tx, [
      {
        type: "contact.changed",
        data: {
          accountId: row.accountId,
          contactId: id,
          previousAccountId: before.accountId === row.accountId ? null : before.accountId,
          fields: Object.keys(patch).sort(),
        },
      },
    ]);
    return toContact(row);
  });
}
