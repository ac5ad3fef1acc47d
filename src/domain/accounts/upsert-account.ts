import { AppError } from "../../common/errors.ts";
import { newId } from "../../common/ids.ts";
import type { Account, AccountCreate } from "../../contract/accounts.ts";
import { withTx } from "../../db/transaction.ts";
import type { Ctx } from "../context.ts";
import { lockKey } from "../kernel/locks.queries.ts";
import { recordTimeline } from "../timeline/index.ts";
import { findAccount, findAccountByExternalId } from "./account.queries.ts";
import { toAccount } from "./account.rules.ts";
import { upsertAccounts } from "./upsert-accounts.ts";

/** Creates or updates by external id: the bulk upsert with one row, then the row's timeline entry. */
export async function upsertAccount(
  ctx: Ctx,
  externalId: string,
  input: Omit<AccountCreate, "externalId">,
): Promise<{ account: Account; created: boolean }> {
  return withTx(ctx.db, async (db) => {
    const tx = { ...ctx, db };
    await lockKey(db, "accounts.external_id", ctx.workspaceId, externalId);
    const existing = await findAccountByExternalId(db, ctx.workspaceId, externalId);
    const before = existing ? await findAccount(db, ctx.workspaceId, existing.id) : null;
    const [done] = await upsertAccounts(tx, [{ id: newId(), externalId, input }]);
    const after = done ? await findAccount(db, ctx.workspaceId, done.id) : null;
    if (!after) throw new AppError("INTERNAL", "account vanished after upsert");
    if (!before) {
      await recordTimeline(tx, [{ accountId: after.id, kind: "account", title: "Account created" }]);
    } else if (after.lifecycleStage !== before.lifecycleStage) {
      const title = `Lifecycle stage: ${before.lifecycleStage} → ${after.lifecycleStage}`;
      await recordTimeline(tx, [{ accountId: after.id, kind: "account", title }]);
    }
    return { account: toAccount(after), created: before === null };
  });
}
