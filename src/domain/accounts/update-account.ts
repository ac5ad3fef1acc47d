import { AppError, notFound } from "../../common/errors.ts";
import type { Account, AccountUpdate } from "../../contract/accounts.ts";
import { withTx } from "../../db/transaction.ts";
import { actorPerson, type Ctx } from "../context.ts";
import { recordEvents } from "../events/index.ts";
import { recordTimeline } from "../timeline/index.ts";
import { checkAccountReferences, checkStage } from "./account.checks.ts";
import {
  findAccount,
  findAccountByExternalId,
  insertStageChanges,
  updateAccountRow,
} from "./account.queries.ts";
import { settingSources, toAccount } from "./account.rules.ts";

export async function updateAccount(ctx: Ctx, id: string, patch: AccountUpdate): Promise<Account> {
  return withTx(ctx.db, async (db) => {
    const tx = { ...ctx, db };
    const before = await findAccount(db, ctx.workspaceId, id);
    if (!before) throw notFound("Account");
    await checkAccountReferences(tx, id, patch, before.customFields);
    await checkStage(tx, patch.lifecycleStage, before.lifecycleStage);
    if (patch.externalId && patch.externalId !== before.externalId) {
      const other = await findAccountByExternalId(db, ctx.workspaceId, patch.externalId);
      if (other && other.id !== id) {
        throw new AppError("CONFLICT", `Another account already has external id "${patch.externalId}"`);
      }
    }
    await updateAccountRow(db, ctx.workspaceId, id, { ...patch, ...settingSources(patch, before) });
    await recordEvents(tx, [
      { type: "account.changed", data: { accountId: id, fields: Object.keys(patch).sort() } },
    ]);
    if (patch.lifecycleStage && patch.lifecycleStage !== before.lifecycleStage) {
      await insertStageChanges(
        db,
        ctx.workspaceId,
        [{ accountId: id, from: before.lifecycleStage, to: patch.lifecycleStage }],
        "hand",
        actorPerson(ctx.actor),
      );
      await recordTimeline(tx, [
        {
          accountId: id,
          kind: "account",
          title: `Lifecycle stage: ${before.lifecycleStage} → ${patch.lifecycleStage}`,
        },
      ]);
    }
    const row = await findAccount(db, ctx.workspaceId, id);
    if (!row) throw notFound("Account");
    return toAccount(row);
  });
}
