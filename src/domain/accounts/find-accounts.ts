import { jsonPage } from "../../common/json-text.ts";
import type { Account, AccountListQuery } from "../../contract/accounts.ts";
import type { Ctx } from "../context.ts";
import { checkStageFilter } from "./account.checks.ts";
import { accountFacets, pageAccounts } from "./account.queries.ts";

/** A page of accounts as JSON text rendered by the database: the list is the API's hottest read. */
export async function findAccounts(ctx: Ctx, query: AccountListQuery) {
  await checkStageFilter(ctx, query.lifecycleStage);
  const page = await pageAccounts(ctx.db, ctx.workspaceId, query);
  return jsonPage<Account>(
    page.data.map((r) => r.json),
    page.nextCursor,
  );
}

export const getAccountFacets = (ctx: Ctx) => accountFacets(ctx.db, ctx.workspaceId);
