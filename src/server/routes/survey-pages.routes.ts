import formbody from "@fastify/formbody";
import type { FastifyInstance } from "fastify";
import { systemDb } from "../../db/system.ts";
import { trackOutbox } from "../../domain/events/index.ts";
import { answerInvitation, openInvitation } from "../../domain/experience/index.ts";
import { LINK_TOKEN, pageRateLimit, sendPage as send } from "../pages/html.ts";
import { renderSurveyPage } from "../pages/survey-page.ts";
import type { ServerState } from "../state.ts";

/**
 * The public survey answer page behind each personal link, apart from the JSON API: no session,
 * no cookie. GET only shows (mail scanners open links); only the form's POST answers. Pages are
 * kept out of search engines and referrers, and limited per address.
 */
export function registerSurveyPages(app: FastifyInstance, state: ServerState): void {
  void app.register(async (pages) => {
    await pages.register(formbody, { bodyLimit: 64 * 1024 });
    const limit = pageRateLimit("survey");

    pages.get<{ Params: { token: string } }>(
      "/s/:token",
      { schema: { hide: true }, config: limit },
      async (req, reply) => {
        const page = LINK_TOKEN.test(req.params.token)
          ? await openInvitation(systemDb(state.db), req.params.token)
          : ({ state: "unknown" } as const);
        return send(reply, page.state === "unknown" ? 404 : 200, renderSurveyPage(page));
      },
    );

    pages.post<{ Params: { token: string }; Body: Record<string, string> }>(
      "/s/:token",
      { schema: { hide: true }, config: limit },
      async (req, reply) => {
        if (!LINK_TOKEN.test(req.params.token))
          return send(reply, 404, renderSurveyPage({ state: "unknown" }));
        const outbox = trackOutbox();
        const form = typeof req.body === "object" && req.body !== null ? req.body : {};
        const result = await answerInvitation({ db: systemDb(state.db), outbox }, req.params.token, form);
        // The closed loop and the other consumers run before the thank-you page, as after an API write.
        if (outbox.last) await state.dispatcher.settle(outbox.last);
        const status = result.page.state === "unknown" ? 404 : result.error ? 422 : result.saved ? 200 : 409;
        return send(reply, status, renderSurveyPage(result.page, result));
      },
    );
  });
}
