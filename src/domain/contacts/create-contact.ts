import { AppError } from "../../common/errors.ts";
import { newId } from "../../common/ids.ts";
import type { Contact, ContactCreate } from "../../contract/contacts.ts";
import { withTx } from "../../db/transaction.ts";
import type { Ctx } from "../context.ts";
import { recordEvents } from "../events/index.ts";
import { recordTimeline } from "../timeline/index.ts";
import { checkContactReferences } from "./contact.checks.ts";
import { findContact, findContactByExternalId, insertContact } from "./contact.queries.ts";
import { contactName, toContact } from "./contact.rules.ts";

export async function createContact(ctx: Ctx, input: ContactCreate): Promise<Contact> {
  return withTx(ctx.db, async (db) => {
    const tx = { ...ctx, db };
    await checkContactReferences(tx, input);
    if (input.externalId && (await findContactByExternalId(db, ctx.workspaceId, input.externalId))) {
      throw new AppError("CONFLICT", `A contact with external id "${input.externalId}" already exists`);
    }
    const id = newId();
    await insertContact(db, {
      ...input,
      email: input.email?.toLowerCase() ?? null,
      workspaceId: ctx.workspaceId,
      id,
    });
    await recordTimeline(tx, [
      {
        accountId: input.accountId,
        kind: "contact",
        title: `Contact added: ${contactName({ firstName: input.firstName ?? null, lastName: input.lastName ?? null, email: input.email ?? null })}`,
        contactId: id,
      },
    ]);
    await recordEvents(tx, [
      { type: "contact.created", data: { accountId: input.accountId, contactId: id } },
    ]);
    const row = await findContact(db, ctx.workspaceId, id);
    if (!row) throw new AppError("INTERNAL", "contact vanished after insert");
    return toContact(row);
  });
}
