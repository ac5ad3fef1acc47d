import type { FastifyInstance } from "fastify";
import { routes } from "../../contract/index.ts";
import {
  deleteSurveyResponse,
  deleteTicket,
  findSurveyResponses,
  findTickets,
  getExperienceMetrics,
  readTicket,
  recordSurveyResponse,
  recordTicket,
} from "../../domain/experience/index.ts";
import { handle } from "../http.ts";
import type { ServerState } from "../state.ts";

export function registerExperienceRoutes(app: FastifyInstance, state: ServerState): void {
  handle(app, state, routes.listTickets, (ctx, { query }) => findTickets(ctx, query));
  handle(app, state, routes.recordTicket, (ctx, { body }) => recordTicket(ctx, body));
  handle(app, state, routes.getTicket, (ctx, { params }) => readTicket(ctx, params.ticketId));
  handle(app, state, routes.deleteTicket, (ctx, { params }) => deleteTicket(ctx, params.ticketId));
  handle(app, state, routes.listSurveyResponses, (ctx, { query }) => findSurveyResponses(ctx, query));
  handle(app, state, routes.recordSurveyResponse, (ctx, { body }) => recordSurveyResponse(ctx, body));
  handle(app, state, routes.deleteSurveyResponse, (ctx, { params }) =>
    deleteSurveyResponse(ctx, params.responseId),
  );
  handle(app, state, routes.getExperienceMetrics, (ctx, { query }) => getExperienceMetrics(ctx, query));
}
