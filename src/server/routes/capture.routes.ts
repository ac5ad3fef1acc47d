import type { FastifyInstance } from "fastify";
import { inboundMailConfigOf } from "../../common/mail-config.ts";
import { routes } from "../../contract/index.ts";
import {
  dismissCapturedEmail,
  findCapturedEmails,
  getCaptureAddress,
  regenerateCaptureAddress,
} from "../../domain/capture/index.ts";
import { assignCapturedEmail } from "../../domain/workflows/index.ts";
import { handle } from "../http.ts";
import type { ServerState } from "../state.ts";

export function registerCaptureRoutes(app: FastifyInstance, state: ServerState): void {
  // The capture domain while this server's inbound listener is configured; null when it is off.
  const domain = inboundMailConfigOf(state.config)?.domain ?? null;
  handle(app, state, routes.getCaptureAddress, (ctx) => getCaptureAddress(ctx, domain));
  handle(app, state, routes.regenerateCaptureAddress, (ctx) => regenerateCaptureAddress(ctx, domain));
  handle(app, state, routes.listCapturedEmails, (ctx, { query }) => findCapturedEmails(ctx, query));
  handle(app, state, routes.assignCapturedEmail, (ctx, { params, body }) =>
    assignCapturedEmail(ctx, params.emailId, body),
  );
  handle(app, state, routes.dismissCapturedEmail, (ctx, { params }) =>
    dismissCapturedEmail(ctx, params.emailId),
  );
}
