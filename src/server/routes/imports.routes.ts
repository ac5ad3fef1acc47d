import { Readable } from "node:stream";
import type { FastifyInstance, FastifyReply } from "fastify";
import { routes } from "../../contract/index.ts";
import { checkStageFilter } from "../../domain/accounts/index.ts";
import {
  exportCsv,
  getImport,
  listImports,
  previewImport,
  saveImportMapping,
} from "../../domain/imports/index.ts";
import { importRecords } from "../../domain/workflows/index.ts";
import { handle } from "../http.ts";
import type { ServerState } from "../state.ts";

function attachment(reply: FastifyReply, entity: string): void {
  const day = new Date().toISOString().slice(0, 10);
  reply.header("content-disposition", `attachment; filename="steward-${entity}-${day}.csv"`);
}

export function registerImportRoutes(app: FastifyInstance, state: ServerState): void {
  handle(app, state, routes.previewImport, (ctx, { params, body }) =>
    previewImport(ctx, params.entity, body.csv),
  );
  // A usage import creates event partitions before its transaction and drains the roll-up queue
  // of every workspace after it: maintenance on the system path, so it runs there (filtered by the
  // workspace in every query, as `steward import` does). Other imports run in the workspace.
  handle(app, state, routes.runImport, (ctx, { params, body }) => importRecords(ctx, params.entity, body), {
    path: (params) => (params.entity === "usage" ? "system" : "workspace"),
  });
  handle(app, state, routes.listImports, (ctx, { query }) => listImports(ctx, query));
  handle(app, state, routes.getImport, (ctx, { params }) => getImport(ctx, params.id));
  handle(app, state, routes.saveImportMapping, (ctx, { params, body }) =>
    saveImportMapping(ctx, params.entity, params.name, body),
  );
  handle(app, state, routes.exportCsv, async (ctx, { params, reply }) => {
    attachment(reply, params.entity);
    return Readable.from(exportCsv(ctx, params.entity));
  });
  handle(app, state, routes.exportAccounts, async (ctx, { query, reply }) => {
    // Refused before the file starts, as the list it exports refuses it.
    await checkStageFilter(ctx, query.lifecycleStage);
    attachment(reply, "accounts");
    return Readable.from(exportCsv(ctx, "accounts", query));
  });
  handle(app, state, routes.exportContacts, async (ctx, { query, reply }) => {
    attachment(reply, "contacts");
    return Readable.from(exportCsv(ctx, "contacts", query));
  });
}
