import { notFound } from "../../common/errors.ts";
import { withTx } from "../../db/transaction.ts";
import { recordAudit } from "../audit/index.ts";
import type { Ctx } from "../context.ts";
import { recordEvents } from "../events/index.ts";
import { deleteAccountRow, findAccount } from "./account.queries.ts";

/** Deletes the account and, by cascade, its contacts, subscriptions, team and timeline. */
export async function deleteAccount(ctx: Ctx, id: string): Promise<void> {
  await withTx(ctx.db, async (db) => {
    const account = await findAccount(db, ctx.workspaceId, id);
    if (!account) throw notFound("Account");
    await deleteAccountRow(db, ctx.workspaceId, id);
    await recordEvents({ ...ctx, db }, [{ type: "account.deleted", data: { accountId: id } }]);
    await recordAudit(
      { ...ctx, db },
      { action: "account.delete", targetType: "account", targetId: id, details: { name: account.name } },
    );
  });
}
