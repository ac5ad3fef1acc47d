import type { FastifyInstance } from "fastify";
import { routes } from "../../contract/index.ts";
import {
  approveCharterDraft,
  discardCharterDraft,
  getCharter,
  saveCharterDraft,
} from "../../domain/charter/index.ts";
import { handle } from "../http.ts";
import type { ServerState } from "../state.ts";

/** The customer-success charter: read by every member, drafted and approved by owners and admins. */
export function registerCharterRoutes(app: FastifyInstance, state: ServerState): void {
  handle(app, state, routes.getCharter, (ctx) => getCharter(ctx));
  handle(app, state, routes.saveCharterDraft, (ctx, { body }) => saveCharterDraft(ctx, body));
  handle(app, state, routes.approveCharterDraft, (ctx) => approveCharterDraft(ctx));
  handle(app, state, routes.discardCharterDraft, (ctx) => discardCharterDraft(ctx));
}
