import { AppError } from "../../common/errors.ts";
import { newId } from "../../common/ids.ts";
import type { Account, AccountCreate } from "../../contract/accounts.ts";
import { withTx } from "../../db/transaction.ts";
import { actorPerson, type Ctx } from "../context.ts";
import { recordEvents } from "../events/index.ts";
import { recordTimeline } from "../timeline/index.ts";
import { checkAccountReferences, checkStage } from "./account.checks.ts";
import {
  findAccount,
  findAccountByExternalId,
  insertAccount,
  insertStageChanges,
} from "./account.queries.ts";
import { settingSources, toAccount } from "./account.rules.ts";

export async function createAccount(ctx: Ctx, input: AccountCreate): Promise<Account> {
  return withTx(ctx.db, async (db) => {
    const tx = { ...ctx, db };
    await checkAccountReferences(tx, null, input);
    await checkStage(tx, input.lifecycleStage, null);
    if (input.externalId && (await findAccountByExternalId(db, ctx.workspaceId, input.externalId))) {
      throw new AppError("CONFLICT", `An account with external id "${input.externalId}" already exists`);
    }
    const id = newId();
    await insertAccount(db, { ...input, ...settingSources(input), workspaceId: ctx.workspaceId, id });
    await insertStageChanges(
      db,
      ctx.workspaceId,
      [{ accountId: id, from: null, to: input.lifecycleStage ?? "onboarding" }],
      "hand",
      actorPerson(ctx.actor),
    );
    await recordTimeline(tx, [{ accountId: id, kind: "account", title: "Account created" }]);
    await recordEvents(tx, [{ type: "account.created", data: { accountId: id } }]);
    const row = await findAccount(db, ctx.workspaceId, id);
    if (!row) throw new AppError("INTERNAL", "account vanished after insert");
    return toAccount(row);
  });
}
