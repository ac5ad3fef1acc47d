import type { FastifyInstance } from "fastify";
import { routes } from "../../contract/index.ts";
import {
  createRule,
  deleteRule,
  dryRunRule,
  getRule,
  getRuleRun,
  listRuleRuns,
  listRules,
  replayRule,
  runRuleNow,
  updateRule,
} from "../../domain/rules/index.ts";
import { handle } from "../http.ts";
import type { ServerState } from "../state.ts";

export function registerRuleRoutes(app: FastifyInstance, state: ServerState): void {
  handle(app, state, routes.listRules, async (ctx) => ({ data: await listRules(ctx) }));
  handle(app, state, routes.createRule, (ctx, { body }) => createRule(ctx, body));
  handle(app, state, routes.getRule, (ctx, { params }) => getRule(ctx, params.ruleId));
  handle(app, state, routes.updateRule, (ctx, { params, body }) => updateRule(ctx, params.ruleId, body));
  handle(app, state, routes.deleteRule, (ctx, { params }) => deleteRule(ctx, params.ruleId));
  handle(app, state, routes.dryRunRule, (ctx, { params }) => dryRunRule(ctx, params.ruleId));
  handle(app, state, routes.replayRule, (ctx, { params, query }) =>
    replayRule(ctx, params.ruleId, query.days),
  );
  handle(app, state, routes.runRule, (ctx, { params }) => runRuleNow(ctx, params.ruleId));
  handle(app, state, routes.listRuleRuns, (ctx, { params, query }) =>
    listRuleRuns(ctx, params.ruleId, query),
  );
  handle(app, state, routes.getRuleRun, (ctx, { params }) => getRuleRun(ctx, params.ruleId, params.runId));
}
