import type { FastifyInstance } from "fastify";
import { routes } from "../../contract/index.ts";
import {
  createAccount,
  deleteAccount,
  findAccounts,
  getAccount,
  getAccountFacets,
  updateAccount,
  upsertAccount,
} from "../../domain/accounts/index.ts";
import { handle } from "../http.ts";
import type { ServerState } from "../state.ts";
import { rescore } from "./rescore.ts";

export function registerAccountRoutes(app: FastifyInstance, state: ServerState): void {
  handle(app, state, routes.listAccounts, (ctx, { query }) => findAccounts(ctx, query));
  handle(app, state, routes.accountFacets, (ctx) => getAccountFacets(ctx));
  handle(app, state, routes.createAccount, (ctx, { body }) => createAccount(ctx, body));
  handle(app, state, routes.getAccount, (ctx, { params }) => getAccount(ctx, params.id));
  // Coverage, tier or stage decide which health model scores the account: the answer shows the new score.
  handle(app, state, routes.updateAccount, async (ctx, { params, body }) => {
    await rescore(ctx, [params.id], await updateAccount(ctx, params.id, body));
    return getAccount(ctx, params.id);
  });
  handle(app, state, routes.deleteAccount, (ctx, { params }) => deleteAccount(ctx, params.id));
  handle(app, state, routes.upsertAccount, async (ctx, { params, body, reply }) => {
    const { account, created } = await upsertAccount(ctx, params.externalId, body);
    if (created) reply.header("x-steward-created", "true");
    await rescore(ctx, [account.id], account);
    return getAccount(ctx, account.id);
  });
}
