import { notFound } from "../../common/errors.ts";
import type { Account } from "../../contract/accounts.ts";
import type { Ctx } from "../context.ts";
import { findAccount } from "./account.queries.ts";
import { toAccount } from "./account.rules.ts";

export async function getAccount(ctx: Ctx, id: string): Promise<Account> {
  const row = await findAccount(ctx.db, ctx.workspaceId, id);
  if (!row) throw notFound("Account");
  return toAccount(row);
}
