import formbody from "@fastify/formbody";
import type { FastifyInstance } from "fastify";
import { systemDb } from "../../db/system.ts";
import { trackOutbox } from "../../domain/events/index.ts";
import { confirmSharedOutcome, openSharedPlan } from "../../domain/plans/index.ts";
import { LINK_TOKEN, pageRateLimit, sendPage } from "../pages/html.ts";
import { renderPlanPage } from "../pages/plan-page.ts";
import type { ServerState } from "../state.ts";

/**
 * A success plan's shared page behind its link, apart from the JSON API: no session, no cookie.
 * GET only shows (mail scanners open links); only the form's POST records a key player's word.
 */
export function registerPlanPages(app: FastifyInstance, state: ServerState): void {
  void app.register(async (pages) => {
    await pages.register(formbody, { bodyLimit: 64 * 1024 });
    const limit = pageRateLimit("plan");
    const statusOf = (state: string) => (state === "unknown" ? 404 : state === "ended" ? 410 : 200);

    pages.get<{ Params: { token: string } }>(
      "/p/:token",
      { schema: { hide: true }, config: limit },
      async (req, reply) => {
        const page = LINK_TOKEN.test(req.params.token)
          ? await openSharedPlan(systemDb(state.db), req.params.token)
          : ({ state: "unknown" } as const);
        return sendPage(reply, statusOf(page.state), renderPlanPage(page));
      },
    );

    pages.post<{ Params: { token: string }; Body: Record<string, string> }>(
      "/p/:token",
      { schema: { hide: true }, config: limit },
      async (req, reply) => {
        if (!LINK_TOKEN.test(req.params.token))
          return sendPage(reply, 404, renderPlanPage({ state: "unknown" }));
        const outbox = trackOutbox();
        const form = typeof req.body === "object" && req.body !== null ? req.body : {};
        const result = await confirmSharedOutcome({ db: systemDb(state.db), outbox }, req.params.token, form);
        // The success index and the other consumers catch up before the thank-you page.
        if (outbox.last) await state.dispatcher.settle(outbox.last);
        const status = result.page.state !== "open" ? statusOf(result.page.state) : result.error ? 422 : 200;
        return sendPage(reply, status, renderPlanPage(result.page, result));
      },
    );
  });
}
