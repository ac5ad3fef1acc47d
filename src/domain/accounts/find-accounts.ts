import type { AccountListQuery } from "../../contract/accounts.ts";
import type { Ctx } from "../context.ts";
import { accountFacets, pageAccounts } from "./account.queries.ts";
import { toAccount } from "./account.rules.ts";

export async function findAccounts(ctx: Ctx, query: AccountListQuery) {
  const page = await pageAccounts(ctx.db, ctx.workspaceId, query);
  return { data: page.data.map(toAccount), nextCursor: page.nextCursor };
}

export const getAccountFacets = (ctx: Ctx) => accountFacets(ctx.db, ctx.workspaceId);
