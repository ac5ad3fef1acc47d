import type { Account, AccountCreate, AccountUpdate } from "../../contract/accounts.ts";
import * as accounts from "../accounts/index.ts";
import type { Ctx } from "../context.ts";
import { rescoreAccounts } from "./rescore.ts";

// Coverage, tier or stage decide which health model scores an account: the answer carries the new score.

export const createAccount = (ctx: Ctx, input: AccountCreate): Promise<Account> =>
  accounts.createAccount(ctx, input);

export async function updateAccount(ctx: Ctx, id: string, patch: AccountUpdate): Promise<Account> {
  await accounts.updateAccount(ctx, id, patch);
  await rescoreAccounts(ctx, [id]);
  return accounts.getAccount(ctx, id);
}

export async function upsertAccount(ctx: Ctx, externalId: string, input: AccountCreate) {
  const { account, created } = await accounts.upsertAccount(ctx, externalId, input);
  await rescoreAccounts(ctx, [account.id]);
  return { account: await accounts.getAccount(ctx, account.id), created };
}

export const deleteAccount = (ctx: Ctx, id: string) => accounts.deleteAccount(ctx, id);
