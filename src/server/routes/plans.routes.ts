import type { FastifyInstance } from "fastify";
import { mailConfigOf } from "../../common/mail-config.ts";
import { routes } from "../../contract/index.ts";
import {
  createPlan,
  createPlanItem,
  createPlanLink,
  createPlanTemplate,
  deletePlan,
  deletePlanItem,
  deletePlanTemplate,
  listPlans,
  listPlanTemplates,
  readPlan,
  revokePlanLink,
  updatePlan,
  updatePlanItem,
  updatePlanTemplate,
} from "../../domain/plans/index.ts";
import { handle } from "../http.ts";
import type { ServerState } from "../state.ts";

export function registerPlanRoutes(app: FastifyInstance, state: ServerState): void {
  // Share links are built from the configured public address, never from the request's Host.
  const { publicUrl } = mailConfigOf(state.config);
  handle(app, state, routes.listPlans, (ctx, { query }) => listPlans(ctx, query));
  handle(app, state, routes.createPlan, (ctx, { body }) => createPlan(ctx, body));
  handle(app, state, routes.getPlan, (ctx, { params }) => readPlan(ctx, params.planId));
  handle(app, state, routes.updatePlan, (ctx, { params, body }) => updatePlan(ctx, params.planId, body));
  handle(app, state, routes.deletePlan, (ctx, { params }) => deletePlan(ctx, params.planId));
  handle(app, state, routes.createPlanItem, (ctx, { params, body }) =>
    createPlanItem(ctx, params.planId, body),
  );
  handle(app, state, routes.updatePlanItem, (ctx, { params, body }) =>
    updatePlanItem(ctx, params.planId, params.itemId, body),
  );
  handle(app, state, routes.deletePlanItem, (ctx, { params }) =>
    deletePlanItem(ctx, params.planId, params.itemId),
  );
  handle(app, state, routes.createPlanLink, (ctx, { params, body }) =>
    createPlanLink(ctx, params.planId, body, publicUrl),
  );
  handle(app, state, routes.revokePlanLink, (ctx, { params }) =>
    revokePlanLink(ctx, params.planId, params.linkId),
  );
  handle(app, state, routes.listPlanTemplates, (ctx) => listPlanTemplates(ctx));
  handle(app, state, routes.createPlanTemplate, (ctx, { body }) => createPlanTemplate(ctx, body));
  handle(app, state, routes.updatePlanTemplate, (ctx, { params, body }) =>
    updatePlanTemplate(ctx, params.templateId, body),
  );
  handle(app, state, routes.deletePlanTemplate, (ctx, { params }) =>
    deletePlanTemplate(ctx, params.templateId),
  );
}
