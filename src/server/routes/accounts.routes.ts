import type { FastifyInstance } from "fastify";
import { routes } from "../../contract/index.ts";
import { findAccounts, getAccount, getAccountFacets } from "../../domain/accounts/index.ts";
import type { Ctx } from "../../domain/context.ts";
import { createAccount, deleteAccount, updateAccount, upsertAccount } from "../../domain/workflows/index.ts";
import { handle } from "../http.ts";
import type { ServerState } from "../state.ts";

export function registerAccountRoutes(app: FastifyInstance, state: ServerState): void {
  handle(app, state, routes.listAccounts, (ctx, { query }) => findAccounts(ctx, query));
  handle(app, state, routes.accountFacets, (ctx) => getAccountFacets(ctx));
  // An account's health depends on its coverage, tier and stage: the answer shows the new score.
  const reread = { reread: (ctx: Ctx, account: { id: string }) => getAccount(ctx, account.id) };
  handle(app, state, routes.createAccount, (ctx, { body }) => createAccount(ctx, body), reread);
  handle(app, state, routes.getAccount, (ctx, { params }) => getAccount(ctx, params.id));
  handle(
    app,
    state,
    routes.updateAccount,
    (ctx, { params, body }) => updateAccount(ctx, params.id, body),
    reread,
  );
  handle(app, state, routes.deleteAccount, (ctx, { params }) => deleteAccount(ctx, params.id));
  handle(
    app,
    state,
    routes.upsertAccount,
    async (ctx, { params, body, reply }) => {
      const { account, created } = await upsertAccount(ctx, params.externalId, body);
      if (created) reply.header("x-steward-created", "true");
      return account;
    },
    reread,
  );
}
