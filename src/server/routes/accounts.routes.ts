import type { FastifyInstance } from "fastify";
import { routes } from "../../contract/index.ts";
import { findAccounts, getAccount, getAccountFacets } from "../../domain/accounts/index.ts";
import { createAccount, deleteAccount, updateAccount, upsertAccount } from "../../domain/workflows/index.ts";
import { handle } from "../http.ts";
import type { ServerState } from "../state.ts";

export function registerAccountRoutes(app: FastifyInstance, state: ServerState): void {
  handle(app, state, routes.listAccounts, (ctx, { query }) => findAccounts(ctx, query));
  handle(app, state, routes.accountFacets, (ctx) => getAccountFacets(ctx));
  handle(app, state, routes.createAccount, (ctx, { body }) => createAccount(ctx, body));
  handle(app, state, routes.getAccount, (ctx, { params }) => getAccount(ctx, params.id));
  handle(app, state, routes.updateAccount, (ctx, { params, body }) => updateAccount(ctx, params.id, body));
  handle(app, state, routes.deleteAccount, (ctx, { params }) => deleteAccount(ctx, params.id));
  handle(app, state, routes.upsertAccount, async (ctx, { params, body, reply }) => {
    const { account, created } = await upsertAccount(ctx, params.externalId, body);
    if (created) reply.header("x-steward-created", "true");
    return account;
  });
}
