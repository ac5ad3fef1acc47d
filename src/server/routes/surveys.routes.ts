import type { FastifyInstance } from "fastify";
import { mailConfigOf } from "../../common/mail-config.ts";
import { routes } from "../../contract/index.ts";
import { getSurvey, listSurveys, previewSurvey, sendSurvey } from "../../domain/experience/index.ts";
import { deliverQueuedMail, getMail, listMail } from "../../domain/mail/index.ts";
import { handle } from "../http.ts";
import type { ServerState } from "../state.ts";

export function registerSurveyRoutes(app: FastifyInstance, state: ServerState): void {
  const mail = mailConfigOf(state.config);
  handle(app, state, routes.previewSurvey, (ctx, { body }) => previewSurvey(ctx, body));
  // The invitations are queued in the request's transaction; delivery starts once it committed
  // (the mail.deliver job sends whatever a stopped process left queued).
  handle(app, state, routes.sendSurvey, async (ctx, { body, afterCommit }) => {
    const sent = await sendSurvey(ctx, body, mail);
    if (sent.delivery === "queued")
      afterCommit((db) =>
        deliverQueuedMail(db, mail, { workspaceId: ctx.workspaceId, subjectId: sent.survey.id }),
      );
    return sent;
  });
  handle(app, state, routes.listSurveys, (ctx, { query }) => listSurveys(ctx, query));
  handle(app, state, routes.getSurvey, (ctx, { params }) => getSurvey(ctx, params.surveyId));
  handle(app, state, routes.listMail, (ctx, { query }) => listMail(ctx, query));
  handle(app, state, routes.getMail, (ctx, { params }) => getMail(ctx, params.messageId));
}
