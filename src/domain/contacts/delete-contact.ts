import { notFound } from "../../common/errors.ts";
import { withTx } from "../../db/transaction.ts";
import { recordAudit } from "../audit/index.ts";
import type { Ctx } from "../context.ts";
import { recordEvents } from "../events/index.ts";
import { deleteContactRow, findContact } from "./contact.queries.ts";
import { contactName } from "./contact.rules.ts";

export async function deleteContact(ctx: Ctx, id: string): Promise<void> {
  await withTx(ctx.db, async (db) => {
    const contact = await findContact(db, ctx.workspaceId, id);
    if (!contact) throw notFound("Contact");
    await deleteContactRow(db, ctx.workspaceId, id);
    await recordEvents({ ...ctx, db }, [
      { type: "contact.deleted", data: { accountId: contact.accountId, contactId: id } },
    ]);
    await recordAudit(
      { ...ctx, db },
      {
        action: "contact.delete",
        targetType: "contact",
        targetId: id,
        details: { name: contactName(contact), accountId: contact.accountId },
      },
    );
  });
}
