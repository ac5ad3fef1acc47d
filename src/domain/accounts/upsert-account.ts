import type { Account, AccountCreate } from "../../contract/accounts.ts";
import { withTx } from "../../db/transaction.ts";
import type { Ctx } from "../context.ts";
import { lockKey } from "../kernel/locks.queries.ts";
import { findAccountByExternalId } from "./account.queries.ts";
import { createAccount } from "./create-account.ts";
import { updateAccount } from "./update-account.ts";

/** Creates or updates by external id; `created` tells which happened. */
export async function upsertAccount(
  ctx: Ctx,
  externalId: string,
  input: Omit<AccountCreate, "externalId">,
): Promise<{ account: Account; created: boolean }> {
  return withTx(ctx.db, async (db) => {
    const tx = { ...ctx, db };
    await lockKey(db, "accounts.external_id", ctx.workspaceId, externalId);
    const existing = await findAccountByExternalId(db, ctx.workspaceId, externalId);
    if (existing) return { account: await updateAccount(tx, existing.id, input), created: false };
    return { account: await createAccount(tx, { ...input, externalId }), created: true };
  });
}
